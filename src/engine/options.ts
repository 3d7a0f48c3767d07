/**
 * The engine's options in one place: what a program creates it with (`EngineOptions`), and every tuned setting
 * outside the quotation reader (`quotes/`), each documented on its type with its default, as MiniSearch documents its
 * own, the defaults following as one constant per concern. Ranking and summary weights are tuned on the dev sets
 * (`npm run eval`); limits and sizes on the benchmarks (`npm run bench`).
 */
import type { BM25Params } from 'minisearch';

/** The few logging calls the engine makes (pino's signature), so any structured logger fits. */
export interface Logger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

/** A logger that drops everything, for tests and scripts that want silence. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Where the engine finds its corpus and keeps its index. */
export interface EngineOptions {
  corpusDir: string;
  /** Folder for the cached index; `null` disables caching. */
  cacheDir: string | null;
  logger?: Logger;
  /**
   * Make what is left lazy (the quote index when the archive comes from the cache, the title list
   * for autocomplete, the term tree for spelling variants) right after start-up instead of on
   * first use: for long-running front ends, not for one-shot commands.
   */
  warmUp?: boolean;
  /** Process-wide settings around each parallel build, chosen by the program (see `src/buildTuning.ts`). */
  buildTuning?: BuildTuning;
}

/** What a program sets around a parallel build (V8 flags, say): the engine itself touches no process-wide setting. */
export interface BuildTuning {
  /** Runs the build with the settings in force, and puts them back after. */
  during<T>(build: () => Promise<T>): Promise<T>;
}

/** How the first stage of /ask scores passages (BM25+ over the passage index) and how much work it may do. */
export interface RankingOptions {
  /** Weight of each indexed field. Default: text 1, title 1.5 (the title counts as a field of each of its passages). */
  boost: { text: number; title: number };
  /**
   * BM25+ parameters. Default: k 2.5, b 1, d 0.5: full length normalisation and slow tf saturation suit passages of
   * very different lengths.
   */
  bm25: BM25Params;
  /**
   * Exponent of the number of question terms matched that multiplies the score (1: MiniSearch's BM25+; 0: the plain
   * sum). Default 0.25: a soft coordination factor lets a passage holding fewer but rarer question words win.
   */
  coordination: number;
  /**
   * Postings read in full to find candidates: the rarest terms are read until this many, the commoner ones are only
   * looked up for those candidates (so "قال" never scores every passage). Default 5,000.
   */
  budget: number;
  /** Weight of spelling variants (one edit away) standing in for a question word the index does not hold; 0 or absent: none. Default 1. */
  fuzzyWeight?: number;
}

/** The tuned ranking (Arabic QA dev sets). */
export const RANKING: RankingOptions = {
  boost: { text: 1, title: 1.5 },
  bm25: { k: 2.5, b: 1, d: 0.5 },
  coordination: 0.25,
  budget: 5_000,
  fuzzyWeight: 1,
};

/** How much the second ranking stage of /ask weighs each signal against the normalised BM25 score. */
export interface RerankWeights {
  /** Share of the question's idf mass the passage contains. Default 1. */
  coverage: number;
  /** Question terms that stand close together in the passage. Default 0.5. */
  proximity: number;
  /** How many of the best BM25 hits are re-scored. Default 40. */
  depth: number;
  /** Distance in words within which two question terms count as close. Default 4. */
  window: number;
  /** Credit, against a full match, for a question term found only as a variant (shared prefix, one edit). Default 0.8. */
  partial: number;
  /** Share of the question's idf mass found in the passage's best sentence. Default 0.5. */
  sentence: number;
  /** Bonus for an opening passage whose article the question names: a lead introduces its subject. Default 0.1. */
  lead: number;
}

/** The tuned reranking (Arabic QA dev sets). */
export const RERANK: RerankWeights = { coverage: 1, proximity: 0.5, depth: 40, window: 4, partial: 0.8, sentence: 0.5, lead: 0.1 };

/** How much reading of passage texts one /ask question may do. */
export interface AskLimits {
  /** A common term's list is looked up for each candidate (a binary search) when it is this many times longer than the candidate list; shorter lists are read through. Default 8. */
  probeRatio: number;
  /** Phrase checks read the passage text, so only this many hits holding every phrase word are checked. Default 300. */
  phraseChecks: number;
  /** Hits grouped exactly for syndicated copies (at least; four times the page asked for when more): the rest of a long tail is counted as distinct passages. Default 200. */
  groupedHits: number;
  /** Longest quote text /whosaid searches (characters): a pasted message beyond this is cut. Default 1000. */
  maxQuoteQuery: number;
  /** How many close titles a "did you mean" offers when several articles match. Default 5. */
  articleChoices: number;
}

/** The limits of one question. */
export const ASK_LIMITS: AskLimits = { probeRatio: 8, phraseChecks: 300, groupedHits: 200, maxQuoteQuery: 1000, articleChoices: 5 };

/** How many words an archive's analyser remembers (see `Analyzer`): each memo starts afresh when full. */
export interface AnalyzerMemory {
  /** Index terms of normalised tokens. Default 500,000. */
  terms: number;
  /** Stems of words as written, for highlighting. Default 200,000. */
  writtenStems: number;
}

/** The analyser's memory. */
export const ANALYZER_MEMORY: AnalyzerMemory = { terms: 500_000, writtenStems: 200_000 };

/** How articles are cut into passages. */
export interface PassageOptions {
  /** Paragraphs longer than this many characters are cut into sentence windows. Default 1200. */
  maxChars: number;
  /** Sentences repeated at the start of the next window so an answer spanning two sentences is not cut. Default 1. */
  overlap: number;
}

/** The defaults used when building the index. */
export const DEFAULT_PASSAGE_OPTIONS: PassageOptions = { maxChars: 1200, overlap: 1 };

/** The handful of weights that rank an article's sentences; tuned once on EASC dev, never per article. */
export interface SummaryWeights {
  /** Weight of the position prior `1 / (1 + positionScale · index / sentences) ^ positionDecay`. Default 2. */
  position: number;
  /** How fast the position prior falls. Default 0.5. */
  positionDecay: number;
  /** Steps of the position prior across a whole article: it falls with the share of the article read, not the sentence count. Default 5. */
  positionScale: number;
  /** Weight of LexRank centrality (scaled to 0–1). Default 0.5. */
  centrality: number;
  /** Weight of the cosine similarity with the title. Default 0.3. */
  title: number;
  /** Bonus for the article's first sentence (a news lead), which a long article's flat position prior no longer singles out. Default 0.3. */
  lead: number;
  /** Bonus for opening a paragraph. Default 0.15. */
  paragraphStart: number;
  /** Share of its score a sentence loses when it leans on the one before ("وأضاف…", "وهو…"). Default 0.15. */
  dangling: number;
  /** Sentences with fewer content words than this are scaled down in proportion. Default 10. */
  minWords: number;
  /** Sentences with more content words than this are scaled down in proportion. Default 150. */
  maxWords: number;
  /** MMR trade-off between importance (1) and novelty (0). Default 0.7. */
  lambda: number;
}

/** The tuned summary weights (EASC dev, see scripts/evalSummaries.ts). */
export const DEFAULT_WEIGHTS: SummaryWeights = {
  position: 2,
  positionDecay: 0.5,
  positionScale: 5,
  centrality: 0.5,
  title: 0.3,
  lead: 0.3,
  paragraphStart: 0.15,
  dangling: 0.15,
  minWords: 10,
  maxWords: 150,
  lambda: 0.7,
};

/** The heuristics that tell a summary's sentences from headings, captions, lists and hard-wrapped lines. */
export interface SummaryHeuristics {
  /** Sentences of an article's opening read to tell a feature (a listicle introduces its list within a short paragraph or two). Default 5. */
  featureOpening: number;
  /** Fewer content words than this make a heading ("الاحتجاجات في الأردن.."), not a sentence. Default 4. */
  minSentenceWords: number;
  /** A line with at least this many words and no closing mark is a hard-wrapped piece of a longer sentence. Default 6. */
  wrappedLineWords: number;
  /** A body is hard-wrapped when at least this share of its lines, and two or more, end with neither a closing mark nor a comma. Default 0.5. */
  wrappedShare: number;
}

/** The summary heuristics. */
export const SUMMARY_HEURISTICS: SummaryHeuristics = { featureOpening: 5, minSentenceWords: 4, wrappedLineWords: 6, wrappedShare: 0.5 };

/** How a topic summary picks sentences from the stories /ask finds. */
export interface TopicWeights {
  /** Redundancy of two sentences of one story, so a summary hears from several outlets before one says more. Default 0.5. */
  sameStoryRedundancy: number;
  /**
   * Share of the topic's idf weight (archive idf) a sentence must hold to be quoted: the topic's rarest word, or most
   * of its common ones ("الأمريكي" alone is not "الانسحاب الأمريكي من الاتفاق النووي"). Default 0.5.
   */
  onTopicShare: number;
  /** Weight of similarity with the topic against the sentence's importance in its article (1 − this). Default 0.6. */
  relevance: number;
}

/** The tuned topic weights. */
export const TOPIC_WEIGHTS: TopicWeights = { sameStoryRedundancy: 0.5, onTopicShare: 0.5, relevance: 0.6 };

/** The heuristics that read a corpus: its encoding, its language, the page furniture around its prose, its quotations. */
export interface CorpusHeuristics {
  /** Characters of an article looked at to guess its language: the opening says as much as all of it. Default 4000. */
  languageSample: number;
  /** Share of Arabic-script letters that پ چ ژ گ must reach to call a text Persian on their own. Default 0.01. */
  persianConsonantShare: number;
  /** Above this share of control characters (other than tab, line feed, carriage return, form feed) a file is binary. Default 0.01. */
  maxControlShare: number;
  /** Windows-1256 is accepted when at least this share of the non-ASCII characters it gives are Arabic script. Default 0.6. */
  minArabicShare: number;
  /** A paragraph this long (characters) is article prose even without closing punctuation; headlines are shorter. Default 150. */
  proseLength: number;
  /** Lines shorter than this many words, without closing punctuation, are names and labels, not prose. Default 6. */
  shortLineWords: number;
  /** Quotation spans longer than this (characters) are taken for stray marks, not a quotation, when splitting sentences. Default 1200. */
  maxQuoteSpan: number;
}

/** The corpus heuristics. */
export const CORPUS_HEURISTICS: CorpusHeuristics = {
  languageSample: 4000,
  persianConsonantShare: 0.01,
  maxControlShare: 0.01,
  minArabicShare: 0.6,
  proseLength: 150,
  shortLineWords: 6,
  maxQuoteSpan: 1200,
};

/** How the corpus and the cached index are read. */
export interface LoadLimits {
  /** How many corpus files are read at once. Default 32. */
  readConcurrency: number;
  /** How long (ms) after loading from the cache the article text starts being read into memory (start-up comes first). Default 1000. */
  preloadDelayMs: number;
}

/** The load limits. */
export const LOAD_LIMITS: LoadLimits = { readConcurrency: 32, preloadDelayMs: 1000 };

/** How an archive is built and updated. */
export interface BuildLimits {
  /** Corpora from this many articles up are built on worker threads. Default 2,000. */
  parallelFrom: number;
  /** Articles per chunk of quotation reading: the unit the threads of a parallel build share out. Default 256. */
  quoteChunk: number;
  /** While a worker's modules load, the main thread indexes in slices this long (ms) between turns of its event loop. Default 5. */
  startupSliceMs: number;
  /**
   * The heap limits of a quotation worker (MB). Its live data is bounded whatever the corpus, but V8 lets a growing
   * heap reach up to four times its live size before a full collection: a ceiling makes it collect sooner, and a small
   * young generation suits its short-lived objects (a paragraph's tokens); docs/performance-history.md has the
   * measurements. A worker that outgrows the ceiling stops, and its chunks are read on the main thread.
   * Default 512 MB old, 16 MB young.
   */
  quoteWorker: { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number };
  /** Share of the corpus's articles above which a change is rebuilt whole (merging would cost as much). Default 0.5. */
  maxUpdatedShare: number;
}

/** The build's limits. */
export const BUILD_LIMITS: BuildLimits = {
  parallelFrom: 2_000,
  quoteChunk: 256,
  startupSliceMs: 5,
  quoteWorker: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 16 },
  maxUpdatedShare: 0.5,
};

/**
 * The engine's options in one place: what a program creates it with (`EngineOptions`), and every tuned setting,
 * each documented on its type with its default, as MiniSearch documents its own, the defaults following as one
 * constant per concern. Ranking, summary and quotation weights are tuned on the dev sets (`npm run eval`); limits and
 * sizes on the benchmarks (`npm run bench`).
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

/**
 * What a program sets around a parallel build, or the worker-thread analysis of an ingestion into PostgreSQL
 * (V8 flags, say): the engine itself touches no process-wide setting.
 */
export interface BuildTuning {
  /** Runs the build with the settings in force, and puts them back after. */
  during<T>(build: () => Promise<T>): Promise<T>;
}

/** Runs `work` inside `tuning` when the program gave one, else as it is. */
export function underTuning<T>(tuning: BuildTuning | undefined, work: () => Promise<T>): Promise<T> {
  return tuning ? tuning.during(work) : work();
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

/** How the quotation reader reads an article (`quotes/`), tuned on the quotes dev files (`npm run eval -- quotes`). */
export interface QuoteReading {
  /**
   * Words a quotation reader keeps what it worked out about (normal and bare forms, cue, traits) before it starts afresh,
   * between two articles: a bound on a build thread's memory, not on what it finds. Default 500,000.
   */
  readerWords: number;
  /** Tokens after a verb-first cue (`قال …`) that its subject may run over. Default 14. */
  subjectTokens: number;
  /** Words in quotation marks a subject may hold (a name or capacity in marks, not a quotation). Default 8. */
  subjectQuoteWords: number;
  /** Tokens after a cue searched for what it introduces (a colon, an إن/أن clause, a quotation). Default 30. */
  contentTokens: number;
  /** Words a quotation in marks needs to be taken inside a reported clause: after a say cue, after another cue. Default 4 and 2. */
  clauseQuoteWords: { say: number; other: number };
  /** Groups of words (joined by particles) a person's name may run over after a title. Default 5. */
  nameGroups: number;
  /** Words of a title-only mention (`الوزير`, `وزير الخارجية`) a person's known title must share to be that person (all, when fewer). Default 2. */
  titleWords: number;
  /**
   * English: how much an honorific or a first name of known sex (Mr, Jane) tells of a person's sex, against 1 for each
   * he/she that follows their name. Default 3.
   */
  englishNamedSex: number;
  /** English: tokens after a cue (past its addressee) searched for `that`. Default 8. */
  englishThatTokens: number;
  /** English: tokens between a cue and its quotation that may be an adverbial, not the content. Default 10. */
  englishAdverbialTokens: number;
  /** English: tokens after an opening `said Jane Doe` searched for the comma before its content. Default 25. */
  englishCommaTokens: number;
}

/** The tuned quotation reading. */
export const QUOTE_READING: QuoteReading = {
  readerWords: 500_000,
  subjectTokens: 14,
  subjectQuoteWords: 8,
  contentTokens: 30,
  clauseQuoteWords: { say: 4, other: 2 },
  nameGroups: 5,
  titleWords: 2,
  englishNamedSex: 3,
  englishThatTokens: 8,
  englishAdverbialTokens: 10,
  englishCommaTokens: 25,
};

/** How speakers are made one person over the archive (`quotes/speakers.ts`, `quotes/spellings.ts`). */
export interface SpeakerOptions {
  /** A bare surname joins a full name only when that person was quoted within this many days (the same story). Default 60. */
  sameStoryDays: number;
  /**
   * How many times the quotations of the next most quoted candidate a shorter name's person must have, to take it; and,
   * for a bare surname, how many times the surname's own. Default 3.
   */
  dominantShare: number;
  /** A shorter name of two words or more joins its longer name's person when that person has this share of its quotations. Default 0.5. */
  longerNameShare: number;
  /**
   * A bare surname is a full name's last word when the two are equal and have `minLetters` or more, or, from
   * `variantFrom` letters, differ by `vowels` vowel letters or fewer (ترمب, ترامب). Default 3, 4 and 2.
   */
  surname: { minLetters: number; variantFrom: number; vowels: number };
}

/** The tuned speaker merging. */
export const SPEAKERS: SpeakerOptions = { sameStoryDays: 60, dominantShare: 3, longerNameShare: 0.5, surname: { minLetters: 3, variantFrom: 4, vowels: 2 } };

/** How /whosaid finds the quotations a pasted text quotes (`quotes/lookup.ts`), and how /quotes lists speakers. */
export interface WhosaidOptions {
  /** Candidates aligned for a reading of the query, by each of the two shortlists (votes, words held). Default 60. */
  shortlist: number;
  /** Quotations checked for the exact word sequence of a reading of common words, and kept. Default 50,000 and 20. */
  exactChecks: number;
  exactKept: number;
  /** Postings visited before the rarer words stop bringing new candidates (later words only add votes). Default 50,000. */
  postingsBudget: number;
  /** Postings or candidates visited before the commoner words of a long text stop voting at all. Default 200,000. */
  votingWork: number;
  /** Lowest score answered. Default 0.5. */
  minScore: number;
  /** A quotation a text holds (not the other way round) scores at most this: a partial quote found whole comes first. Default 0.75. */
  held: number;
  /**
   * A held quotation scores `held` in full when it has this share or more of the whole text's words; with fewer, its
   * score falls linearly to `heldSmall` of that (`heldSmall` + `heldRise` = 1). Default 0.2, 0.8 and 0.2.
   */
  heldFullShare: number;
  heldSmall: number;
  heldRise: number;
  /**
   * A word held in more than `commonFloor` quotations (or than 1 in `commonPer` of them, if more) is common: it votes
   * only when the query has nothing rarer. Default 2,000 and 50.
   */
  commonFloor: number;
  commonPer: number;
  /** Typos tolerated in a query word: one from this many letters, two from the second. Default 4 and 8. */
  typoLengths: { one: number; two: number };
  /** Weight of an indexed word standing for a query word that is not indexed (a misspelling within its typo tolerance). Default 0.8. */
  typoWeight: number;
  /** Quotations /whosaid answers. Default 5. */
  answers: number;
  /** Speakers the /quotes autocomplete lists. Default 25. */
  speakerChoices: number;
  /** Namesakes listed with a person found by a bare surname. Default 10. */
  namesakes: number;
}

/** The tuned /whosaid (quotes dev files asked against the ANT archive as distractors). */
export const WHOSAID: WhosaidOptions = {
  shortlist: 60,
  exactChecks: 50_000,
  exactKept: 20,
  postingsBudget: 50_000,
  votingWork: 200_000,
  minScore: 0.5,
  held: 0.75,
  heldFullShare: 0.2,
  heldSmall: 0.8,
  heldRise: 0.2,
  commonFloor: 2_000,
  commonPer: 50,
  typoLengths: { one: 4, two: 8 },
  typoWeight: 0.8,
  answers: 5,
  speakerChoices: 25,
  namesakes: 10,
};

import { type AskAnswer, type PassageArchive, ask, passageIdf } from '../search/ask.js';
import { type Article, type Result, articleRef, dayOf } from '../types.js';
import { MAX_SENTENCES } from './article.js';
import { attributed } from './attribution.js';
import { groupStories } from './duplicates.js';
import { selectMmr } from './mmr.js';
import { DEFAULT_WEIGHTS, TOPIC_WEIGHTS } from '../options.js';
import { type ScoredSentence, type SentenceUnit, scoreSentences, sentenceUnits } from './scoring.js';
import type { SummaryOptions, TopicSentence, TopicSummary } from './types.js';
import { type TopicTerms, continuesPrevious, isFeature, isGeneric, topicCoverage, topicTerms } from './topicality.js';
import { type Idf, cosine, localIdf, termVector } from './vectors.js';

/** How a topic summary reads the archive. */
export interface TopicOptions extends SummaryOptions {
  /** Passages asked of the `/ask` engine. Default 40. */
  passages?: number;
  /** Distinct stories read after grouping copies. Default 6. */
  stories?: number;
  /** Shingle Jaccard at or above which two articles are the same story. Default 0.3. */
  sameStory?: number;
}

/** Sentences of a topic summary when the caller does not say. */
export const DEFAULT_TOPIC_SENTENCES = 5;

interface Candidate extends ScoredSentence {
  article: Article;
  /** Share of the topic's idf weight the sentence holds (see `topicCoverage`). */
  coverage: number;
  /** The candidate (its number) this one goes on from: it is quoted only right after that one (see `candidatesOf`). */
  follows?: number;
}

/**
 * What the archive says about a topic: retrieves with `ask`, counts each story once (copies
 * grouped) and leaves out features (see `isFeature`), quotes only sentences about the topic that
 * say something particular (see `candidatesOf`), picks them by similarity with the topic and
 * importance with MMR against repeats, and returns them with a numbered citation each: the
 * sentence holding most of the topic first, the rest in date order. Fewer sentences than asked
 * for when fewer are on topic.
 */
export function summarizeTopic(archive: PassageArchive & { sources: readonly string[] }, topic: string, sentences?: number, options: TopicOptions = {}): Result<TopicSummary> {
  const answer = ask(archive, { question: topic, limit: options.passages ?? 40 }, archive.sources);
  if (!answer.ok) return answer;
  const ranked = answerArticles(answer).map((id) => archive.articles.get(id)!);
  return { ok: true, ...summarizeStories(ranked, topic, sentences, { ...options, analyzer: archive.analyzer, termIdf: passageIdf(archive) }) };
}

/** The articles a topic's `/ask` answer cites, best first: each passage's article, then those its copies are in. */
export function answerArticles(answer: AskAnswer): string[] {
  return [...new Set(answer.results.flatMap((r) => [r.article.id, ...r.alsoIn.map((a) => a.id)]))];
}

/** How `summarizeStories` reads the archive: its analyser, and the idf of a term over the archive's passages. */
export interface StoryOptions extends TopicOptions {
  analyzer: PassageArchive['analyzer'];
  termIdf: Idf;
}

/** The topic summary of the articles a topic's answer cites (`ranked`, best first), whichever engine found them (see `summarizeTopic`). */
export function summarizeStories(ranked: readonly Article[], topic: string, sentences: number | undefined, options: StoryOptions): TopicSummary {
  const groups: Article[][] = [];
  for (const group of groupStories(ranked, options.sameStory ?? 0.3)) {
    if (groups.length === (options.stories ?? 6)) break;
    if (!isFeature(group[0]!.body)) groups.push(group);
  }
  const stories = groups.map((group) => group[0]!);
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const units = stories.map((a) => sentenceUnits(a.body));
  const idf = options.idf ?? localIdf(units.flat().map((u) => options.analyzer.stemsOf(u.text)));
  const topicVector = termVector(options.analyzer.stemsOf(topic), idf);
  const terms = topicTerms(topic, options.termIdf);
  const candidates: Candidate[] = [];
  stories.forEach((article, rank) => {
    const scored = scoreSentences(article.title, units[rank]!, weights, idf, (text) => options.analyzer.stemsOf(text));
    const top = Math.max(...scored.map((s) => s.score), 1e-9);
    const relevance = (s: ScoredSentence) => (TOPIC_WEIGHTS.relevance * cosine(s.vector, topicVector) + (1 - TOPIC_WEIGHTS.relevance) * (s.score / top)) / Math.sqrt(rank + 1);
    candidates.push(...candidatesOf(scored, units[rank]!, terms, candidates.length).map((c) => ({ ...c, article, score: relevance(c) })));
  });
  const count = Math.min(MAX_SENTENCES, Math.max(1, Math.round(sentences ?? DEFAULT_TOPIC_SENTENCES)));
  const similarity = (a: Candidate, b: Candidate) =>
    sameText(a, b) ? 1 : Math.max(cosine(a.vector, b.vector), a.article === b.article ? TOPIC_WEIGHTS.sameStoryRedundancy : 0);
  const picked = selectMmr(candidates, count, similarity, weights.lambda, 0.6, (i) => candidates[i]!.follows);
  return cite(topic, leadThenDates(candidates, picked).map((c) => earliestCopy(c, groups[stories.indexOf(c.article)]!)), options);
}

/**
 * The sentences of one article a topic summary may quote, numbered from `first`: those holding
 * at least `TOPIC_WEIGHTS.onTopicShare` of the topic's weight, and those that come next in the paragraph of
 * one (`continuesPrevious`); none that says nothing particular (`isGeneric`). A sentence that
 * leans on the one before (`dangling`) or holds too little of the topic itself may be quoted only
 * right after the sentence before it, so it `follows` that one, and is left out when that one is.
 */
function candidatesOf(scored: readonly ScoredSentence[], units: readonly SentenceUnit[], terms: TopicTerms, first: number): Array<Omit<Candidate, 'article'>> {
  const coverage = scored.map((s) => topicCoverage(s.stems, terms));
  const numbers = new Map<number, number>();
  const kept: Array<Omit<Candidate, 'article'>> = [];
  scored.forEach((s, i) => {
    const holds = coverage[i]! >= TOPIC_WEIGHTS.onTopicShare;
    const continues = continuesPrevious(units, i) && coverage[i - 1]! >= TOPIC_WEIGHTS.onTopicShare;
    if ((!holds && !continues) || isGeneric(s.text)) return;
    const dependent = s.dangling || !holds;
    const follows = dependent ? numbers.get(i - 1) : undefined;
    if (dependent && follows === undefined) return;
    numbers.set(i, first + kept.length);
    kept.push({ ...s, coverage: coverage[i]!, ...(follows === undefined ? {} : { follows }) });
  });
  return kept;
}

/**
 * The picked sentences (candidate numbers) in reading order: the self-standing one holding most of
 * the topic first (the earliest on a tie), with the sentences that follow it, then the rest in
 * date order (a sentence and the one it follows are neighbours in one article, so they stay together).
 */
function leadThenDates(candidates: readonly Candidate[], picked: readonly number[]): Candidate[] {
  const byDate = [...picked].sort((a, b) => {
    const [x, y] = [candidates[a]!, candidates[b]!];
    return dayOf(x.article.date).localeCompare(dayOf(y.article.date)) || x.article.id.localeCompare(y.article.id) || x.start - y.start;
  });
  const heads = byDate.filter((n) => candidates[n]!.follows === undefined);
  if (heads.length === 0) return byDate.map((n) => candidates[n]!);
  const lead = heads.reduce((best, n) => (candidates[n]!.coverage > candidates[best]!.coverage ? n : best));
  const run = [lead];
  for (let at = byDate.indexOf(lead) + 1; at < byDate.length && candidates[byDate[at]!]!.follows === run[run.length - 1]; at++) run.push(byDate[at]!);
  return [...run, ...byDate.filter((n) => !run.includes(n))].map((n) => candidates[n]!);
}

/** The sentence as the earliest article of its story carries it word for word (the original, not a later copy), else as picked. */
function earliestCopy(sentence: Candidate, story: readonly Article[]): Candidate {
  let best = sentence;
  for (const article of story) {
    if (dayOf(article.date) >= dayOf(best.article.date)) continue;
    const start = article.body.indexOf(sentence.text);
    if (start >= 0) best = { ...sentence, article, start, end: start + sentence.text.length };
  }
  return best;
}

function sameText(a: Candidate, b: Candidate): boolean {
  return a.stems.join(' ') === b.stems.join(' ');
}

/** Numbers the articles in order of first citation and attaches each sentence's number. */
function cite(topic: string, picked: readonly Candidate[], options: SummaryOptions): TopicSummary {
  const numbers = new Map<string, number>();
  const sources: TopicSummary['sources'] = [];
  const sentences = picked.map((s): TopicSentence => {
    let number = numbers.get(s.article.id);
    if (number === undefined) {
      number = numbers.size + 1;
      numbers.set(s.article.id, number);
      sources.push({ cite: number, article: articleRef(s.article) });
    }
    // A topic summary's sentences come from many stories: a speaker is shown only when the cue names them there.
    const attribution = options.speakerOf?.(s.article.id, s.start, s.end);
    return { text: s.text, start: s.start, end: s.end, article: articleRef(s.article), cite: number, ...attributed(attribution?.named ? attribution : undefined) };
  });
  return { topic, sentences, sources };
}

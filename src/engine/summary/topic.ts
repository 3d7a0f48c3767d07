import { analyze } from '../text/analyzer.js';
import { type PassageArchive, ask } from '../search/ask.js';
import { type Article, type Result, articleRef, dayOf } from '../types.js';
import { MAX_SENTENCES } from './article.js';
import { groupStories } from './duplicates.js';
import { selectMmr } from './mmr.js';
import { DEFAULT_WEIGHTS, type ScoredSentence, scoreSentences, sentenceUnits } from './scoring.js';
import type { SummaryOptions, TopicSentence, TopicSummary } from './types.js';
import { cosine, localIdf, termVector } from './vectors.js';

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

/** Redundancy of two sentences of one story, so a summary hears from several outlets before one says more. */
const SAME_STORY_REDUNDANCY = 0.5;

interface Candidate extends ScoredSentence {
  article: Article;
}

/**
 * What the archive says about a topic: retrieves with `ask`, counts each story once (copies
 * grouped), picks sentences by relevance and importance with MMR against repeats, and returns
 * them in date order, each with a numbered citation.
 */
export function summarizeTopic(archive: PassageArchive & { sources: readonly string[] }, topic: string, sentences?: number, options: TopicOptions = {}): Result<TopicSummary> {
  const answer = ask(archive, { question: topic, limit: options.passages ?? 40 }, archive.sources);
  if (!answer.ok) return answer;
  const ranked = [...new Set(answer.results.flatMap((r) => [r.article.id, ...r.alsoIn.map((a) => a.id)]))].map((id) => archive.articles.get(id)!);
  const groups = groupStories(ranked, options.sameStory ?? 0.3).slice(0, options.stories ?? 6);
  const stories = groups.map((group) => group[0]!);
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const units = stories.map((a) => sentenceUnits(a.body));
  const idf = options.idf ?? localIdf(units.flat().map((u) => analyze(u.text)));
  const topicVector = termVector(analyze(topic), idf);
  const candidates: Candidate[] = stories.flatMap((article, rank) => {
    const scored = scoreSentences(article.title, units[rank]!, weights, idf);
    const top = Math.max(...scored.map((s) => s.score), 1e-9);
    return scored
      .filter((s) => !s.dangling)
      .map((s) => ({ ...s, article, score: (0.6 * cosine(s.vector, topicVector) + 0.4 * (s.score / top)) / Math.sqrt(rank + 1) }));
  });
  const count = Math.min(MAX_SENTENCES, Math.max(1, Math.round(sentences ?? DEFAULT_TOPIC_SENTENCES)));
  const similarity = (a: Candidate, b: Candidate) =>
    sameText(a, b) ? 1 : Math.max(cosine(a.vector, b.vector), a.article === b.article ? SAME_STORY_REDUNDANCY : 0);
  const picked = selectMmr(candidates, count, similarity, weights.lambda, 0.6)
    .map((i) => earliestCopy(candidates[i]!, groups[stories.indexOf(candidates[i]!.article)]!))
    .sort((a, b) => dayOf(a.article.date).localeCompare(dayOf(b.article.date)) || a.article.id.localeCompare(b.article.id) || a.start - b.start);
  return { ok: true, ...cite(topic, picked, options) };
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
    const speaker = options.speakerOf?.(s.article.id, s.start, s.end);
    return { text: s.text, start: s.start, end: s.end, article: articleRef(s.article), cite: number, ...(speaker ? { speaker } : {}) };
  });
  return { topic, sentences, sources };
}

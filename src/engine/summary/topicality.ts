import { analyze } from '../text/analyzer.js';
import type { SentenceUnit } from './sentences.js';
import type { Idf } from './vectors.js';

/** A topic's terms (the analyser's stems of its content words), each weighed by idf, and their total weight. */
export interface TopicTerms {
  weights: ReadonlyMap<string, number>;
  mass: number;
}

/** The terms of a topic weighed by `idf`, so a rare word ("النووي") counts more than a common one ("الأمريكي"). */
export function topicTerms(topic: string, idf: Idf): TopicTerms {
  const weights = new Map(analyze(topic).map((stem) => [stem, Math.max(idf(stem), 0)]));
  const mass = [...weights.values()].reduce((sum, w) => sum + w, 0);
  return { weights, mass };
}

/** True when a sentence's stems hold at least one of the topic's terms. */
export function holdsTopicTerm(stems: readonly string[], topic: TopicTerms): boolean {
  return stems.some((stem) => topic.weights.has(stem));
}

/** Share (0–1) of the topic's idf weight that a sentence's stems hold: 1 when it names every topic term. */
export function topicCoverage(stems: readonly string[], topic: TopicTerms): number {
  if (topic.mass === 0) return 0;
  let held = 0;
  for (const stem of new Set(stems)) held += topic.weights.get(stem) ?? 0;
  return held / topic.mass;
}

/**
 * True when the sentence at `index` directly continues the one before it: it comes next in the
 * same paragraph of the article (so it goes on with what that sentence is about).
 */
export function continuesPrevious(units: readonly SentenceUnit[], index: number): boolean {
  return index > 0 && !units[index]!.opensParagraph;
}

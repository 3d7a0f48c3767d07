import type { PlanOptions } from './planner.js';

/** Ranking parameters, tuned on the Arabic QA dev sets (`npm run eval`): full length normalisation (b = 1) and slow tf saturation (k1 = 2.5) suit passages of very different lengths; the title counts 1.5 times the passage; a soft coordination factor (terms matched^0.25, not MiniSearch's ^1) lets a passage holding fewer but rarer question words win. */
export const RANKING: Omit<PlanOptions, 'accept'> = {
  boost: { text: 1, title: 1.5 },
  bm25: { k: 2.5, b: 1, d: 0.5 },
  coordination: 0.25,
  budget: 5_000,
  fuzzyWeight: 1,
};

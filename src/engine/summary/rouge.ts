import { words } from '../text/normalize.js';

/** Precision, recall and F1 of one ROUGE comparison. */
export interface RougeScore {
  precision: number;
  recall: number;
  f1: number;
}

const TASHKEEL = /[\u0610-\u061A\u064B-\u065F\u0670]/g;

/**
 * ROUGE tokens: words of the text normalised exactly as the EASC protocol says (tashkeel removed,
 * أإآ→ا, ى→ي, ة→ه) and nothing more, so figures compare with the published ones; no stemming.
 */
export function rougeTokens(text: string): string[] {
  return words(text.replace(TASHKEEL, '').replace(/[أإآ]/g, 'ا').replace(/ى/g, 'ي').replace(/ة/g, 'ه'));
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** ROUGE-N of a candidate against one reference: clipped n-gram overlap over each side's n-gram count. */
export function rougeN(candidate: string, reference: string, n: number): RougeScore {
  const cand = ngramCounts(rougeTokens(candidate), n);
  const ref = ngramCounts(rougeTokens(reference), n);
  let overlap = 0;
  for (const [gram, count] of cand) overlap += Math.min(count, ref.get(gram) ?? 0);
  const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
  const candTotal = total(cand);
  const refTotal = total(ref);
  const precision = candTotal ? overlap / candTotal : 0;
  const recall = refTotal ? overlap / refTotal : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/** Mean ROUGE-N F1 of a candidate over several references (EASC's five human summaries). */
export function meanRougeF1(candidate: string, references: readonly string[], n: number): number {
  if (references.length === 0) return 0;
  return references.reduce((sum, ref) => sum + rougeN(candidate, ref, n).f1, 0) / references.length;
}

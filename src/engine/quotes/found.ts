/** The word information of found quotations, and repeated quotations kept once. */
import { normalizeText, words } from '../text/normalize.js';
import type { Para } from './clauses.js';
import { partsOf, type WordInfo } from './tokens.js';
import type { Quotation } from './types.js';

/** A quotation with the word information of its words, in order (null when its text must be normalised as a whole). */
export interface Found {
  quote: Quotation;
  words: WordInfo[] | null;
}

/**
 * The word information of the words of `body[start, end)`, a run of whole tokens of one paragraph,
 * when the words of the normalised text are theirs in turn: between the tokens only printable ASCII,
 * which normalisation leaves alone and composes with nothing; else null.
 */
export function spanInfos(body: string, paras: Para[], start: number, end: number): WordInfo[] | null {
  const p = paras.find((x) => x.toks.length && x.toks[x.toks.length - 1]!.end >= end);
  if (!p) return null;
  const toks = p.toks;
  let k = 0;
  for (let hi = toks.length; k < hi; ) {
    const mid = (k + hi) >> 1;
    if (toks[mid]!.start < start) k = mid + 1;
    else hi = mid;
  }
  if (toks[k]?.start !== start) return null;
  const out: WordInfo[] = [];
  for (const from = k; k < toks.length; k++) {
    const t = toks[k]!;
    if (k > from) for (let c = toks[k - 1]!.end; c < t.start; c++) if (body.charCodeAt(c) < 0x20 || body.charCodeAt(c) > 0x7e) return null;
    if (t.word) {
      const w = t.info;
      if (!partsOf(w)) return null;
      out.push(w);
    }
    if (t.end >= end) return t.end === end ? out : null;
  }
  return null;
}

/** The normalised words of a quotation's text, joined by spaces (`words(normalizeText(text)).join(' ')`). */
function normalKey(f: Found): string {
  if (!f.words) return words(normalizeText(f.quote.text)).join(' ');
  const key: string[] = [];
  for (const w of f.words) for (const x of partsOf(w)!.words) key.push(x);
  return key.join(' ');
}
/** Identical quotations repeated in an article are kept once: the one with a cue, else the first. */
export function dedupe(found: Found[]): Found[] {
  if (found.length < 2) return found;
  const seen = new Map<string, Found>();
  for (const f of found) {
    const key = normalKey(f);
    const had = seen.get(key);
    if (!had || (!had.quote.cue && f.quote.cue)) seen.set(key, f);
  }
  const keep = new Set(seen.values());
  return found.filter((f) => keep.has(f)).sort((a, b) => a.quote.start - b.quote.start || b.quote.end - a.quote.end);
}

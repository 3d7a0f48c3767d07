import { TERMINAL, type Tok } from './tokens.js';
import { cueOf } from './cues.js';

/** A pair of quote-mark tokens: `open` and `close` are token indices. */
export interface QuotePair {
  open: number;
  close: number;
}

const FAMILY: Record<string, string> = { '«': 'g', '»': 'g', '‹': 's', '›': 's', '"': 'q', '“': 'q', '”': 'q', '„': 'q' };
const CLOSING_PUNCT = /^[.,،:؛;!?؟)…\-]$/;

/**
 * Pairs the quote marks of one paragraph. Guillemets are directional; straight and curly marks are
 * read from their spacing (space before and none after opens, the reverse closes), and a close pairs
 * with the nearest open of its family, so stray marks (common in scraped text) stay unpaired instead
 * of swallowing the rest of the paragraph.
 */
export function pairQuotes(toks: Tok[]): QuotePair[] {
  const pairs: QuotePair[] = [];
  const stack: number[] = [];
  toks.forEach((t, i) => {
    if (t.word) return;
    const family = FAMILY[t.raw];
    if (!family) return;
    const role = roleOf(toks, i, stack.some((j) => FAMILY[toks[j]!.raw] === family));
    if (role === 'stray') return;
    if (role === 'open') {
      stack.push(i);
      return;
    }
    for (let k = stack.length - 1; k >= 0; k--) {
      if (FAMILY[toks[stack[k]!]!.raw] !== family) continue;
      pairs.push({ open: stack[k]!, close: i });
      stack.length = k;
      return;
    }
  });
  // A quotation left open ends where the writer reports again: a sentence opening on a reporting word (`. واختتم`),
  for (const o of stack) {
    const prev = toks[o - 1];
    if (!prev || !(prev.word ? cueOf(prev.n) : prev.raw === '،' || prev.raw === ',' || prev.raw === ':')) continue;
    for (let j = o + 1; j < toks.length; j++) {
      if (!toks[j]!.word && FAMILY[toks[j]!.raw]) break;
      // … or at the end of its paragraph.
      if (TERMINAL.has(toks[j]!.raw) && (j + 1 === toks.length || (toks[j + 1]!.word && cueOf(toks[j + 1]!.n)))) {
        pairs.push({ open: o, close: j });
        break;
      }
    }
  }
  return pairs.sort((a, b) => a.open - b.open);
}

function roleOf(toks: Tok[], i: number, hasOpen: boolean): 'open' | 'close' | 'stray' {
  const raw = toks[i]!.raw;
  if (raw === '«' || raw === '‹') return 'open';
  if (raw === '»' || raw === '›') return 'close';
  const prev = toks[i - 1];
  const next = toks[i + 1];
  const spaceBefore = !prev || prev.end < toks[i]!.start || prev.raw === '(' || prev.raw === ':';
  const spaceAfter = !next || next.start > toks[i]!.end || (!next.word && CLOSING_PUNCT.test(next.raw));
  if (spaceBefore && !spaceAfter) return 'open';
  // A mark spaced off after a reporting word (`مضيفة " أردت`) opens the words it reports, even if a quotation is open.
  if (spaceBefore && prev?.word && next?.word && cueOf(prev.n)) return 'open';
  // `بالقول" إنه`: a mark after the verbal noun of saying opens, however spaced (no quotation ends on بالقول).
  if (prev?.word && next?.word && /^(?:ب?قوله|بالقول|ب?قولها)$/.test(prev.n)) return 'open';
  if (!spaceBefore && spaceAfter) return hasOpen ? 'close' : 'stray';
  return hasOpen ? 'close' : 'open';
}

/** For each token, the index of the quote pair strictly containing it, or -1. */
export function insideMap(count: number, pairs: QuotePair[]): number[] {
  // A plain array: a paragraph's typed array would be an allocation outside the heap each time.
  const map: number[] = [];
  for (let i = 0; i < count; i++) map.push(-1);
  pairs.forEach((p, k) => {
    for (let i = p.open + 1; i < p.close; i++) if (map[i] === -1) map[i] = k;
  });
  return map;
}

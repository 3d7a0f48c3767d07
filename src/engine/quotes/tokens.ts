import { normalizeText } from '../text/normalize.js';

/** A word or punctuation token of a paragraph, with offsets into the body. */
export interface Tok {
  word: boolean;
  raw: string;
  /** Normalised form (normalizeText), for matching. */
  n: string;
  start: number;
  end: number;
}

const normalized = new Map<string, string>();
/** normalizeText of one word, memoised (words repeat across an archive; the cache is bounded). */
export function normalizeWord(raw: string): string {
  let n = normalized.get(raw);
  if (n === undefined) {
    if (normalized.size > 500_000) normalized.clear();
    normalized.set(raw, (n = normalizeText(raw)));
  }
  return n;
}

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}\p{M}\u0640\u200C\u200D'’]*|[،,.:؛;!?؟«»“”"‹›„()…\-–—]/gu;

/** Tokens of `text`, offsets shifted by `base` (the paragraph's start in the body). */
export function tokenize(text: string, base = 0): Tok[] {
  const toks: Tok[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    const word = /^[\p{L}\p{N}]/u.test(raw);
    toks.push({ word, raw, n: word ? normalizeWord(raw) : raw, start: base + m.index, end: base + m.index + raw.length });
  }
  return toks;
}

/** `و`/`ف` conjunction prefixes stripped from a normalised word when the rest is long enough. */
export function stripConj(n: string): string {
  return n.length > 3 && (n[0] === 'و' || n[0] === 'ف') ? n.slice(1) : n;
}

/** A normalised word without a leading `ال` / `وال` / `بال` / `لل`, for comparing names and titles. */
export function bare(n: string): string {
  let b = bared.get(n);
  if (b === undefined) {
    if (bared.size > 500_000) bared.clear();
    const m = /^(?:[وف]?(?:ال|بال|كال|لل))(.{2,})$/.exec(n);
    bared.set(n, (b = m ? m[1]! : n));
  }
  return b;
}
const bared = new Map<string, string>();

/** Sentence-ending punctuation. */
export const TERMINAL = new Set(['.', '!', '?', '؟', '…']);
/** Commas and semicolons. */
export const COMMA = new Set(['،', ',', '؛', ';']);

import { normalizeText } from '../text/normalize.js';
import type { Cue } from './cues.js';
import { HONORIFICS, ORG_HEADS, PERSON_HEADS, isNationality } from './lexicon.js';

/** A word or punctuation token of a paragraph, with offsets into the body. */
export interface Tok {
  word: boolean;
  raw: string;
  /** Normalised form (normalizeText), for matching. */
  n: string;
  start: number;
  end: number;
}

/** What the reader needs to know of one normalised word, computed once per word (see `wordInfo`). */
export interface WordInfo {
  /** normalizeText of the word. */
  n: string;
  /** bare(n). */
  b: string;
  /** bare(n.slice(1)) when n starts with و/ب/ل, else null. */
  tail: string | null;
  /** Bits: PERSON_HEADS / ORG_HEADS / HONORIFICS hold bare(n); n is a nationality; n starts with ال. */
  kind: number;
  /** cueOf(n), filled on first use by the reader (undefined until then). */
  cue: Cue | null | undefined;
  /** n may start an attribution (attributionAt can be non-zero), filled with `cue`. */
  attr: boolean;
  /** n is a Persian light-verb noun, filled with `cue`. */
  light: boolean;
  /** Occurrences in the article being read (`stamp` names it). */
  count: number;
  stamp: number;
}
export const PERSON = 1;
export const ORG = 2;
export const HONORIFIC = 4;
export const NATIONALITY = 8;
export const DEFINITE = 16;

const byRaw = new Map<string, WordInfo>();
const byNorm = new Map<string, WordInfo>();
const LIMIT = 500_000;

/** Empties the word caches when they have grown past their bound (only between articles: counts live there). */
export function trimWordCaches(): void {
  if (byRaw.size > LIMIT || byNorm.size > LIMIT) {
    byRaw.clear();
    byNorm.clear();
  }
}

/** The information of a normalised word (created on first sight). */
export function infoOfNormalized(n: string): WordInfo {
  let w = byNorm.get(n);
  if (w === undefined) {
    const b = bare(n);
    const kind = (PERSON_HEADS.has(b) ? PERSON : 0) | (ORG_HEADS.has(b) ? ORG : 0) | (HONORIFICS.has(b) ? HONORIFIC : 0) | (isNationality(n) ? NATIONALITY : 0) | (/^ال/.test(n) ? DEFINITE : 0);
    byNorm.set(n, (w = { n, b, tail: /^[وبل]/.test(n) ? bare(n.slice(1)) : null, kind, cue: undefined, attr: false, light: false, count: 0, stamp: 0 }));
  }
  return w;
}

/** The information of a word as written (normalised once per spelling). */
export function wordInfo(raw: string): WordInfo {
  let w = byRaw.get(raw);
  if (w === undefined) byRaw.set(raw, (w = infoOfNormalized(normalizeText(raw))));
  return w;
}

/** The article count of normalised word `n` when `stamp` names the article being read. */
export function countOf(n: string, stamp: number): number | undefined {
  const w = byNorm.get(n);
  return w !== undefined && w.stamp === stamp ? w.count : undefined;
}

/** normalizeText of one word, memoised. */
export function normalizeWord(raw: string): string {
  return wordInfo(raw).n;
}

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}\p{M}\u0640\u200C\u200D'’]*|[،,.:؛;!?؟«»“”"‹›„()…\-–—]/gu;
/** The punctuation tokens (one character each, none a letter or digit). */
const PUNCT = new Set('،,.:؛;!?؟«»“”"‹›„()…-–—');
/** The information of punctuation tokens (no word). */
export const NO_WORD: WordInfo = { n: '', b: '', tail: null, kind: 0, cue: null, attr: false, light: false, count: 0, stamp: 0 };

/** Tokens of `text`, offsets shifted by `base` (the paragraph's start in the body); `infos` receives each token's word information. */
export function tokenize(text: string, base = 0, infos?: WordInfo[]): Tok[] {
  const toks: Tok[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const raw = m[0];
    const word = raw.length > 1 || !PUNCT.has(raw);
    const info = word ? wordInfo(raw) : NO_WORD;
    infos?.push(info);
    toks.push({ word, raw, n: word ? info.n : raw, start: base + m.index, end: base + m.index + raw.length });
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


import { normalizeText, words } from '../text/normalize.js';
import { GOES_ON, SpellingTable, START, WordScanner, classAt, unitLength, wordClasses } from '../text/scan.js';
import type { Cue } from './types.js';
import { HONORIFICS, ORG_HEADS, PERSON_HEADS, isNationality } from './lexicon.js';

/** A word or punctuation token of a paragraph, with offsets into the body. */
export interface Tok {
  word: boolean;
  raw: string;
  /** Normalised form (normalizeText), for matching. */
  n: string;
  start: number;
  end: number;
  /** Information of the word (NO_WORD for punctuation); a token cut from another keeps the other's (see `bareOf`). */
  info: WordInfo;
}

/** What the reader needs to know of one normalised word, computed once per word (see `infoOfNormalized`). */
export interface WordInfo {
  /** normalizeText of the word. */
  normalized: string;
  /** bare(normalized): without its article. */
  bareForm: string;
  /** bare(normalized.slice(1)) when it starts with و/ب/ل, else null. */
  tail: string | null;
  /** Bits: PERSON_HEADS / ORG_HEADS / HONORIFICS hold bare(n); n is a nationality; n starts with ال. */
  kind: number;
  /** cueOf(n), filled on first use by the reader (undefined until then). */
  cue: Cue | null | undefined;
  /** n is a complementizer (isComplementizer), filled with `cue`. */
  comp: boolean;
  /** n is a complementizer or a function word, filled with `cue`. */
  stop: boolean;
  /** n may start an attribution (attributionAt can be non-zero), filled with `cue`. */
  attr: boolean;
  /** n is a Persian light-verb noun, filled with `cue`. */
  light: boolean;
  /** What the word gives in a normalised text, filled on first use (see `partsOf`). */
  parts: WordParts | null | undefined;
  /** What the word is to a noun phrase (names.ts), filled on first use; -1 until then. */
  traits: number;
  /** Occurrences in the article being read (`stamp` names it). */
  count: number;
  stamp: number;
}
/** The words a word gives in a normalised text (usually itself), and their matching forms (`fold`). */
export interface WordParts {
  words: string[];
  folded: string[];
}
export const PERSON = 1;
export const ORG = 2;
export const HONORIFIC = 4;
export const NATIONALITY = 8;
export const DEFINITE = 16;

const byNorm = new Map<string, WordInfo>();
const LIMIT = 500_000;

/** Word information by spelling as written. */
const byRaw = new SpellingTable<WordInfo>();

/**
 * Empties the word caches when they have grown past `limit` (only between articles: counts live
 * there); 0 forgets every word, once a whole corpus has been read.
 */
export function trimWordCaches(limit = LIMIT): void {
  if (byRaw.size > limit || byNorm.size > limit || bared.size > limit) {
    byRaw.clear();
    byNorm.clear();
    bared.clear();
  }
}

/** The information of a normalised word (created on first sight). */
export function infoOfNormalized(n: string): WordInfo {
  let w = byNorm.get(n);
  if (w === undefined) {
    // A new word: its bare forms are worked out here, not looked up in (nor added to) `bare`'s cache.
    const b = withoutArticle(n);
    const kind = (PERSON_HEADS.has(b) ? PERSON : 0) | (ORG_HEADS.has(b) ? ORG : 0) | (HONORIFICS.has(b) ? HONORIFIC : 0) | (isNationality(n) ? NATIONALITY : 0) | (/^ال/.test(n) ? DEFINITE : 0);
    byNorm.set(n, (w = { normalized: n, bareForm: b, tail: /^[وبل]/.test(n) ? withoutArticle(n.slice(1)) : null, kind, cue: undefined, comp: false, stop: false, attr: false, light: false, parts: undefined, traits: -1, count: 0, stamp: 0 }));
  }
  return w;
}

/** The article count of normalised word `n` when `stamp` names the article being read. */
export function countOf(n: string, stamp: number): number | undefined {
  const w = byNorm.get(n);
  return w !== undefined && w.stamp === stamp ? w.count : undefined;
}

/** The punctuation tokens (one character each, none a letter or digit). */
const PUNCT = '،,.:؛;!?؟«»“”"‹›„()…-–—';
/** The information of punctuation tokens (no word). */
export const NO_WORD: WordInfo = { normalized: '', bareForm: '', tail: null, kind: 0, cue: null, comp: false, stop: false, attr: false, light: false, parts: { words: [], folded: [] }, traits: -1, count: 0, stamp: 0 };

/** Class bit of the punctuation tokens, added to the shared word classes (see text/scan.ts). */
const MARK = 64;
/** An ASCII or Arabic-Indic digit (NaN, outside the text, is none). */
const isDigit = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x660 && c <= 0x669) || (c >= 0x6f0 && c <= 0x6f9);
let bmp: Uint8Array | null = null;
/** The classes of the BMP code units: words as in `WORD`, and punctuation tokens. */
function classes(): Uint8Array {
  if (bmp) return bmp;
  bmp = Uint8Array.from(wordClasses());
  for (const ch of PUNCT) bmp[ch.charCodeAt(0)]! |= MARK;
  return bmp;
}
/** Finds the words of a paragraph (made with the classes, on first use). */
let scanner: WordScanner | null = null;
/** Punctuation tokens share one string per mark. */
const MARKS = new Map([...PUNCT].map((ch) => [ch.charCodeAt(0), ch]));

/**
 * Tokens of `text` (words as in `WORD`, and one-character punctuation tokens), offsets shifted by
 * `base` (the paragraph's start in the body); a non-zero `stamp` (the article being read) counts
 * each word in it.
 */
export function tokenize(text: string, base = 0, stamp = 0): Tok[] {
  const cls = classes();
  const word = (scanner ??= new WordScanner(cls, GOES_ON));
  const toks: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const k = classAt(text, i, cls);
    if (k & START) {
      const start = i;
      word.scan(text, start);
      i = word.end;
      const h = word.hash;
      const slot = byRaw.find(text, start, i, h);
      let raw: string;
      let info: WordInfo;
      if (slot >= 0) [raw, info] = [byRaw.key(slot), byRaw.value(slot)];
      else byRaw.add(slot, (raw = text.slice(start, i)), h, (info = infoOfNormalized(normalizeText(raw))));
      if (stamp && info.normalized) {
        if (info.stamp === stamp) info.count++;
        else {
          info.stamp = stamp;
          info.count = 1;
        }
      }
      toks.push({ word: true, raw, n: info.normalized, start: base + start, end: base + i, info });
    } else {
      // A decimal point (`4.5`) ends no sentence: no token.
      if (k & MARK && !(text.charCodeAt(i) === 0x2e && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1)))) {
        const raw = MARKS.get(text.charCodeAt(i))!;
        toks.push({ word: false, raw, n: raw, start: base + i, end: base + i + 1, info: NO_WORD });
      }
      i += unitLength(text, i);
    }
  }
  return toks;
}

/**
 * The parts of a word (memoised in its information): the text of whole tokens separated by spaces
 * normalises to the parts of its words in turn, except that a capital sigma's lower case depends on
 * what follows it (null then: normalise the text as a whole).
 */
export function partsOf(w: WordInfo): WordParts | null {
  if (w.parts === undefined) {
    const ws = words(w.normalized);
    w.parts = /[σς]/.test(w.normalized) ? null : { words: ws, folded: ws.map(fold) };
  }
  return w.parts;
}

/** Matching form of a word: normalised, without its و/ف conjunction or article. */
export const fold = (w: string) => bare(stripConj(w));

/** `و`/`ف` conjunction prefixes stripped from a normalised word when the rest is long enough. */
export function stripConj(n: string): string {
  return n.length > 3 && (n[0] === 'و' || n[0] === 'ف') ? n.slice(1) : n;
}

/** A normalised word without a leading `ال` / `وال` / `بال` / `لل`, for comparing names and titles. */
export function bare(n: string): string {
  let b = bared.get(n);
  if (b === undefined) {
    if (bared.size > 500_000) bared.clear();
    bared.set(n, (b = withoutArticle(n)));
  }
  return b;
}
const bared = new Map<string, string>();

/** `bare(t.n)`, from the token's word information when it is the token's own. */
export const bareOf = (t: Tok): string => (t.info.normalized === t.n ? t.info.bareForm : bare(t.n));

/** `bare` worked out (not memoised). */
function withoutArticle(n: string): string {
  const m = /^(?:[وف]?(?:ال|بال|كال|لل))(.{2,})$/.exec(n);
  return m ? m[1]! : n;
}

/** Sentence-ending punctuation. */
export const TERMINAL = new Set(['.', '!', '?', '؟', '…']);
/** Commas and semicolons. */
export const COMMA = new Set(['،', ',', '؛', ';']);


import { normalizeText, words } from '../text/normalize.js';
import { GOES_ON, SpellingTable, START, WORD_CLASSES, WordScanner, classAt, detachedSlice, unitLength } from '../text/scan.js';
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

/** What the reader needs to know of one normalised word, computed once per word by the reader's `WordBook`. */
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

/** The punctuation tokens (one character each, none a letter or digit). */
const PUNCT = '،,.:؛;!?؟«»“”"‹›„()…-–—';
/** The information of punctuation tokens (no word). */
export const NO_WORD: WordInfo = Object.freeze({ normalized: '', bareForm: '', tail: null, kind: 0, cue: null, comp: false, stop: false, attr: false, light: false, parts: Object.freeze({ words: [], folded: [] }), traits: -1, count: 0, stamp: 0 });

/** Class bit of the punctuation tokens, added to the shared word classes (see text/scan.ts). */
const MARK = 64;
/** An ASCII or Arabic-Indic digit (NaN, outside the text, is none). */
const isDigit = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x660 && c <= 0x669) || (c >= 0x6f0 && c <= 0x6f9);
/** The classes of the BMP code units: words as in `WORD`, and punctuation tokens (a constant table). */
const TOKEN_CLASSES: Uint8Array = tokenClasses();
function tokenClasses(): Uint8Array {
  const table = Uint8Array.from(WORD_CLASSES);
  for (const ch of PUNCT) table[ch.charCodeAt(0)]! |= MARK;
  return table;
}
/** Punctuation tokens share one string per mark. */
const MARKS: ReadonlyMap<number, string> = new Map([...PUNCT].map((ch) => [ch.charCodeAt(0), ch]));

/** What the reading of one article asks of the words: its tokens, the information of a word, and how often the article uses a word. */
export interface ArticleWords {
  /** The tokens of a paragraph of the article (`text` starts at `base` in the body), its words counted (see `tokenize`). */
  tokenize(text: string, base: number): Tok[];
  /** The information of a normalised word (created on first sight). */
  info(n: string): WordInfo;
  /** The article's count of normalised word `n`, undefined when the article does not use it. */
  get(n: string): number | undefined;
}

/**
 * The words a quotation reader has met, with what it worked out about each: created per reader (one per build thread),
 * dropped with it. Between articles it starts afresh once it holds more than `limit` words.
 */
export class WordBook {
  private readonly byNorm = new Map<string, WordInfo>();
  /** Word information by spelling as written. */
  private readonly byRaw = new SpellingTable<WordInfo>();
  private readonly scanner = new WordScanner(TOKEN_CLASSES, GOES_ON);
  /** Numbers the articles read, for the word counts kept in the word information. */
  private stamp = 0;

  constructor(private readonly limit: number) {}

  /** The words of the next article to read (the book is emptied first when it has grown past its limit). */
  article(): ArticleWords {
    if (this.byRaw.size > this.limit || this.byNorm.size > this.limit) {
      this.byRaw.clear();
      this.byNorm.clear();
    }
    const stamp = ++this.stamp;
    return { tokenize: (text, base) => this.tokenize(text, base, stamp), info: (n) => this.info(n), get: (n) => this.countOf(n, stamp) };
  }

  /** The information of a normalised word (created on first sight). */
  info(n: string): WordInfo {
    let w = this.byNorm.get(n);
    if (w === undefined) this.byNorm.set(n, (w = wordInfo(n)));
    return w;
  }

  /** The article count of normalised word `n` when `stamp` names the article being read. */
  private countOf(n: string, stamp: number): number | undefined {
    const w = this.byNorm.get(n);
    return w !== undefined && w.stamp === stamp ? w.count : undefined;
  }

  /**
   * Tokens of `text` (words as in `WORD`, and one-character punctuation tokens), offsets shifted by
   * `base` (the paragraph's start in the body), each word counted for article `stamp`.
   */
  private tokenize(text: string, base: number, stamp: number): Tok[] {
    const { byRaw, scanner: word } = this;
    const cls = TOKEN_CLASSES;
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
        else byRaw.add(slot, (raw = detachedSlice(text, start, i)), h, (info = this.info(normalizeText(raw))));
        if (info.normalized) {
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
}

/** The information of normalised word `n`, worked out (what `WordBook.info` keeps). */
function wordInfo(n: string): WordInfo {
  const b = bare(n);
  const kind = (PERSON_HEADS.has(b) ? PERSON : 0) | (ORG_HEADS.has(b) ? ORG : 0) | (HONORIFICS.has(b) ? HONORIFIC : 0) | (isNationality(n) ? NATIONALITY : 0) | (/^ال/.test(n) ? DEFINITE : 0);
  return { normalized: n, bareForm: b, tail: /^[وبل]/.test(n) ? bare(n.slice(1)) : null, kind, cue: undefined, comp: false, stop: false, attr: false, light: false, parts: undefined, traits: -1, count: 0, stamp: 0 };
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
  const m = /^(?:[وف]?(?:ال|بال|كال|لل))(.{2,})$/.exec(n);
  return m ? m[1]! : n;
}

/** `bare(t.n)`, from the token's word information when it is the token's own. */
export const bareOf = (t: Tok): string => (t.info.normalized === t.n ? t.info.bareForm : bare(t.n));

/** Sentence-ending punctuation. */
export const TERMINAL = new Set(['.', '!', '?', '؟', '…']);
/** Commas and semicolons. */
export const COMMA = new Set(['،', ',', '؛', ';']);


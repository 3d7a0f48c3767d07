/**
 * Word scanning over raw text without building substrings: a table of character classes (the
 * `WORD` pattern of normalize.ts as bits) and a table of spellings hashed while scanned. Indexing
 * and quotation reading both go through every word of the archive, so each known spelling costs a
 * hash and an in-place comparison instead of a substring, a normalisation and a Map lookup.
 */
import { normalizeText } from './normalize.js';

/** The character can start a word (a letter or digit). */
export const START = 1;
/** The character can go on a word (letters, digits, marks, tatweel, ZWNJ/ZWJ, apostrophes). */
export const GOES_ON = 2;
/** Normalisation removes the character (zero-width and bidi marks, Quranic signs): words on both sides join. */
export const HIDDEN = 4;
/**
 * Normalising the character on its own does not give what it gives in running text: a non-word
 * character that normalises into word characters (`™` → `tm`), or a capital sigma (its lower case
 * depends on what follows).
 */
export const UNSAFE = 8;

const START_RE = /^[\p{L}\p{N}]$/u;
const ON_RE = /^[\p{L}\p{N}\p{M}\u0640\u200C\u200D'’]$/u;
const WORDISH = /[\p{L}\p{N}\p{M}]/u;

/** The class bits of one code point (see `classOf`). */
function classify(cp: number): number {
  const ch = String.fromCodePoint(cp);
  const bits = (START_RE.test(ch) ? START : 0) | (ON_RE.test(ch) ? GOES_ON : 0);
  if (cp === 0x3a3) return bits | UNSAFE;
  if (bits) return bits;
  const normalized = normalizeText(ch);
  if (normalized === '') return HIDDEN;
  return WORDISH.test(normalized) ? UNSAFE : 0;
}

/** The class bits of every BMP code unit (lone surrogates have none): a constant table, computed once at import. */
export const WORD_CLASSES: Uint8Array = bmpClasses();
function bmpClasses(): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) table[c] = classify(c);
  return table;
}

/** Code units of the code point at `i` of `text`: 2 for a surrogate pair, else 1. */
export function unitLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
}

/** The class bits of the code point at `i` of `text`, from `classes` (`WORD_CLASSES` or a copy a caller extends); beyond the BMP (rare: emoji, old scripts) worked out each time. */
export function classAt(text: string, i: number, classes: Uint8Array): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return classes[c]!;
  return unitLength(text, i) === 2 ? classify(((c - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00) + 0x10000) : classes[c]!;
}

/**
 * `text[start, end)` as a string of its own. A slice of a long string may be kept by the engine as a
 * view of the whole string, so a table kept across articles (the spellings read so far) would keep
 * every article it took a spelling from.
 */
export function detachedSlice(text: string, start: number, end: number): string {
  return (' ' + text.slice(start, end)).slice(1);
}

/** FNV-1a's 32-bit offset basis and prime: the hashes of spellings, passage texts and lists of word numbers. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/** The hash of the spelling `text[start, end)` (FNV-1a over its UTF-16 code units), as `SpellingTable` takes it. */
export function spellingHash(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/**
 * Finds where words end and hashes their spellings (`spellingHash`) in the same pass over the
 * text: a word goes on over the code points whose class has a bit of `goesOn` and none of `stop`.
 */
export class WordScanner {
  /** Where the last word scanned ends. */
  end = 0;
  /** The spelling hash of the last word scanned. */
  hash = 0;

  constructor(
    private readonly classes: Uint8Array,
    private readonly goesOn: number,
    private readonly stop = 0,
  ) {}

  /** Scans the word that starts at `start` of `text` (its first code point is taken whatever its class). */
  scan(text: string, start: number): void {
    const { classes, goesOn, stop } = this;
    let h = Math.imul(FNV_OFFSET ^ text.charCodeAt(start), FNV_PRIME);
    let i = start + 1;
    if (unitLength(text, start) === 2) h = Math.imul(h ^ text.charCodeAt(i++), FNV_PRIME);
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c < 0xd800 || c > 0xdbff) {
        const k = classes[c]!;
        if (!(k & goesOn) || k & stop) break;
        h = Math.imul(h ^ c, FNV_PRIME);
        i++;
        continue;
      }
      const k = classAt(text, i, classes);
      if (!(k & goesOn) || k & stop) break;
      h = Math.imul(h ^ c, FNV_PRIME);
      if (unitLength(text, i++) === 2) h = Math.imul(h ^ text.charCodeAt(i++), FNV_PRIME);
    }
    this.end = i;
    this.hash = h;
  }
}

/**
 * Spellings hashed (`spellingHash`) and looked up by
 * comparing characters in place, so a known spelling costs no substring and no Map lookup. The
 * open-addressing table holds `[hash, number + 1]` pairs; spellings are numbered in order of first
 * sight, so the frequent ones sit close together.
 */
export class SpellingTable<T> {
  private slots = new Int32Array(2 << 16);
  /** Spelling `k` at `2k`, its value at `2k + 1`: a lookup reads one line for both. */
  private entries: Array<string | T> = [];

  /** Number of spellings stored. */
  get size(): number {
    return this.entries.length >> 1;
  }

  /** The number of the spelling `text[start, end)` with hash `h`, or `-1 - free slot` when unseen. */
  find(text: string, start: number, end: number, h: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const len = end - start;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const k = slots[2 * i + 1]!;
      if (k === 0) return -1 - i;
      if (slots[2 * i] === h) {
        const key = this.entries[2 * (k - 1)] as string;
        if (key.length === len && text.startsWith(key, start)) return k - 1;
      }
    }
  }

  /** The spelling numbered `k` (a non-negative `find` result). */
  key(k: number): string {
    return this.entries[2 * k] as string;
  }

  /** The value stored with spelling `k`. */
  value(k: number): T {
    return this.entries[2 * k + 1] as T;
  }

  /** Stores `key` with `value` at the free slot a negative `find` result names. */
  add(miss: number, key: string, h: number, value: T): void {
    const i = -1 - miss;
    this.entries.push(key, value);
    const size = this.entries.length >> 1;
    this.slots[2 * i] = h;
    this.slots[2 * i + 1] = size;
    if (size * 2 > this.slots.length >> 1) this.grow();
  }

  /** Forgets every spelling. */
  clear(): void {
    this.slots = new Int32Array(2 << 16);
    this.entries = [];
  }

  private grow(): void {
    this.slots = doubledTable(this.slots);
  }
}

/**
 * An open-addressing table of `[hash, number + 1]` pairs (0: a free slot, linear probing on
 * `hash & mask`) rebuilt twice as large.
 */
export function doubledTable(old: Int32Array): Int32Array<ArrayBuffer> {
  const table = new Int32Array(old.length * 2);
  const mask = (table.length >> 1) - 1;
  for (let j = 0; j < old.length; j += 2) {
    if (old[j + 1] === 0) continue;
    let i = old[j]! & mask;
    while (table[2 * i + 1] !== 0) i = (i + 1) & mask;
    table[2 * i] = old[j]!;
    table[2 * i + 1] = old[j + 1]!;
  }
  return table;
}

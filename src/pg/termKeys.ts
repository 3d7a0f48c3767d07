/**
 * A document's index terms as one compact value: each term's 48-bit key (a hash of the term) and
 * its count, sorted by key, 7 bytes a term. `/ask` reads these for its candidates and finds its
 * commoner terms' counts by binary search in the bot, instead of the server unnesting each
 * candidate's `text[]` of terms (about 30 ms for 2,500 candidates at 1M articles).
 *
 * Two terms share a key with odds of about 2^-48 per comparison (some 10^-8 per question), and
 * would then add a term's count to a passage that does not hold it.
 */

import { FNV_OFFSET, FNV_PRIME } from '../engine/text/scan.js';
import type { PackedTable } from './copyBinary.js';

/** Bytes per term: a 6-byte key, then the count. */
export const TERM_KEY_BYTES = 7;

/** A 32-bit hash of a term's UTF-16 units (FNV-1a, then murmur3's finaliser to spread the bits), from `seed`. */
function hash32(term: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), FNV_PRIME);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The 48-bit key of an index term (an integer JavaScript holds exactly). */
export function termKey(term: string): number {
  return hash32(term, FNV_OFFSET) * 0x10000 + (hash32(term, 0x9747b28c) >>> 16);
}

/** The keys of a document's terms with their counts (at most 255, as the index keeps them), sorted by key. */
export function encodeTermKeys(terms: readonly string[], tfs: readonly number[]): Uint8Array {
  const keys = terms.map(termKey);
  const out = new Uint8Array(terms.length * TERM_KEY_BYTES);
  keyOrder(keys).forEach((i, n) => writeTermKey(keys[i]!, tfs[i]!, out, n * TERM_KEY_BYTES));
  return out;
}

/** The positions of `keys` in ascending key order, equal keys in their own order. */
export function keyOrder(keys: readonly number[]): Uint32Array {
  // The comparison returns small integers: a difference of two 48-bit keys is a heap number each time.
  return Uint32Array.from(keys.keys()).sort((x, y) => (keys[x]! < keys[y]! ? -1 : keys[x]! > keys[y]! ? 1 : x - y));
}

/** Writes one entry of an encoded document (`encodeTermKeys`), the term keyed `key` with `count` (at most 255 kept), into `out` from byte `at`. */
export function writeTermKey(key: number, count: number, out: Uint8Array, at: number): void {
  const high = Math.floor(key / 0x10000);
  out[at] = high >>> 24;
  out[at + 1] = (high >>> 16) & 0xff;
  out[at + 2] = (high >>> 8) & 0xff;
  out[at + 3] = high & 0xff;
  out[at + 4] = (key % 0x10000) >>> 8;
  out[at + 5] = key & 0xff;
  out[at + 6] = Math.min(255, count);
}

/** `passage_keys` (migration 009) as ingestion packs its rows: numbered by the passage's id, then the values `passageKeysRow` gives. */
export const PASSAGE_KEYS: PackedTable = { name: 'passage_keys', numbered: [['id', 'bigint']], columns: [['length', 'integer'], ['keys', 'bytea'], ['title_length', 'integer'], ['title_keys', 'bytea']] };

/** The columns of `passage_keys`, in the order of its packed rows (the id, then `passageKeysRow`'s values). */
export const PASSAGE_KEY_COLUMNS = [...PASSAGE_KEYS.numbered, ...PASSAGE_KEYS.columns].map(([name]) => name);

/** An encoded document (`encodeTermKeys`): its length and its terms' keys. */
export interface KeyedDocument {
  length: number;
  keys: Uint8Array;
}

/** A passage's row of `passage_keys` after its `id`: its length and encoded terms, and its title's (encoded once per article). */
export function passageKeysRow(passage: KeyedDocument, title: KeyedDocument): [number, Uint8Array, number, Uint8Array] {
  return [passage.length, passage.keys, title.length, title.keys];
}

/** The count of the term keyed `key` in an encoded document (0 when it does not hold it), by binary search. */
export function countOf(encoded: Uint8Array, key: number): number {
  const high = Math.floor(key / 0x10000);
  const low = key % 0x10000;
  let lo = 0;
  let hi = encoded.length / TERM_KEY_BYTES - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = mid * TERM_KEY_BYTES;
    const entryHigh = ((encoded[at]! << 24) | (encoded[at + 1]! << 16) | (encoded[at + 2]! << 8) | encoded[at + 3]!) >>> 0;
    const entryLow = (encoded[at + 4]! << 8) | encoded[at + 5]!;
    if (entryHigh === high && entryLow === low) return encoded[at + 6]!;
    if (entryHigh < high || (entryHigh === high && entryLow < low)) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

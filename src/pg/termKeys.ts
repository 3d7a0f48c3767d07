/**
 * A document's index terms as one compact value: each term's 48-bit key (a hash of the term) and
 * its count, sorted by key, 7 bytes a term. `/ask` reads these for its candidates and finds its
 * commoner terms' counts by binary search in the bot, instead of the server unnesting each
 * candidate's `text[]` of terms (about 30 ms for 2,500 candidates at 1M articles).
 *
 * Two terms share a key with odds of about 2^-48 per comparison (some 10^-8 per question), and
 * would then add a term's count to a passage that does not hold it.
 */

/** Bytes per term: a 6-byte key, then the count. */
const ENTRY = 7;

/** A 32-bit hash of a term's UTF-16 units (FNV-1a, then murmur3's finaliser to spread the bits), from `seed`. */
function hash32(term: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The 48-bit key of an index term (an integer JavaScript holds exactly). */
export function termKey(term: string): number {
  return hash32(term, 0x811c9dc5) * 0x10000 + (hash32(term, 0x9747b28c) >>> 16);
}

/** The keys of a document's terms with their counts (at most 255, as the index keeps them), sorted by key. */
export function encodeTermKeys(terms: readonly string[], tfs: readonly number[]): Buffer {
  const entries = terms.map((term, i) => ({ key: termKey(term), tf: Math.min(255, tfs[i]!) })).sort((x, y) => x.key - y.key);
  const out = Buffer.allocUnsafe(entries.length * ENTRY);
  entries.forEach(({ key, tf }, i) => {
    out.writeUIntBE(key, i * ENTRY, 6);
    out[i * ENTRY + 6] = tf;
  });
  return out;
}

/** The columns of `passage_keys` (migration 009), in the order `passageKeysRow` gives their values. */
export const PASSAGE_KEY_COLUMNS = ['id', 'length', 'keys', 'title_length', 'title_keys'];

/** Passage `id`'s row of `passage_keys`: its length and encoded terms, and its title's length and encoded terms (`encodeTermKeys`, once per article). */
export function passageKeysRow(id: number | string, passage: { length: number; terms: readonly string[]; tfs: readonly number[] }, title: { length: number; keys: Buffer }): [number | string, number, Buffer, number, Buffer] {
  return [id, passage.length, encodeTermKeys(passage.terms, passage.tfs), title.length, title.keys];
}

/** The count of the term keyed `key` in an encoded document (0 when it does not hold it), by binary search. */
export function countOf(encoded: Uint8Array, key: number): number {
  const high = Math.floor(key / 0x10000);
  const low = key % 0x10000;
  let lo = 0;
  let hi = encoded.length / ENTRY - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = mid * ENTRY;
    const entryHigh = ((encoded[at]! << 24) | (encoded[at + 1]! << 16) | (encoded[at + 2]! << 8) | encoded[at + 3]!) >>> 0;
    const entryLow = (encoded[at + 4]! << 8) | encoded[at + 5]!;
    if (entryHigh === high && entryLow === low) return encoded[at + 6]!;
    if (entryHigh < high || (entryHigh === high && entryLow < low)) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

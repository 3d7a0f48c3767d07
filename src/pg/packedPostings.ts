/**
 * A postings row's postings in the compact form of its `packed` column (migration 012): for each
 * document in order, its distance from the previous one (the first from the row's block), the
 * term's count and the field's length, each number in a prefix code of 1, 2, 4 or 9 bytes. The
 * migration's `pack_postings` packs the same bytes in SQL.
 */

import { lowerBound } from '../engine/util/sorted.js';

/** Largest number the code holds exactly here (a JavaScript number). */
const LARGEST = Number.MAX_SAFE_INTEGER;

/** Bytes of the code for `value`: 1 below 2^7, 2 below 2^14, 4 below 2^29, else 9. */
function codeLength(value: number): number {
  return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x2000_0000 ? 4 : 9;
}

/** Writes `value` at `at` in the prefix code; where it ends. */
function writeNumber(out: Buffer, value: number, at: number): number {
  if (!Number.isInteger(value) || value < 0 || value > LARGEST) throw new RangeError(`a packed posting number must be an integer from 0 to 2^53 - 1: ${value}`);
  if (value < 0x80) {
    out[at] = value;
    return at + 1;
  }
  if (value < 0x4000) {
    out.writeUInt16BE(0x8000 | value, at);
    return at + 2;
  }
  if (value < 0x2000_0000) {
    out.writeUInt32BE((0xc000_0000 | value) >>> 0, at);
    return at + 4;
  }
  out[at] = 0xe0;
  out.writeBigUInt64BE(BigInt(value), at + 1);
  return at + 9;
}

/** The number whose code starts at `at`. */
function readNumber(bytes: Uint8Array, at: number): number {
  const first = bytes[at]!;
  if (first < 0x80) return first;
  if (first < 0xc0) return ((first & 0x3f) << 8) | bytes[at + 1]!;
  if (first < 0xe0) return ((first & 0x1f) << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!;
  return Number(Buffer.from(bytes.buffer, bytes.byteOffset + at + 1, 8).readBigUInt64BE());
}

/** Bytes of the code starting with byte `first`. */
function lengthAt(first: number): number {
  return first < 0x80 ? 1 : first < 0xc0 ? 2 : first < 0xe0 ? 4 : 9;
}

/**
 * Packs a row's postings: `documents` ascending from `block`, each with its count in `tfs` and its
 * field's length in `lengths`. Documents out of order are a bug, and said so.
 */
export function packPostings(block: number, documents: ArrayLike<number>, tfs: ArrayLike<number>, lengths: ArrayLike<number>): Buffer {
  return packBatchPostings(block, null, tfs, 0, documents.length, { documents, lengths, further: [] }, null, [], null).packed;
}

/** The previous further number of each column, for `packBatchPostings` (most rows have a posting or two: no array made per row). */
const PREVIOUS = new Float64Array(4);

/** A batch's values of its documents (articles or passages, by their place in the batch), one array a kind, as `packBatchPostings` reads them. */
export interface DocumentColumns {
  /** Each document's number, or null when only the further numbers are packed. */
  documents: ArrayLike<number> | null;
  /** Each document's field length (read with `documents`). */
  lengths: ArrayLike<number>;
  /** Each document's further numbers, a column a kind (see `packColumns`). */
  further: ReadonlyArray<ArrayLike<number>>;
}

/**
 * The postings `from` to `to` of a batch's field (each `docs` a document of the batch, posting `i`
 * document `i` when null; its count in `tfs`) packed in `packed` (`packPostings`: each document's
 * distance, count and length) and `further` (`packColumns`), reading each document's values in
 * place from `byDocument` instead of from columns made for the term, and only those of the
 * documents `written` marks (every one when null). Also gives how many postings it packed, and the
 * sum of `summed` (a value by document) over their documents. The one packing loop of both packed
 * columns: `packPostings` and `packColumns` are its cases of a row's own columns.
 */
export function packBatchPostings(
  block: number,
  docs: ArrayLike<number> | null,
  tfs: ArrayLike<number>,
  from: number,
  to: number,
  byDocument: DocumentColumns,
  written: Uint8Array | null,
  codings: readonly Coding[],
  summed: ArrayLike<number> | null,
): { postings: number; sum: number; packed: Buffer; further: Buffer } {
  const { documents, lengths, further } = byDocument;
  const previous = codings.length <= PREVIOUS.length ? PREVIOUS.fill(0) : new Float64Array(codings.length);
  let postings = 0;
  let sum = 0;
  let packedBytes = 0;
  let furtherBytes = 0;
  let last = block;
  for (let i = from; i < to; i++) {
    const d = docs === null ? i : docs[i]!;
    if (written && !written[d]) continue;
    if (documents) {
      const document = documents[d]!;
      const gap = document - last;
      if (gap < 0 || (postings > 0 && gap === 0)) throw new RangeError(`postings must ascend from their block ${block}: ${document} after ${last}`);
      packedBytes += codeLength(gap) + codeLength(tfs[i]!) + codeLength(lengths[d]!);
      last = document;
    }
    for (let c = 0; c < codings.length; c++) {
      const value = further[c]![d]!;
      if (codings[c] === 'ascending' && value < previous[c]!) throw new RangeError(`packed numbers must ascend: ${value} after ${previous[c]}`);
      furtherBytes += codeLength(codings[c] === 'ascending' ? value - previous[c]! : value);
      previous[c] = value;
    }
    if (summed) sum += summed[d]!;
    postings++;
  }
  const packed = Buffer.allocUnsafe(packedBytes);
  const packedFurther = Buffer.allocUnsafe(furtherBytes);
  previous.fill(0);
  last = block;
  for (let i = from, at = 0, furtherAt = 0; i < to; i++) {
    const d = docs === null ? i : docs[i]!;
    if (written && !written[d]) continue;
    if (documents) {
      const document = documents[d]!;
      at = writeNumber(packed, document - last, at);
      at = writeNumber(packed, tfs[i]!, at);
      at = writeNumber(packed, lengths[d]!, at);
      last = document;
    }
    for (let c = 0; c < codings.length; c++) {
      const value = further[c]![d]!;
      furtherAt = writeNumber(packedFurther, codings[c] === 'ascending' ? value - previous[c]! : value, furtherAt);
      previous[c] = value;
    }
  }
  return { postings, sum, packed, further: packedFurther };
}

/** How a row's further numbers of one kind are packed: as the distance from the previous posting's (the first from 0), or as they are. */
export type Coding = 'ascending' | 'value';

/**
 * Packs further numbers of a row's postings (migration 018: a text posting's article, a title
 * posting's first passage and passage count), in the same code: for each posting in order, its
 * number of each column, coded as `codings` says. A column coded `ascending` that goes down is a
 * bug, and said so.
 */
export function packColumns(columns: ReadonlyArray<ArrayLike<number>>, codings: readonly Coding[]): Buffer {
  return packBatchPostings(0, null, [], 0, columns[0]?.length ?? 0, { documents: null, lengths: [], further: columns }, null, codings, null).further;
}

/** The columns `packColumns` packed, `codings.length` numbers a posting; bytes that end inside a posting are said to be damaged. */
export function unpackColumns(packed: Uint8Array, codings: readonly Coding[]): Float64Array[] {
  const numbers = countNumbers(packed);
  if (numbers % codings.length) throw new Error(`packed postings damaged: ${numbers} numbers is not a whole number of postings of ${codings.length}`);
  const columns = codings.map(() => new Float64Array(numbers / codings.length));
  const previous = codings.map(() => 0);
  for (let i = 0, at = 0; at < packed.length; i++) {
    for (let c = 0; c < codings.length; c++) {
      const value = readNumber(packed, at) + (codings[c] === 'ascending' ? previous[c]! : 0);
      at += lengthAt(packed[at]!);
      columns[c]![i] = previous[c] = value;
    }
  }
  return columns;
}

/** A row's postings as `packPostings` packed them: the documents (from `block`), their counts and their fields' lengths. */
export function unpackPostings(block: number, packed: Uint8Array): [Float64Array, Float64Array, Float64Array] {
  const [gaps, tfs, lengths] = unpackColumns(packed, ['value', 'value', 'value']) as [Float64Array, Float64Array, Float64Array];
  for (let i = 0, document = block; i < gaps.length; i++) gaps[i] = document += gaps[i]!;
  return [gaps, tfs, lengths];
}

/** A stored row's packed columns, as `joinPacked` joins them: its block, its postings and its further numbers. */
export interface PackedRow {
  block: number;
  packed: Uint8Array;
  further: Uint8Array;
}

/**
 * Rows of one term, in block order, joined into one row of `block` (at or before the first's),
 * byte for byte: each row's first distance (from its own block) is recounted from the previous
 * row's last document (the first row's from `block`), and its first further number from the
 * previous row's (the first further column is ascending, as in both tables); every other number is
 * copied as it is. What packing the joined postings afresh gives, at the cost of walking the codes.
 */
export function joinPacked(block: number, rows: readonly PackedRow[], codings: readonly Coding[]): { packed: Buffer; further: Buffer } {
  if (codings[0] !== 'ascending') throw new Error('joinPacked: the first further column must be ascending');
  const packed: Uint8Array[] = [];
  const further: Uint8Array[] = [];
  let lastDocument = block;
  let lastFurther = 0;
  for (const row of rows) {
    if (!row.packed.length && !row.further.length) continue;
    if (!row.packed.length || !row.further.length) throw new Error(`packed postings damaged: a row of block ${row.block} has postings in one packed column only`);
    const firstDocument = row.block + readNumber(row.packed, 0);
    const firstFurther = readNumber(row.further, 0);
    if (firstDocument < lastDocument || (packed.length && firstDocument === lastDocument)) throw new RangeError(`rows joined must follow each other from block ${block}: document ${firstDocument} after ${lastDocument}`);
    if (firstFurther < lastFurther) throw new RangeError(`rows joined must follow each other: further number ${firstFurther} after ${lastFurther}`);
    packed.push(recoded(row.packed, firstDocument - lastDocument));
    further.push(recoded(row.further, firstFurther - lastFurther));
    const [documents, ofDocuments] = lastOf(row.packed, 3, firstDocument);
    const [numbers, ofNumbers] = lastOf(row.further, codings.length, firstFurther);
    if (ofDocuments !== ofNumbers) throw new Error(`packed postings damaged: a row of block ${row.block} has ${ofDocuments} postings in one packed column and ${ofNumbers} in the other`);
    [lastDocument, lastFurther] = [documents, numbers];
  }
  return { packed: Buffer.concat(packed), further: Buffer.concat(further) };
}

/** Packed numbers whose first is `first` instead (the bytes themselves when it is already: a group's first row, at the group's block). */
function recoded(bytes: Uint8Array, first: number): Uint8Array {
  if (readNumber(bytes, 0) === first) return bytes;
  const rest = bytes.subarray(lengthAt(bytes[0]!));
  const out = Buffer.allocUnsafe(codeLength(first) + rest.length);
  out.set(rest, writeNumber(out, first, 0));
  return out;
}

/** The last value of the first of `width` columns packed in `bytes` (ascending as distances, the first value `first`), and how many postings they hold. */
function lastOf(bytes: Uint8Array, width: number, first: number): [number, number] {
  let value = first;
  let postings = 1;
  let at = 0;
  for (let k = 0; k < width; k++) at += lengthAt(bytes[at]!);
  for (; at < bytes.length; postings++) {
    value += readNumber(bytes, at);
    for (let k = 0; k < width; k++) at += lengthAt(bytes[at]!);
  }
  if (at !== bytes.length) throw new Error('packed postings damaged: the last posting is cut');
  return [value, postings];
}

/** How many numbers a packed row holds (the code's first byte tells each one's length). */
function countNumbers(packed: Uint8Array): number {
  let numbers = 0;
  let at = 0;
  for (; at < packed.length; numbers++) at += lengthAt(packed[at]!);
  if (at !== packed.length) throw new Error('packed postings damaged: the last number is cut');
  return numbers;
}

/**
 * Walks a packed row of `block` beside `wanted` (document numbers, ascending) and calls `matched`
 * with the index in `wanted`, the count and the length of each document found in both. Stops
 * when the row passes the last wanted document; the counts and lengths of the others are skipped
 * unread. The bot's largest cost for a question at 1M articles (about 1.5 MB of rows a question),
 * so the usual cases go first: the next wanted document is held, a document before it has its
 * count and length skipped at once, and a distance of one or two bytes is read inline.
 */
export function matchPacked(packed: Uint8Array, block: number, wanted: ArrayLike<number>, matched: (index: number, tf: number, length: number) => void): void {
  let w = lowerBound(wanted, block);
  if (w >= wanted.length) return;
  let next = wanted[w]!;
  let document = block;
  for (let at = 0, end = packed.length; at < end; ) {
    const first = packed[at]!;
    if (first < 0x80) {
      document += first;
      at++;
    } else if (first < 0xc0) {
      document += ((first & 0x3f) << 8) | packed[at + 1]!;
      at += 2;
    } else {
      document += readNumber(packed, at);
      at += lengthAt(first);
    }
    if (document < next) {
      at += lengthAt(packed[at]!);
      at += lengthAt(packed[at]!);
      continue;
    }
    while (next < document) {
      if (++w >= wanted.length) return;
      next = wanted[w]!;
    }
    const tfAt = at;
    at += lengthAt(packed[at]!);
    if (next === document) matched(w, readNumber(packed, tfAt), readNumber(packed, at));
    at += lengthAt(packed[at]!);
  }
}

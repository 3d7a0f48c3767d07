/** The two postings tables as ingestion, deletion and compaction write them (migrations 002, 012 and 018). */

import type pg from 'pg';
import { type BinaryType, type BinaryValue, type CopyOutValue, copyBinaryOut } from './copyBinary.js';
import { type Coding, packColumns, packPostings, unpackColumns, unpackPostings } from './packedPostings.js';

/**
 * A postings table: its name, the columns of its postings (the document, the term's count and the
 * field's length, packed in `packed`, then the further numbers packed in `further`, each coded as
 * `codings` says; each table has `articles`), and where the articles numbered $1 are posted in it.
 */
export interface PostingTable {
  name: 'text_postings' | 'title_postings';
  /** What a row's `found` sums over its postings: the values of this column, or (null) one for each posting. */
  foundSums: string | null;
  /** The postings' columns: the three packed in `packed`, then those in `further`. */
  columns: readonly [string, string, string, ...string[]];
  /** The column holding the further numbers, and how each of them is coded. */
  further: { name: string; codings: readonly Coding[] };
  /** The statement giving each term of the articles $1 with the range of documents (passage or article numbers, `first` to `last`) of the article holding it. */
  documents: string;
}

/** Where the term's count is among a postings table's columns. */
export const COUNT_COLUMN = 1;

export const TEXT_POSTINGS: PostingTable = {
  name: 'text_postings',
  foundSums: null,
  columns: ['passages', 'tfs', 'lengths', 'articles'],
  further: { name: 'packed_articles', codings: ['ascending'] },
  documents: `SELECT t.term, r.first, r.last FROM article_terms x
    CROSS JOIN LATERAL (SELECT min(p.id) AS first, max(p.id) AS last FROM passages p WHERE p.article = x.article) AS r, unnest(string_to_array(x.terms, ' ')) AS t(term)
    WHERE x.article = ANY($1::bigint[])`,
};

export const TITLE_POSTINGS: PostingTable = {
  name: 'title_postings',
  foundSums: 'passage_counts',
  columns: ['articles', 'tfs', 'lengths', 'first_passages', 'passage_counts'],
  further: { name: 'packed_passages', codings: ['ascending', 'value'] },
  documents: 'SELECT t.term, a.number AS first, a.number AS last FROM articles a, unnest(a.title_terms) AS t(term) WHERE a.number = ANY($1::bigint[])',
};

/** Of a row's or a batch's columns (in the table's `columns` order), the one a row's `found` sums (`foundSums`), or null when it counts the postings. */
export function summedColumn<T>(table: PostingTable, columns: readonly T[]): T | null {
  return table.foundSums === null ? null : columns[table.columns.indexOf(table.foundSums)]!;
}

/** A row's `found` from its postings' columns (in the table's `columns` order): see `foundSums`. */
export function foundOf(table: PostingTable, columns: ReadonlyArray<ArrayLike<number>>): number {
  const summed = summedColumn(table, columns);
  if (summed === null) return columns[0]!.length;
  let sum = 0;
  for (let i = 0; i < summed.length; i++) sum += summed[i]!;
  return sum;
}

/** A postings table's columns with their types, in the order of `postingRow`'s values. */
export function postingColumns(table: PostingTable): Array<readonly [string, BinaryType]> {
  return [['term', 'text'], ['block', 'bigint'], ['found', 'integer'], ['packed', 'bytea'], [table.further.name, 'bytea']];
}

/**
 * A row of `table` as a binary COPY writes it (`postingColumns`): the term, the block, `found`,
 * and the postings packed (`columns` in the table's order, documents ascending from the block).
 */
export function postingRow(table: PostingTable, term: string, block: number, columns: ReadonlyArray<ArrayLike<number>>): BinaryValue[] {
  const [documents, tfs, lengths, ...further] = columns as [ArrayLike<number>, ArrayLike<number>, ArrayLike<number>, ...Array<ArrayLike<number>>];
  if (columns.length !== table.columns.length || columns.some((column) => column.length !== documents.length)) {
    throw new Error(`a ${table.name} row (${term}, ${block}) needs ${table.columns.length} columns of one length: ${columns.map((column) => column.length).join(', ')}`);
  }
  return [term, block, foundOf(table, columns), packPostings(block, documents, tfs, lengths), packColumns(further, table.further.codings)];
}

/** A row's postings columns in the table's order, from its two packed columns; a row whose two disagree on its postings is said to be damaged. */
function postingColumnsOf(table: PostingTable, term: string, block: number, packed: Uint8Array, further: Uint8Array): Float64Array[] {
  const columns = [...unpackPostings(block, packed), ...unpackColumns(further, table.further.codings)];
  if (columns.some((column) => column.length !== columns[0]!.length)) throw new Error(`${table.name} row (${term}, ${block}) damaged: its packed columns hold different numbers of postings`);
  return columns;
}

/** A stored postings row as read: its term and block, and its postings' columns in the table's order. */
export interface StoredPostings {
  term: string;
  block: number;
  columns: Float64Array[];
}

/** The rows of `table` that `from` (a FROM clause joining the table as `b`, with `values` as $1…) gives, in no particular order, their postings unpacked. */
export async function readPostingRows(db: pg.ClientBase, table: PostingTable, from: string, values: readonly CopyOutValue[]): Promise<StoredPostings[]> {
  const rows = await copyBinaryOut(db, `SELECT b.term, b.block, b.packed, b.${table.further.name} FROM ${from}`, values);
  return rows.map(([sentTerm, sentBlock, packed, further]) => {
    const [term, block] = [sentTerm!.toString('utf8'), Number(sentBlock!.readBigInt64BE(0))];
    return { term, block, columns: postingColumnsOf(table, term, block, packed!, further!) };
  });
}

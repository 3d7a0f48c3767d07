/** The two postings tables as ingestion, deletion and compaction write them (migrations 002 and 012). */

import type { BinaryType, BinaryValue } from './copyBinary.js';
import { packPostings } from './packedPostings.js';

/**
 * A postings table: its name, its array columns after `term` and `block` with their element types
 * (each table has `articles`), and where the articles numbered $1 are posted in it.
 */
export interface PostingTable {
  name: 'text_postings' | 'title_postings';
  /** A row's `found` from its array columns (in `columns` order). */
  found: (columns: ReadonlyArray<ArrayLike<number>>) => number;
  columns: ReadonlyArray<readonly [string, 'bigint' | 'integer' | 'smallint']>;
  /** The columns `packed` holds (documents, counts, lengths), as `pack_postings` takes them. */
  packs: readonly [string, string, string];
  /** The statement giving each term of the articles $1 with the range of documents (passage or article numbers, `first` to `last`) of the article holding it. */
  documents: string;
}

export const TEXT_POSTINGS: PostingTable = {
  name: 'text_postings',
  found: ([passages]) => passages!.length,
  columns: [['passages', 'bigint'], ['articles', 'bigint'], ['tfs', 'smallint'], ['lengths', 'integer']],
  packs: ['passages', 'tfs', 'lengths'],
  documents: `SELECT t.term, r.first, r.last FROM article_terms x
    CROSS JOIN LATERAL (SELECT min(p.id) AS first, max(p.id) AS last FROM passages p WHERE p.article = x.article) AS r, unnest(string_to_array(x.terms, ' ')) AS t(term)
    WHERE x.article = ANY($1::bigint[])`,
};

export const TITLE_POSTINGS: PostingTable = {
  name: 'title_postings',
  found: (columns) => {
    const counts = columns[TITLE_POSTINGS.columns.findIndex(([name]) => name === 'passage_counts')]!;
    let sum = 0;
    for (let i = 0; i < counts.length; i++) sum += counts[i]!;
    return sum;
  },
  columns: [['articles', 'bigint'], ['tfs', 'smallint'], ['lengths', 'integer'], ['first_passages', 'bigint'], ['passage_counts', 'integer']],
  packs: ['articles', 'tfs', 'lengths'],
  documents: 'SELECT t.term, a.number AS first, a.number AS last FROM articles a, unnest(a.title_terms) AS t(term) WHERE a.number = ANY($1::bigint[])',
};

/** A postings table's columns with their types, in the order of `postingRow`'s values. */
export function postingColumns(table: PostingTable): Array<readonly [string, BinaryType]> {
  return [['term', 'text'], ['block', 'bigint'], ['found', 'integer'], ...table.columns.map(([name, type]) => [name, `${type}[]`] as const), ['packed', 'bytea']];
}

/**
 * A row of `table` as a binary COPY writes it (`postingColumns`): the term, the block, `found`,
 * the array columns (in the table's order, documents ascending from the block), and those columns packed.
 */
export function postingRow(table: PostingTable, term: string, block: number, columns: ReadonlyArray<ArrayLike<number>>): BinaryValue[] {
  const [documents, tfs, lengths] = table.packs.map((name) => columns[table.columns.findIndex(([column]) => column === name)]!) as [ArrayLike<number>, ArrayLike<number>, ArrayLike<number>];
  return [term, block, table.found(columns), ...columns, packPostings(block, documents, tfs, lengths)];
}

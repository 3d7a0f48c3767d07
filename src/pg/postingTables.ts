/** The two postings tables as ingestion, deletion and compaction write them (migrations 002 and 012). */

/**
 * A postings table: its name, its array columns after `term` and `block` with their element types
 * (each table has `articles`), and where the articles numbered $1 are posted in it.
 */
export interface PostingTable {
  name: 'text_postings' | 'title_postings';
  /** The aggregate giving a row's `found` from its unnested arrays `x`. */
  found: string;
  columns: ReadonlyArray<readonly [string, 'bigint' | 'integer' | 'smallint']>;
  /** The columns `packed` holds (documents, counts, lengths), as `pack_postings` takes them. */
  packs: readonly [string, string, string];
  /** The statement giving each term of the articles $1 with a document (passage or article number) holding it. */
  documents: string;
}

export const TEXT_POSTINGS: PostingTable = {
  name: 'text_postings',
  found: 'count(*)',
  columns: [['passages', 'bigint'], ['articles', 'bigint'], ['tfs', 'smallint'], ['lengths', 'integer']],
  packs: ['passages', 'tfs', 'lengths'],
  documents: 'SELECT t.term, p.id AS document FROM passages p, unnest(p.terms) AS t(term) WHERE p.article = ANY($1::bigint[])',
};

export const TITLE_POSTINGS: PostingTable = {
  name: 'title_postings',
  found: 'sum(x.passage_counts)',
  columns: [['articles', 'bigint'], ['tfs', 'smallint'], ['lengths', 'integer'], ['first_passages', 'bigint'], ['passage_counts', 'integer']],
  packs: ['articles', 'tfs', 'lengths'],
  documents: 'SELECT t.term, a.number AS document FROM articles a, unnest(a.title_terms) AS t(term) WHERE a.number = ANY($1::bigint[])',
};

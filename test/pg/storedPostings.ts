import type pg from 'pg';
import { type PostingTable, foundOf, readPostingRows } from '../../src/pg/postingTables.js';

/** A stored posting: its term, and its columns by the table's names (passages, tfs, lengths, articles; or articles, tfs, lengths, first_passages, passage_counts). */
export type StoredPosting = { term: string } & Record<string, number>;

/**
 * Every posting of `table` as stored, unpacked (`readPostingRows`, which fails on a row whose two
 * packed columns disagree), by term (in code unit order) then document; and how many rows have a
 * `found` other than their postings give.
 */
export async function storedPostings(pool: pg.Pool, table: PostingTable): Promise<{ postings: StoredPosting[]; wrongFound: number }> {
  const client = await pool.connect();
  try {
    const rows = await readPostingRows(client, table, `${table.name} b`, []);
    const found = new Map((await client.query<{ term: string; block: string; found: number }>(`SELECT term, block, found FROM ${table.name}`)).rows.map((r) => [`${r.block} ${r.term}`, r.found]));
    let wrongFound = 0;
    const postings: StoredPosting[] = [];
    for (const { term, block, columns } of rows) {
      if (found.get(`${block} ${term}`) !== foundOf(table, columns)) wrongFound++;
      for (let i = 0; i < columns[0]!.length; i++) postings.push(Object.assign({ term }, ...table.columns.map((name, k) => ({ [name]: columns[k]![i]! }))) as StoredPosting);
    }
    const document = table.columns[0];
    postings.sort((x, y) => (x.term < y.term ? -1 : x.term > y.term ? 1 : x[document]! - y[document]!));
    return { postings, wrongFound };
  } finally {
    client.release();
  }
}

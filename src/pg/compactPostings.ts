/**
 * Merging each term's small postings rows. Every ingestion batch writes one row per term, so at 1M
 * articles ingested 2,000 at a time (5,000 by default now) a term had up to 500 rows, most of them a few postings long,
 * and a question pays a row fetch for each (about 5 µs: 4,500 rows, 20 ms, for a question with 9
 * commoner words, whatever their postings). Merged, a rare term has one row and a common one a
 * row per few thousand postings, and reading a term costs its bytes.
 */

import type pg from 'pg';
import { INGEST_LOCK, hasSecondConnection, inTransaction, usingPoolClient } from './pool.js';
import { type PostingTable, TEXT_POSTINGS, TITLE_POSTINGS, postingColumns } from './postingTables.js';
import { copyBinaryInto, copyBinaryOut } from './copyBinary.js';
import { type PackedRow, joinPacked } from './packedPostings.js';

/**
 * Postings (passages a row's term counts for, its `found`; for titles, their articles' passages) a
 * merge gathers: consecutive rows of a term fall in one merge group while the postings before them
 * fall in the same multiple of this, so a merged row holds about this many or a little more (up to
 * twice, more when a long row joins the group), fewer at the end of a term.
 */
const MERGED_ROW_POSTINGS = 4096;

/** Terms whose rows one transaction merges (the bot holds their rows to merge at once: a group holds about `MERGED_ROW_POSTINGS` postings, or one longer row and fewer). */
const TERMS_PER_TRANSACTION = 1000;

/**
 * Held (at session level) by the connection leading a compaction until every connection merging
 * with it is done: two compactions (of two ingestion runs ending together) never merge the same
 * term at once. Each merge transaction holds the ingestion lock shared, so writers wait for it while
 * the connections of one compaction do not wait for each other.
 */
const COMPACTION_LOCK = 0x6e657773_03;

/**
 * Rows a term's last merge group must have to be merged after an ingestion run: a term's rows
 * written since are merged every few runs, not rewritten every run. A group the term's later
 * postings have closed is merged once it has two rows, since no row will join it any more.
 */
export const RUN_MERGE_ROWS = 8;

/** What a compaction did: the terms with a group merged, the rows those groups had and the merged rows written in their place, for both tables. */
export interface Compaction {
  terms: number;
  rowsBefore: number;
  rowsAfter: number;
}

/** A progress report of a compaction: terms looked at so far (those `termsToMerge` found), of `total` (text then title terms). */
export interface CompactionProgress {
  done: number;
  total: number;
}

/** What to merge: the terms to look at in each table (all when left out), how many rows a group needs, the postings a merged row gathers, the terms a transaction merges. */
export interface CompactionOptions {
  terms?: { text: readonly string[]; title: readonly string[] };
  minRows?: number;
  rowPostings?: number;
  termsPerTransaction?: number;
  onProgress?: (progress: CompactionProgress) => void;
  /**
   * Once this settles (fulfilled), a second connection of the pool merges beside the first, taking
   * the next terms as each finishes its own: an ingestion run's end gives it when its clustering,
   * which runs beside the merge, is done. One connection merges alone without it.
   */
  helper?: Promise<unknown>;
}

/**
 * Merges the consecutive small rows of each term in both postings tables (see
 * `MERGED_ROW_POSTINGS`), the groups of `minRows` rows or more (2 by default), a chunk of terms
 * (`termsPerTransaction`, a thousand by default) a transaction holding the ingestion lock (shared:
 * see `COMPACTION_LOCK`): a bot reading meanwhile sees every term's postings whole, before or
 * after. An ingestion run ends by merging the terms it wrote (`RUN_MERGE_ROWS`): a term's rows
 * written since join its last merged row.
 */
export async function compactPostings(pool: pg.Pool, options: CompactionOptions = {}): Promise<Compaction> {
  const { minRows = 2, rowPostings = MERGED_ROW_POSTINGS, termsPerTransaction = TERMS_PER_TRANSACTION } = options;
  // A pool of one connection has none for a second merger: it would wait for the lead's.
  const helper = hasSecondConnection(pool) ? options.helper : undefined;
  // Closed after any failure: its session may still hold the compaction's lock.
  return usingPoolClient(await pool.connect(), async (lead) => {
    await lead.query('SELECT pg_advisory_lock($1)', [COMPACTION_LOCK]);
    let failed = false;
    try {
      // One table after the other, on the lead's connection: a pool of one connection (db:migrate's) has no other.
      const chunks: Array<{ table: PostingTable; terms: string[] }> = [];
      for (const { table, looked } of [
        { table: TEXT_POSTINGS, looked: options.terms?.text },
        { table: TITLE_POSTINGS, looked: options.terms?.title },
      ]) {
        const terms = await termsToMerge(lead, table, looked, minRows, rowPostings);
        for (let from = 0; from < terms.length; from += termsPerTransaction) chunks.push({ table, terms: terms.slice(from, from + termsPerTransaction) });
      }
      const total = chunks.reduce((sum, chunk) => sum + chunk.terms.length, 0);
      const done: Compaction = { terms: 0, rowsBefore: 0, rowsAfter: 0 };
      let looked = 0;
      const drain = async (client: pg.ClientBase) => {
        try {
          for (let chunk = chunks.shift(); chunk && !failed; chunk = chunks.shift()) {
            const { table, terms } = chunk;
            const merged = await inTransaction(client, async () => {
              await client.query('SELECT pg_advisory_xact_lock_shared($1)', [INGEST_LOCK]);
              return mergeRows(client, table, terms, minRows, rowPostings);
            });
            looked += terms.length;
            done.terms += merged.terms;
            done.rowsBefore += merged.before;
            done.rowsAfter += merged.after;
            options.onProgress?.({ done: looked, total });
          }
        } catch (error) {
          failed = true;
          throw error;
        }
      };
      const leading = drain(lead);
      // A second connection joins when the helper settles before the lead has merged the last
      // chunk; one the pool cannot give (its connection timeout) leaves the lead merging alone.
      const joins = helper && Promise.race([helper.then(() => true, () => false), leading.then(() => false, () => false)]);
      const second = joins?.then(async (join) => {
        if (!join || !chunks.length || failed) return;
        const client = await pool.connect().catch(() => undefined);
        if (client) await usingPoolClient(client, drain, () => true);
      });
      const settled = await Promise.allSettled([leading, second]);
      for (const result of settled) if (result.status === 'rejected') throw result.reason;
      return done;
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      // After a failure the connection is closed (`usingPoolClient`), which drops the lock: an unlock
      // failing then must not hide the failure.
      await lead.query('SELECT pg_advisory_unlock($1)', [COMPACTION_LOCK]).catch((error: unknown) => {
        if (!failed) throw error;
      });
    }
  }, () => true);
}

/**
 * Each row of a term with its merge group (the multiple of `rowPostings`, $2, the term's postings
 * before it reach) and whether that group is closed (a later group of the term exists).
 */
const GROUPED = (table: PostingTable, where: string) =>
  `SELECT term, block, grp, grp < max(grp) OVER (PARTITION BY term) AS closed FROM (
     SELECT term, block, (sum(found) OVER (PARTITION BY term ORDER BY block) - found) / $2::bigint AS grp FROM ${table.name} WHERE ${where}
   ) AS r`;

/** Whether a group of `n` rows, `closed` or not, is merged: `minRows` ($3) rows, or two in a closed group. */
const MERGED = (n: string, closed: string) => `(${n} >= $3::integer OR (${closed} AND ${n} >= 2))`;

/**
 * The terms of `table` (among `looked` when given) that may have a group to merge: those with
 * `minRows` ($3) rows, or with three rows or more and at least `rowPostings` ($2) postings (a
 * closed group of two rows needs a later row, which starts that many postings in). Counting each
 * term's rows by hash finds every term `MERGED` would and few more, without sorting every row by
 * term and block to number their groups (three quarters of the statement's time at 90k
 * articles); `mergeRows` numbers the groups of these terms only.
 */
async function termsToMerge(client: pg.ClientBase, table: PostingTable, looked: readonly string[] | undefined, minRows: number, rowPostings: number): Promise<string[]> {
  if (looked && !looked.length) return [];
  const result = await client.query<{ term: string }>(
    `SELECT term FROM ${table.name} WHERE ${looked ? 'term = ANY($1::text[])' : '$1::text[] IS NULL'}
     GROUP BY term HAVING count(*) >= $3::integer OR (count(*) >= 3 AND sum(found) >= $2::bigint) ORDER BY term`,
    [looked ?? null, rowPostings, minRows],
  );
  return result.rows.map((row) => row.term);
}

/**
 * Replaces the rows of each merge group of `terms` to merge (see `MERGED`) by one row at the
 * group's first block: one statement deletes the rows and returns them (a binary `COPY` of the
 * `DELETE`), the bot joins each group's packed columns byte for byte (`joinPacked`) and writes the
 * merged rows by binary `COPY`. Returns the terms with a group merged, the rows replaced and the rows written.
 */
async function mergeRows(client: pg.ClientBase, table: PostingTable, terms: string[], minRows: number, rowPostings: number): Promise<{ terms: number; before: number; after: number }> {
  const gone = await copyBinaryOut(
    client,
    `WITH grouped AS (${GROUPED(table, 'term = ANY($1::text[])')}),
     targets AS (
       SELECT term, block, closed, min(block) OVER (PARTITION BY term, grp) AS merged, count(*) OVER (PARTITION BY term, grp) AS n FROM grouped
     )
     DELETE FROM ${table.name} b USING targets t WHERE ${MERGED('t.n', 't.closed')} AND b.term = t.term AND b.block = t.block
     RETURNING b.term, t.merged, b.block, b.found, b.packed, b.${table.further.name}`,
    [terms, rowPostings, minRows],
  );
  const groups = new Map<string, { term: string; block: number; found: number; rows: PackedRow[] }>();
  for (const [sentTerm, sentMerged, sentBlock, found, packed, further] of gone) {
    const [term, merged] = [sentTerm!.toString('utf8'), Number(sentMerged!.readBigInt64BE(0))];
    const key = `${merged} ${term}`;
    const group = groups.get(key) ?? groups.set(key, { term, block: merged, found: 0, rows: [] }).get(key)!;
    group.found += found!.readInt32BE(0);
    group.rows.push({ block: Number(sentBlock!.readBigInt64BE(0)), packed: packed!, further: further! });
  }
  const rows = [...groups.values()].map(({ term, block, found, rows: parts }) => {
    const joined = joinPacked(block, parts.sort((x, y) => x.block - y.block), table.further.codings);
    return [term, block, found, joined.packed, joined.further];
  });
  await copyBinaryInto(client, table.name, postingColumns(table), rows);
  return { terms: new Set(rows.map(([term]) => term)).size, before: gone.length, after: rows.length };
}

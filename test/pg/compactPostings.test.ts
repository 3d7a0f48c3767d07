import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CompactionProgress, RUN_MERGE_ROWS, compactPostings } from '../../src/pg/compactPostings.js';
import { ingestArticles } from '../../src/pg/ingest.js';
import { packPostings } from '../../src/pg/packedPostings.js';
import { TEXT_POSTINGS, postingRow, readPostingRows } from '../../src/pg/postingTables.js';
import { replacePostingRows } from '../../src/pg/postingRewrite.js';
import { createPool, inPoolTransaction } from '../../src/pg/pool.js';
import { silentLogger } from '../../src/engine/index.js';
import { freshDatabase, useEmbeddedServer } from './database.js';
import { QUOTES_DIR, answers, devArchive, postingsById } from './devArchive.js';

const server = useEmbeddedServer();

/** Rows per table, and the most rows one term has. */
async function rowCounts(pool: import('pg').Pool) {
  const counted = await pool.query<{ rows: number; most: number }>(
    `SELECT (SELECT count(*)::int FROM text_postings) + (SELECT count(*)::int FROM title_postings) AS rows,
            (SELECT max(n)::int FROM (SELECT count(*) AS n FROM text_postings GROUP BY term) AS t) AS most`,
  );
  return counted.rows[0]!;
}

describe.skipIf(!existsSync(QUOTES_DIR))('compactPostings', () => {
  it('merges each term’s small rows into few, and every answer and posting stays as it was', async () => {
    const { articles, quotes } = devArchive();
    const { pool } = await freshDatabase(server());
    // Batches of 2 articles, not finished: a common word has a row in each of about 35 blocks.
    await ingestArticles(pool, articles, { batchSize: 2, finish: false });
    const before = { answers: await answers(pool, articles, quotes), postings: await postingsById(pool), rows: await rowCounts(pool) };
    expect(before.rows.most).toBeGreaterThan(25);

    const progress: CompactionProgress[] = [];
    const rowPostings = 40;
    const compaction = await compactPostings(pool, { onProgress: (p) => progress.push(p), rowPostings });
    const after = await rowCounts(pool);
    expect(compaction.rowsBefore - compaction.rowsAfter).toBe(before.rows.rows - after.rows);
    expect(after.rows).toBeLessThan(before.rows.rows);
    expect(after.most).toBeLessThan(before.rows.most / 3);
    // Progress counts the terms looked at: every term merged, and any whose rows only looked mergeable.
    expect(progress.at(-1)).toEqual({ done: progress.at(-1)!.total, total: expect.any(Number) });
    expect(progress.at(-1)!.total).toBeGreaterThanOrEqual(compaction.terms);
    // A merged row holds fewer than twice `rowPostings` passages, unless one of its rows was that long alone.
    const oversized = await pool.query(`SELECT count(*)::int AS n FROM text_postings WHERE found >= $1`, [2 * rowPostings]);
    expect(oversized.rows[0].n).toBe(0);

    expect(await postingsById(pool)).toEqual(before.postings);
    expect(await answers(pool, articles, quotes)).toEqual(before.answers);
    // Nothing left to merge: a second run changes nothing.
    expect(await compactPostings(pool, { rowPostings })).toEqual({ terms: 0, rowsBefore: 0, rowsAfter: 0 });

    // An ingestion run ends by merging the groups of the terms it wrote once they have RUN_MERGE_ROWS rows: no term keeps as many.
    const { pool: fresh } = await freshDatabase(server());
    for (const part of [articles.slice(0, 60), articles.slice(60, 72), articles.slice(72)]) {
      await ingestArticles(fresh, part, { batchSize: 4 });
      expect((await rowCounts(fresh)).most).toBeLessThan(RUN_MERGE_ROWS);
    }
    expect(await postingsById(fresh)).toEqual(await postingsById(pool));
  }, 240_000);

  it('after a run, merges every closed group of two rows or more, and a term\'s last group once it has RUN_MERGE_ROWS', async () => {
    const { articles } = devArchive();
    const { pool } = await freshDatabase(server());
    await ingestArticles(pool, articles, { batchSize: 2, finish: false });
    const rowPostings = 40;
    const groups = async () =>
      (
        await pool.query<{ closed: number; open: number }>(
          `WITH r AS (SELECT term, (sum(found) OVER (PARTITION BY term ORDER BY block) - found) / $1 AS grp FROM text_postings),
                g AS (SELECT term, grp, count(*) AS n, grp < max(grp) OVER (PARTITION BY term) AS closed FROM r GROUP BY term, grp)
           SELECT count(*) FILTER (WHERE closed AND n >= 2)::int AS closed, count(*) FILTER (WHERE NOT closed AND n >= $2)::int AS open FROM g`,
          [rowPostings, RUN_MERGE_ROWS],
        )
      ).rows[0]!;
    // Groups of 40 postings over batches of two articles: closed groups of a few rows, and last groups of 8 rows or more.
    const before = await groups();
    expect(before.closed).toBeGreaterThan(5);
    expect(before.open).toBeGreaterThan(100);
    const postings = await postingsById(pool);
    await compactPostings(pool, { minRows: RUN_MERGE_ROWS, rowPostings });
    expect(await groups()).toEqual({ closed: 0, open: 0 });
    expect(await postingsById(pool)).toEqual(postings);
  }, 240_000);
});

/** Every row of both postings tables: term, block, count and packed bytes. */
async function storedRows(pool: import('pg').Pool) {
  const read = (table: string) => pool.query(`SELECT term, block, found, encode(packed, 'hex') AS packed FROM ${table} ORDER BY term COLLATE "C", block`);
  return [(await read('text_postings')).rows, (await read('title_postings')).rows];
}

describe.skipIf(!existsSync(QUOTES_DIR))('compactPostings on several connections', () => {
  it('merges on a second connection once given one, and stores what one connection alone stores', async () => {
    const { articles } = devArchive();
    const alone = (await freshDatabase(server())).pool;
    const helped = (await freshDatabase(server())).pool;
    for (const pool of [alone, helped]) await ingestArticles(pool, articles, { batchSize: 2, finish: false });
    const options = { rowPostings: 40, termsPerTransaction: 10 };
    const expected = await compactPostings(alone, options);
    let connections = 0;
    helped.on('acquire', () => connections++);
    let freed!: () => void;
    const helper = new Promise<void>((resolve) => (freed = resolve));
    const progress: CompactionProgress[] = [];
    // The second connection joins part-way (as when a run's clustering ends): after the first transaction, with many left.
    const compaction = compactPostings(helped, { ...options, helper, onProgress: (p) => progress.push(p) === 1 && freed() });
    expect(await compaction).toEqual(expected);
    expect(progress.length).toBeGreaterThan(5);
    expect(connections).toBe(2);
    expect(progress.at(-1)).toEqual({ done: progress.at(-1)!.total, total: expect.any(Number) });
    expect(await storedRows(helped)).toEqual(await storedRows(alone));
  }, 240_000);

  it('merges alone, as asked, on a pool of one connection given a helper, and when the helper never settles', async () => {
    const { articles } = devArchive();
    const { pool, url } = await freshDatabase(server());
    const reference = (await freshDatabase(server())).pool;
    for (const each of [pool, reference]) await ingestArticles(each, articles, { batchSize: 2, finish: false });
    const options = { rowPostings: 40, termsPerTransaction: 10 };
    const expected = await compactPostings(reference, options);
    // db:migrate's pool has one connection: a second merger would wait for the lead's until its timeout.
    const single = createPool(url, silentLogger, 1);
    try {
      expect(await compactPostings(single, { ...options, helper: Promise.resolve() })).toEqual(expected);
    } finally {
      await single.end();
    }
    expect(await storedRows(pool)).toEqual(await storedRows(reference));
    // A clustering that never ends leaves the lead merging alone, and the compaction still returns.
    expect(await compactPostings(pool, { ...options, helper: new Promise(() => undefined) })).toEqual({ terms: 0, rowsBefore: 0, rowsAfter: 0 });
  }, 240_000);

  it('merges each term once when two compactions run at once (two runs ending together): the second waits for the first', async () => {
    const { articles } = devArchive();
    const { pool, url } = await freshDatabase(server());
    await ingestArticles(pool, articles, { batchSize: 2, finish: false });
    const reference = (await freshDatabase(server())).pool;
    await ingestArticles(reference, articles, { batchSize: 2, finish: false });
    const options = { rowPostings: 40, termsPerTransaction: 10 };
    const once = await compactPostings(reference, options);
    const other = createPool(url, silentLogger);
    try {
      const both = await Promise.all([compactPostings(pool, { ...options, helper: Promise.resolve() }), compactPostings(other, { ...options, helper: Promise.resolve() })]);
      // One merged every term; the other, waiting, then found nothing left to merge.
      expect(both.map((c) => c.terms).sort((a, b) => a - b)).toEqual([0, once.terms]);
      expect(await storedRows(pool)).toEqual(await storedRows(reference));
    } finally {
      await other.end();
    }
  }, 240_000);
});

describe('compactPostings on far-apart rows', () => {
  it('joins rows whose first documents lie 2, 4 and 9 bytes of distance after the row before as packing the merged row afresh does, each posting with its article', async () => {
    const { pool } = await freshDatabase(server());
    // Rows of one term whose first documents lie 195, 99,800 and about 2^40 after the row before's last: distances of 2, 4 and 9 bytes.
    const rows = [
      { block: 1, passages: [1, 5] },
      { block: 200, passages: [200] },
      { block: 100_000, passages: [100_000, 100_001] },
      { block: 2 ** 40, passages: [2 ** 40, 2 ** 40 + 127, 2 ** 53 - 1] },
    ];
    const columns = rows.map(({ passages }, k) => [passages, passages.map((_, i) => 1 + ((i + k) % 3)), passages.map((_, i) => 10 + 1000 * i), passages.map((p) => Math.floor(p / 3))]);
    await inPoolTransaction(pool, (client) => replacePostingRows(client, TEXT_POSTINGS, [], rows.map(({ block }, k) => postingRow(TEXT_POSTINGS, 'بعيد', block, columns[k]!))));
    expect(await compactPostings(pool, { minRows: 2, rowPostings: 1_000 })).toEqual({ terms: 1, rowsBefore: 4, rowsAfter: 1 });
    const merged = await pool.query<{ block: string; found: number; packed: Buffer }>("SELECT block, found, packed FROM text_postings WHERE term = 'بعيد'");
    const joined = columns[0]!.map((_, c) => columns.flatMap((row) => row[c]!));
    expect(merged.rows.map(({ block, found }) => ({ block, found }))).toEqual([{ block: '1', found: joined[0]!.length }]);
    expect([...merged.rows[0]!.packed]).toEqual([...packPostings(1, joined[0]!, joined[1]!, joined[2]!)]);
    const [stored] = await inPoolTransaction(pool, (client) => readPostingRows(client, TEXT_POSTINGS, 'text_postings b', []));
    expect(stored!.columns.map((column) => [...column])).toEqual(joined);
  });
});

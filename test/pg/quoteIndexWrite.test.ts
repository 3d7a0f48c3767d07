import { existsSync, readFileSync } from 'node:fs';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { quoteAnswers } from '../../src/engine/engine.js';
import { QuoteIndex } from '../../src/engine/quotes/index.js';
import type { Article } from '../../src/engine/types.js';
import { ingestArticles } from '../../src/pg/ingest.js';
import { finishQuoteIndex } from '../../src/pg/quoteIndexWrite.js';
import { postgresQuotes } from '../../src/pg/quoteService.js';
import { freshDatabase, useEmbeddedServer } from './database.js';
import { devArchive } from './devArchive.js';

const server = useEmbeddedServer();
const SEED = new URL('../../../shared/eval/quotes/seed.jsonl', import.meta.url);

/** The seed's articles. */
function seedArticles(): Article[] {
  return readFileSync(SEED, 'utf8').split('\n').filter((line) => line.trim()).map((line) => {
    const r = JSON.parse(line) as { id: string; title: string; body: string; date: string; source: string; url: string | null };
    return { id: r.id, title: r.title, body: r.body, date: r.date, source: r.source, url: r.url, lang: 'ar', author: null, file: r.id };
  });
}

/**
 * A fresh database holding the dev files' articles, ingested in batches of 7, their 635 groups
 * numbered from 3,796 (after a stored group without words), so over the end of block 0: the
 * batch crossing it appends to rows of block 0 the earlier batches wrote.
 */
async function devFilesAcrossBlocks(): Promise<{ pool: pg.Pool; articles: Article[] }> {
  const { articles } = devArchive();
  const { pool } = await freshDatabase(server());
  await pool.query("INSERT INTO quote_groups (id, hash, words, length, first_day) VALUES (3795, decode(md5('placeholder'), 'hex'), '', 0, '2000-01-01')");
  await ingestArticles(pool, articles, { batchSize: 7 });
  return { pool, articles };
}

/**
 * Articles of three quotations each, every quotation a text of its own (`n` numbers them, from
 * `from`), all of them holding the same ten words: `count` articles hold `3 * count` groups.
 */
function numberedQuotations(count: number, from = 0): Article[] {
  const quotation = (n: number) => `وقال وزير الطاقة في بيان: "إن الخطة رقم ${n} ستعلن قريبا بعد مشاورات واسعة مع الشركاء".`;
  return Array.from({ length: count }, (_, k) => {
    const n = from + 3 * k;
    return { id: `plan-${n}`, title: `الخطة ${n}`, body: [n, n + 1, n + 2].map(quotation).join('\n\n'), date: '2024-03-01', source: 'test', url: null, lang: 'ar', author: null, file: 'plans.jsonl' };
  });
}

/**
 * Each word's postings as stored (its count, its rows' groups and lengths in block order, and how
 * many of its rows start outside their block: a row is keyed by the block of its first group) and
 * as the stored groups' words give them; the rows of words without a count, the blocks used, the
 * highest group, and the rows holding groups of a block after theirs.
 */
async function postingsAndGroups(pool: pg.Pool) {
  const groups = (await pool.query<{ id: number; words: string[] }>("SELECT id, string_to_array(words, ' ') AS words FROM quote_groups ORDER BY id")).rows;
  const rows = (await pool.query<{ word: string; block: number; groups: number[]; lengths: number[] }>('SELECT word, block, groups, lengths FROM quote_postings ORDER BY word, block')).rows;
  const words = (await pool.query<{ word: string; groups: number }>('SELECT word, groups FROM quote_words ORDER BY word')).rows;
  const rowsOf = new Map<string, typeof rows>();
  for (const r of rows) rowsOf.set(r.word, [...(rowsOf.get(r.word) ?? []), r]);
  const stored = words.map(({ word, groups: count }) => {
    const own = rowsOf.get(word) ?? [];
    return { word, count, groups: own.flatMap((r) => r.groups), lengths: own.flatMap((r) => r.lengths), outside: own.filter((r) => Math.floor(r.groups[0]! / 4096) !== r.block).length };
  });
  const expected = words.map(({ word }) => {
    const holding = groups.filter((g) => g.words.includes(word));
    return { word, count: holding.length, groups: holding.map((g) => g.id), lengths: holding.map((g) => g.words.length), outside: 0 };
  });
  const counted = new Set(words.map((w) => w.word));
  const spanning = rows.filter((r) => r.groups.some((g) => Math.floor(g / 4096) > r.block));
  return { stored, expected, uncounted: rows.filter((r) => !counted.has(r.word)).length, blocks: [...new Set(rows.map((r) => r.block))].sort(), last: groups.at(-1)!.id, spanning };
}

describe.skipIf(!existsSync(SEED))('the quotation index stored at ingestion', () => {
  it('holds the distinct texts, their words and the speakers as the embedded index makes them, batch after batch', async () => {
    const articles = seedArticles();
    const { pool } = await freshDatabase(server());
    await ingestArticles(pool, articles, { batchSize: 3 });
    const data = QuoteIndex.build(articles).toData();
    const groups = await pool.query<{ id: number; words: string[]; length: number }>("SELECT id, string_to_array(words, ' ') AS words, length FROM quote_groups ORDER BY id");
    const textOf = (g: number) => Array.from(data.groupWords.subarray(data.groupStart[g], data.groupStart[g + 1]), (w) => data.words[w]!);
    expect(groups.rows.map((r) => r.words)).toEqual(groups.rows.map((_, g) => textOf(g)));
    expect(groups.rows.map((r) => r.id)).toEqual(groups.rows.map((_, g) => g));
    const quotations = await pool.query<{ grp: number; speaker_id: number | null }>('SELECT q.grp, s.speaker_id FROM quotations q LEFT JOIN quotation_speakers s ON s.article = q.article AND s.position = q.position ORDER BY q.article, q.position');
    expect(quotations.rows.map((r) => r.grp)).toEqual([...data.group]);
    const speakers = await pool.query<{ id: number; name: string; quotes: number; variants: string[] }>('SELECT id, name, quotes, variants FROM quote_speakers ORDER BY rank');
    expect(speakers.rows.map(({ id: _, ...s }) => s)).toEqual(data.speakers.map((c) => ({ name: c.name, quotes: c.quotes.length, variants: c.variants })));
    const clusterOf = new Map(data.speakers.flatMap((c, k) => c.quotes.map((i) => [i, speakers.rows[k]!.id] as const)));
    expect(quotations.rows.map((r) => r.speaker_id)).toEqual(quotations.rows.map((_, i) => clusterOf.get(i) ?? null));
    const postings = await pool.query<{ word: string; groups: number[] }>('SELECT word, groups FROM quote_postings ORDER BY word, block');
    const words = await pool.query<{ word: string; groups: number }>('SELECT word, groups FROM quote_words');
    for (const { word, groups: count } of words.rows) {
      const expected = groups.rows.flatMap((r, g) => (textOf(g).includes(word) ? [g] : []));
      expect(postings.rows.filter((p) => p.word === word).flatMap((p) => p.groups)).toEqual(expected);
      expect(count).toBe(expected.length);
    }
    expect(new Set(words.rows.map((r) => r.word))).toEqual(new Set(data.words));
  }, 120_000);

  it('posts each word across a block’s end: its groups in the block the stored groups end in appended to its row there, the later ones in a new row', async () => {
    const { pool } = await devFilesAcrossBlocks();
    const { stored, expected, uncounted, blocks, last } = await postingsAndGroups(pool);
    expect(last).toBeGreaterThan(4095 + 200);
    expect(blocks).toEqual([0, 1]);
    expect([stored, uncounted]).toEqual([expected, 0]);
  }, 120_000);

  it('posts a batch’s groups for a word in at most two rows, however many blocks they span: those of the block the stored groups end in appended to its row, the rest in one row keyed by the block of its first', async () => {
    const { pool } = await freshDatabase(server());
    // The stored groups end at 4,090: a batch of 4,506 new groups runs over blocks 0, 1 and 2.
    await pool.query("INSERT INTO quote_groups (id, hash, words, length, first_day) VALUES (4090, decode(md5('placeholder'), 'hex'), '', 0, '2000-01-01')");
    const articles = numberedQuotations(1502);
    await ingestArticles(pool, articles, { batchSize: 2000 });
    const { stored, expected, uncounted, blocks, last, spanning } = await postingsAndGroups(pool);
    expect(last).toBe(4090 + 4506);
    expect([stored, uncounted]).toEqual([expected, 0]);
    // Every word the plans share: five groups appended in block 0, the other 4,501 in one row from block 1 into block 2.
    const shared = stored.find((w) => w.word === 'مشاورات')!;
    expect(shared.count).toBe(4506);
    expect(blocks).toEqual([0, 1, 2]);
    expect(spanning.filter((r) => r.word === 'مشاورات').map((r) => [r.block, r.groups.length])).toEqual([[1, 4501]]);
    // The plans of the last articles go, with their groups: the rows keep the rest, in order.
    await ingestArticles(pool, articles.slice(-40).map((a) => ({ ...a, body: 'لا اقتباس هنا.' })));
    const after = await postingsAndGroups(pool);
    expect(after.last).toBe(4090 + 4506 - 120);
    expect([after.stored, after.uncounted]).toEqual([after.expected, 0]);
    // Numbered after the highest left (in block 2, which the row from block 1 reaches into), new groups go in a row of block 2.
    await ingestArticles(pool, numberedQuotations(10, 90_000));
    const again = await postingsAndGroups(pool);
    expect(again.last).toBe(4090 + 4506 - 120 + 30);
    expect([again.stored, again.uncounted]).toEqual([again.expected, 0]);
    const rows = await pool.query<{ block: number; n: number }>("SELECT block, cardinality(groups) AS n FROM quote_postings WHERE word = 'مشاورات' ORDER BY block");
    expect(rows.rows.map((r) => [r.block, r.n])).toEqual([[0, 5], [1, 4501 - 120], [2, 30]]);
    // whosaid reads a word's rows in block order: its answers are the embedded engine's.
    const index = QuoteIndex.build([...articles.slice(0, -40), ...numberedQuotations(10, 90_000)]);
    const embedded = quoteAnswers(() => index, () => true);
    const onPostgres = postgresQuotes(pool);
    for (const asked of [0, 14, 3001, 4400, 90_011].map((n) => `إن الخطة رقم ${n} ستعلن قريبا`).concat('ستعلن قريبا بعد مشاورات واسعة مع')) {
      const answer = embedded.whosaid(asked);
      expect(answer.ok && answer.matches.length).toBeGreaterThan(0);
      expect(await onPostgres.whosaid(asked)).toEqual(answer);
    }
  }, 120_000);

  it('numbers new groups after the highest left when replaced articles took the highest away, appending to that block’s rows', async () => {
    const { pool, articles } = await devFilesAcrossBlocks();
    const before = await postingsAndGroups(pool);
    // The last articles (the highest groups) carry other quotations now: their groups go, and the new ones are numbered from the highest left.
    const replaced = articles.slice(-6).map((a, n) => ({ ...a, body: `${articles[n]!.body}\n\nوقال المتحدث باسم الوزارة "إن خطة الطاقة رقم ${n} ستعلن قريبا بعد مشاورات واسعة" في بيان.` }));
    await ingestArticles(pool, replaced, { batchSize: 2 });
    const after = await postingsAndGroups(pool);
    expect(after.last).toBeLessThan(before.last);
    expect([after.stored, after.uncounted]).toEqual([after.expected, 0]);
  }, 120_000);

  it('forgets the quotations of a replaced article: its texts no other article carries and their words go', async () => {
    const articles = seedArticles();
    const { pool } = await freshDatabase(server());
    await ingestArticles(pool, articles);
    const [first, ...rest] = articles;
    await ingestArticles(pool, [{ ...first!, body: 'لا اقتباس هنا.' }]);
    const data = QuoteIndex.build(rest).toData();
    const groups = await pool.query<{ words: string[] }>("SELECT string_to_array(words, ' ') AS words FROM quote_groups ORDER BY id");
    const texts = (g: number) => Array.from(data.groupWords.subarray(data.groupStart[g], data.groupStart[g + 1]), (w) => data.words[w]!).join(' ');
    expect(new Set(groups.rows.map((r) => r.words.join(' ')))).toEqual(new Set(Array.from({ length: data.groupStart.length - 1 }, (_, g) => texts(g))));
    const words = await pool.query<{ word: string }>('SELECT word FROM quote_words');
    expect(new Set(words.rows.map((r) => r.word))).toEqual(new Set(data.words));
    const totals = await pool.query<{ groups: string; quotations: string }>('SELECT groups, quotations FROM quote_totals');
    expect(totals.rows[0]).toEqual({ groups: String(data.groupStart.length - 1), quotations: String(data.quotes.length) });
  }, 120_000);

  it('keeps each text’s earliest day as copies of it come and go, and forgets the text with its last copy', async () => {
    const [article] = seedArticles();
    const { pool } = await freshDatabase(server());
    const copy = (id: string, date: string, body = article!.body): Article => ({ ...article!, id, date, body, file: id });
    const gone = (id: string) => copy(id, '2024-01-01', 'لا اقتباس هنا.');
    const days = async () => (await pool.query<{ first_day: string; n: string }>('SELECT first_day, count(*) AS n FROM quote_groups GROUP BY first_day')).rows;
    await ingestArticles(pool, [copy('b', '2024-05-02')]);
    const groups = (await days())[0]!.n;
    expect(Number(groups)).toBeGreaterThan(0);
    // A later copy leaves the day; an earlier one moves it back; the earliest leaving moves it on.
    await ingestArticles(pool, [copy('c', '2024-06-01')]);
    expect(await days()).toEqual([{ first_day: '2024-05-02', n: groups }]);
    await ingestArticles(pool, [copy('a', '2024-04-01')]);
    expect(await days()).toEqual([{ first_day: '2024-04-01', n: groups }]);
    await ingestArticles(pool, [gone('a')]);
    expect(await days()).toEqual([{ first_day: '2024-05-02', n: groups }]);
    await ingestArticles(pool, [gone('b')]);
    expect(await days()).toEqual([{ first_day: '2024-06-01', n: groups }]);
    await ingestArticles(pool, [gone('c')]);
    expect(await days()).toEqual([]);
    expect((await pool.query('SELECT count(*)::int AS n FROM quote_words')).rows[0]).toEqual({ n: 0 });
  }, 120_000);

  it('groups the quotations stored before the quotation index existed as an ingestion would have', async () => {
    const articles = seedArticles();
    const { pool } = await freshDatabase(server());
    await ingestArticles(pool, articles, { batchSize: 4 });
    const index = async () =>
      Promise.all(
        ['SELECT * FROM quote_groups ORDER BY id', 'SELECT * FROM quote_words ORDER BY word', 'SELECT * FROM quote_postings ORDER BY word, block', 'SELECT * FROM quote_totals', 'SELECT article, position, grp FROM quotations ORDER BY 1, 2'].map(
          async (sql) => (await pool.query(sql)).rows,
        ),
      );
    const ingested = await index();
    // As migration 005 left an archive: quotations without groups, the index empty.
    await pool.query('UPDATE quotations SET grp = NULL; TRUNCATE quote_groups, quote_words, quote_postings; UPDATE quote_totals SET groups = 0, quotations = 0');
    await finishQuoteIndex(pool);
    expect(await index()).toEqual(ingested);
  }, 120_000);
});

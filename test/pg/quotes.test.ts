import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LISTING_ORDER } from '../../src/pg/speakerListing.js';
import { quoteAnswers } from '../../src/engine/engine.js';
import { QuoteIndex } from '../../src/engine/quotes/index.js';
import type { Article } from '../../src/engine/types.js';
import { postgresCatalog } from '../../src/pg/catalog.js';
import { ingestArticles } from '../../src/pg/ingest.js';
import { postgresQuotes } from '../../src/pg/quoteService.js';
import { fillHidden } from '../../src/pg/speakerListing.js';
import { silentLogger } from '../../src/engine/index.js';
import type { QuoteService } from '../../src/engine/quotes/service.js';
import type { ListingWindow } from '../../src/engine/quotes/speakerChoice.js';
import { freshDatabase, useEmbeddedServer } from './database.js';
import { middleSix } from '../../scripts/evalQuotes.js';
import { QUOTES_DIR, askedSpeakers, devFile as devFileAt } from './devArchive.js';

/** A quotation dev file's articles and annotated quotations (see ../shared/eval/quotes/README.md). */
const devFile = (file: string) => devFileAt(`quotes/${file}`);

const server = useEmbeddedServer();

/**
 * Every quotation dev file, Arabic and English: the English reader reads an article the same whatever it read
 * before (test/engine/quotes/english/history.test.ts), so the ingestion's threads and batches read it as the
 * embedded build does.
 */
const FILES = ['dev_ant.jsonl', 'dev_ant2.jsonl', 'dev_jawhara.jsonl', 'en_polnear_dev.jsonl', 'seed.jsonl'];

/**
 * The windows of a listing of `total` quotations a parity test asks for: the start, a middle page, the end (a
 * partial last page), past the end, and one wider than the listing.
 */
const windowsOf = (total: number): ListingWindow[] => [
  { offset: 0, limit: 3 },
  { offset: Math.floor(total / 2), limit: 3 },
  { offset: Math.max(0, total - 2), limit: 3 },
  { offset: total, limit: 3 },
  { offset: total + 5, limit: 3 },
  { offset: 0, limit: total + 10 },
];

/** PostgreSQL lists `speaker`'s quotations as the embedded engine does, whole and in every window, each window a slice of the whole. */
async function expectSameWindows(onPostgres: QuoteService, embedded: Pick<QuoteService, 'quotesBy'>, speaker: string): Promise<void> {
  const whole = await embedded.quotesBy(speaker);
  expect(await onPostgres.quotesBy(speaker)).toEqual(whole);
  if (!whole.ok) return;
  expect(whole.total).toBe(whole.matches.length);
  for (const window of windowsOf(whole.total)) {
    const shown = { ...whole, matches: whole.matches.slice(window.offset, window.offset + window.limit) };
    expect(await embedded.quotesBy(speaker, window)).toEqual(shown);
    expect(await onPostgres.quotesBy(speaker, window)).toEqual(shown);
  }
}

/** An article quoting حسن رضائي at `lead` characters in, and again further on (the 5th of March 2024; the 4th for `n` 4). */
function sameDayArticle(n: number, lead: number): Article {
  const body = `${'ح'.repeat(lead)} في مؤتمر صحفي.\n\nقال حسن رضائي، المتحدث باسم الوزارة، إن "الخطة رقم ${n} ستنفذ هذا العام".\n\nوأضاف رضائي أن "المرحلة ${n} الثانية تبدأ في الربيع".`;
  return { id: `same-day-${n}`, title: `رضائي ${n}`, body, date: n === 4 ? '2024-03-04' : '2024-03-05', source: 'Wire', url: null, lang: 'ar', author: null, file: `same-day-${n}` };
}

/** An article quoting `name` on the 6th of March 2024 (after every `sameDayArticle`), its quotation at the same place whatever the name's length. */
function surnameArticle(id: string, name: string): Article {
  const body = `${'ح'.repeat(30 - name.length)} في مؤتمر صحفي.\n\nقال ${name}، المتحدث باسم الوزارة، إن "الخطة ${id} ستنفذ هذا العام".`;
  return { ...sameDayArticle(9, 20), id, title: id, file: id, date: '2024-03-06', body };
}

/** An article quoting دونالد ترامب twice in the same words, once without their article ال: /quotes lists it once. */
const REPEATS: Article = {
  id: 'trump-repeats',
  title: 'ترامب يدافع عن تعبيره',
  body: [
    'دافع الرئيس الأمريكي دونالد ترامب عن قوله إن "المهمة قد أنجزت"، فيما يتعلق بالضربات الجوية الغربية على سوريا.',
    'واتهم ترامب "وسائل إعلام إخبارية مزيفة" باستغلال اللفظ، من أجل التقليل من قيمة الضربات الجوية.',
    'وكتب ترامب في تغريدة الأحد: "وسائل الإعلام الإخبارية المزيفة".',
  ].join('\n\n'),
  date: '2024-03-05',
  source: 'Wire',
  url: null,
  lang: 'ar',
  author: null,
  file: 'trump-repeats',
};

describe.skipIf(!existsSync(QUOTES_DIR))('quotations on PostgreSQL', () => {
  for (const file of FILES) {
    it(`answers whosaid, quotes by speaker (whole and windowed) and quotes by article as the embedded engine does on ${file}`, async () => {
      const { articles, quotes } = devFile(file);
      const { pool } = await freshDatabase(server());
      await ingestArticles(pool, articles, { batchSize: 50 });
      const onPostgres = postgresQuotes(pool);
      const ids = new Set(articles.map((a) => a.id));
      const index = QuoteIndex.build(articles);
      const embedded = quoteAnswers(() => index, (id) => ids.has(id));
      expect((await postgresCatalog(pool)).stats().quotations).toBe(index.size);
      // Four questions at a time, as a bot's users ask them (the pool's connections), each answer compared.
      for (let from = 0; from < quotes.length; from += 4) {
        const asked = quotes.slice(from, from + 4).map(({ quote }) => middleSix(quote));
        const got = await Promise.all(asked.map((words) => onPostgres.whosaid(words)));
        asked.forEach((words, i) => expect(got[i], words).toEqual(embedded.whosaid(words)));
      }
      for (const speaker of askedSpeakers(quotes)) await expectSameWindows(onPostgres, embedded, speaker);
      for (const { id } of articles) expect(await onPostgres.quotesIn(id)).toEqual(embedded.quotesIn(id));
      expect(await onPostgres.speakers('', 50)).toEqual(embedded.speakers('', 50));
    }, 240_000);
  }

  it('lists a speaker quoted on one day in several articles by start across them (ties in archive order), in every window, as the embedded engine does', async () => {
    // Articles 5 and 3 quote him at the same places on the same day: 5, stored first, comes first.
    const articles = [sameDayArticle(1, 40), sameDayArticle(2, 5), sameDayArticle(5, 20), sameDayArticle(3, 20), sameDayArticle(4, 10), REPEATS, ...devFile('seed.jsonl').articles];
    const { pool } = await freshDatabase(server());
    await ingestArticles(pool, articles, { batchSize: 2 });
    const index = QuoteIndex.build(articles);
    const embedded = quoteAnswers(() => index, () => true);
    const listed = embedded.quotesBy('رضائي');
    // Newest first; the day's quotations by start across its four articles, not article by article.
    const day = ['same-day-2', 'same-day-5', 'same-day-3', 'same-day-1'];
    expect(listed.ok && listed.matches.map((m) => m.article.id)).toEqual([...day, ...day, 'same-day-4', 'same-day-4']);
    expect(listed.ok && listed.total).toBe(10);
    const onPostgres = postgresQuotes(pool);
    await expectSameWindows(onPostgres, embedded, 'رضائي');
    for (let offset = 0; offset <= 11; offset++) {
      for (const limit of [1, 3]) expect(await onPostgres.quotesBy('حسن رضائي', { offset, limit })).toEqual(embedded.quotesBy('حسن رضائي', { offset, limit }));
    }
    // A tie between articles goes to the earlier one, whichever form of the name each quotes (the cluster holds the full name's first).
    const surnameFirst = [surnameArticle('tie-1', 'رضائي'), surnameArticle('tie-2', 'حسن رضائي')];
    const tied = QuoteIndex.build([...articles, ...surnameFirst]);
    await ingestArticles(pool, surnameFirst);
    const tiedListing = quoteAnswers(() => tied, () => true).quotesBy('حسن رضائي');
    expect(tiedListing.ok && tiedListing.matches.filter((m) => m.article.id.startsWith('tie-')).map((m) => m.article.id)).toEqual(['tie-1', 'tie-2']);
    expect(await onPostgres.quotesBy('حسن رضائي')).toEqual(tiedListing);
    // Each quotation once: of the two in the same words, the longer.
    const trump = embedded.quotesBy('دونالد ترامب');
    expect(trump.ok && trump.matches.filter((m) => m.article.id === REPEATS.id).map((m) => m.quote)).toEqual(['وسائل الإعلام الإخبارية المزيفة']);
    await expectSameWindows(onPostgres, embedded, 'دونالد ترامب');
    // A page is a range of the listing index alone (which holds only quotations with a speaker: the question names one).
    const client = await pool.connect();
    try {
      // As autovacuum leaves it: its visibility map set, so the index alone answers.
      await client.query('VACUUM ANALYZE quotation_speakers');
      await client.query('SET enable_seqscan = off');
      const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT q.article, q.position FROM quotation_speakers q WHERE q.speaker_id = 1 AND NOT q.hidden ORDER BY ${LISTING_ORDER} LIMIT 3 OFFSET 2`);
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Index Only Scan using quotation_speakers_listing on /);
      // The listing's table holds a row for each quotation of each speaker, none other, and each row's speaker exists.
      const rows = await client.query<{ rows: number; quoted: number; dangling: number }>(
        `SELECT (SELECT count(*)::int FROM quotation_speakers) AS rows, (SELECT sum(quotes)::int FROM quote_speakers) AS quoted,
                (SELECT count(*)::int FROM quotation_speakers s WHERE NOT EXISTS (SELECT 1 FROM quote_speakers c WHERE c.id = s.speaker_id)) AS dangling`,
      );
      expect(rows.rows[0]!.rows).toBe(rows.rows[0]!.quoted);
      expect(rows.rows[0]!.dangling).toBe(0);
    } finally {
      client.release();
    }
  }, 120_000);

  it('lists quotations not grouped yet (stored before migration 005) as the embedded engine does, from their matching words or texts', async () => {
    const dev = devFile('dev_ant.jsonl');
    const articles = [...dev.articles, REPEATS];
    const quotes = [...dev.quotes, { speaker: 'دونالد ترامب' }];
    const { pool } = await freshDatabase(server());
    await ingestArticles(pool, articles, { batchSize: 100 });
    await pool.query('UPDATE quotations SET grp = NULL, matching = CASE WHEN position % 2 = 0 THEN NULL ELSE matching END');
    const index = QuoteIndex.build(articles);
    const embedded = quoteAnswers(() => index, () => true);
    const onPostgres = postgresQuotes(pool);
    for (const speaker of new Set(quotes.flatMap((q) => (q.speaker ? [q.speaker] : [])))) await expectSameWindows(onPostgres, embedded, speaker);
  }, 120_000);

  it('lists the quotations stored before migration 014 as the embedded engine does once the data step (migration 021\'s) has marked those the listing leaves out', async () => {
    const dev = devFile('dev_ant.jsonl');
    const articles = [...dev.articles, REPEATS];
    const { pool } = await freshDatabase(server());
    await ingestArticles(pool, articles, { batchSize: 100 });
    const marked = 'SELECT article, position FROM quotation_speakers WHERE hidden ORDER BY article, position';
    const hidden = (await pool.query(marked)).rows;
    // What the migration adds: nothing marked yet.
    await pool.query('UPDATE quotation_speakers SET hidden = false');
    const index = QuoteIndex.build(articles);
    const embedded = quoteAnswers(() => index, () => true);
    const onPostgres = postgresQuotes(pool);
    expect(await onPostgres.quotesBy('دونالد ترامب')).not.toEqual(embedded.quotesBy('دونالد ترامب'));
    const client = await pool.connect();
    try {
      await fillHidden(client, silentLogger);
    } finally {
      client.release();
    }
    expect(hidden.length).toBeGreaterThan(0);
    expect((await pool.query(marked)).rows).toEqual(hidden);
    for (const speaker of new Set([...dev.quotes.flatMap((q) => (q.speaker ? [q.speaker] : [])), 'دونالد ترامب'])) await expectSameWindows(onPostgres, embedded, speaker);
  }, 120_000);

  it('offers the speakers the embedded engine offers for what is typed, on the seed', async () => {
    const { articles } = devFile('seed.jsonl');
    const { pool } = await freshDatabase(server());
    await ingestArticles(pool, articles, { batchSize: 5 });
    const onPostgres = postgresQuotes(pool);
    const index = QuoteIndex.build(articles);
    const typed = ['', 'م', 'محمد', 'باقري', 'ظر', 'وزا', 'ال', 'محمد با', 'لا أحد بهذا الاسم'];
    for (const t of typed) for (const limit of [1, 3, 25]) expect(await onPostgres.speakers(t, limit)).toEqual(index.speakers(t, limit));
  }, 120_000);

  it('no longer finds the quotation a replaced article took out', async () => {
    const { articles } = devFile('seed.jsonl');
    const { pool } = await freshDatabase(server());
    await ingestArticles(pool, articles);
    const onPostgres = postgresQuotes(pool);
    const [first, ...rest] = articles;
    const quote = QuoteIndex.build([first!]).toData().quotes[0]!.text;
    const before = await onPostgres.whosaid(quote);
    expect(before.ok && before.matches[0]!.article.id).toBe(first!.id);
    await ingestArticles(pool, [{ ...first!, body: 'لم يقل أحد شيئا في هذا المقال.' }]);
    const index = QuoteIndex.build(rest);
    const after = await onPostgres.whosaid(quote);
    expect(after).toEqual(quoteAnswers(() => index, () => true).whosaid(quote));
    expect(after.ok && after.matches.some((m) => m.article.id === first!.id)).toBe(false);
  }, 120_000);
});

import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { buildArchive } from '../../src/engine/build/buildArchive.js';
import { loadCorpus } from '../../src/engine/corpus/index.js';
import type { Article } from '../../src/engine/types.js';
import { runIngest } from '../../src/pg/commands.js';
import { postgresArchive } from '../../src/pg/archive.js';
import { defaultBatchSize, ingestArticles, ingestParts, removeBatch } from '../../src/pg/ingest.js';
import { INGEST_LOCK, createPool, inPoolTransaction } from '../../src/pg/pool.js';
import { type BuildTuning, silentLogger } from '../../src/engine/options.js';
import { postgresAsk } from '../../src/pg/search.js';
import { tempDir } from '../support/tempDir.js';
import { freshDatabase, useEmbeddedServer } from './database.js';
import { corpusFolder, postingsById } from './devArchive.js';
import { NO_ROWS_WITHOUT_ARTICLE, rowsWithoutArticle } from './orphans.js';
import { passageTerms } from './passageTerms.js';
import { storedPostings } from './storedPostings.js';
import { TEXT_POSTINGS, TITLE_POSTINGS, postingRow, readPostingRows } from '../../src/pg/postingTables.js';
import { replacePostingRows } from '../../src/pg/postingRewrite.js';

const server = useEmbeddedServer();

function article(id: string, body: string, extra: Partial<Article> = {}): Article {
  return { id, title: `عنوان ${id}`, body, date: '2022-01-01', source: 'Test Wire', url: null, lang: 'ar', author: null, file: `${id}.md`, ...extra };
}

/** Twelve short Arabic articles of two paragraphs each. */
const ARTICLES = Array.from({ length: 12 }, (_, i) =>
  article(`a${i}`, `قال وزير الخارجية إن المحادثات رقم ${i} مع روسيا تقدمت.\n\nوأضاف أن التعاون العسكري بين البلدين ينمو بسرعة في العام ${2000 + i}.`),
);

const count = async (pool: pg.Pool, table: string) => (await pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

/**
 * The quotation index as `/whosaid` reads it, whatever order the articles were written in: each
 * quotation's group (its words and first day) by article id and position, each word's count of
 * groups, and the totals.
 */
async function quotationIndex(pool: pg.Pool) {
  const quotations = await pool.query(
    "SELECT a.id, q.position, string_to_array(g.words, ' ') AS words, g.first_day FROM quotations q JOIN articles a ON a.number = q.article JOIN quote_groups g ON g.id = q.grp ORDER BY a.id, q.position",
  );
  const words = await pool.query('SELECT word, groups FROM quote_words ORDER BY word');
  const totals = await pool.query('SELECT groups::int, quotations::int FROM quote_totals');
  return { quotations: quotations.rows, words: words.rows, totals: totals.rows };
}

/**
 * The stored articles analysed afresh by the engine's index builder: each term's text postings as
 * rows (term, passage, article, count, length; a passage numbered as stored, the article's in
 * position order), each article's text terms, and each term's passages in the text.
 */
async function analysedAgain(pool: pg.Pool) {
  const articles = (await pool.query<{ number: number; id: string; title: string; body: string; lang: string }>('SELECT number::int, id, title, body, lang FROM articles ORDER BY number')).rows;
  const passages = (await pool.query<{ id: number; article: number; length: number }>('SELECT id::int, article::int, length FROM passages ORDER BY article, position')).rows;
  const postings: Array<{ term: string; passage: number; article: number; tf: number; length: number }> = [];
  const articleTerms = new Map<number, Set<string>>(articles.map((a) => [a.number, new Set()]));
  const textPassages = new Map<string, number>();
  passageTerms(articles).forEach((own, n) => {
    const p = passages[n]!;
    for (const [term, tf] of own) {
      postings.push({ term, passage: p.id, article: p.article, tf, length: p.length });
      articleTerms.get(p.article)!.add(term);
      textPassages.set(term, (textPassages.get(term) ?? 0) + 1);
    }
  });
  const byTerm = (x: { term: string }, y: { term: string }) => (x.term < y.term ? -1 : x.term > y.term ? 1 : 0);
  return {
    postings: postings.sort((x, y) => byTerm(x, y) || x.passage - y.passage),
    articleTerms: [...articleTerms].map(([article, terms]) => ({ article, terms: [...terms].sort() })),
    textPassages,
  };
}

/** The term statistics, text postings, article terms and totals as stored, and as a fresh analysis of the stored articles gives them (and no row without its article): equal when ingestion kept them exact. */
async function statistics(pool: pg.Pool) {
  const stored = await pool.query('SELECT term, text_passages::int AS text, title_passages::int AS title FROM term_stats ORDER BY term');
  const again = await analysedAgain(pool);
  const titles = await pool.query<{ term: string; n: number }>('SELECT unnest(title_terms) AS term, sum(passage_count)::int AS n FROM articles GROUP BY 1');
  const title = new Map(titles.rows.map((r) => [r.term, r.n]));
  const recomputed = [...new Set([...again.textPassages.keys(), ...title.keys()])]
    .map((term) => ({ term, text: again.textPassages.get(term) ?? 0, title: title.get(term) ?? 0 }))
    .filter((r) => r.text + r.title > 0)
    .sort((x, y) => (x.term < y.term ? -1 : x.term > y.term ? 1 : 0));
  const totals = await pool.query('SELECT articles::int, passages::int, text_length::int, title_length::int FROM corpus_stats');
  const actual = await pool.query(`SELECT (SELECT count(*)::int FROM articles) AS articles, (SELECT count(*)::int FROM passages) AS passages,
    (SELECT coalesce(sum(length), 0)::int FROM passages) AS text_length, (SELECT coalesce(sum(title_length * passage_count), 0)::int FROM articles) AS title_length`);
  const text = await storedPostings(pool, TEXT_POSTINGS);
  const postings = text.postings.map(({ term, passages, articles, tfs, lengths }) => ({ term, passage: passages, article: articles, tf: tfs, length: lengths }));
  const articleTerms = await pool.query(`SELECT x.article::int, array(SELECT t FROM unnest(string_to_array(x.terms, ' ')) AS t ORDER BY t COLLATE "C") AS terms FROM article_terms x ORDER BY 1`);
  const wrongFound = { text: text.wrongFound, title: (await storedPostings(pool, TITLE_POSTINGS)).wrongFound };
  return {
    stored: [stored.rows, postings, articleTerms.rows, wrongFound, await rowsWithoutArticle(pool)],
    recomputed: [recomputed, again.postings, again.articleTerms, { text: 0, title: 0 }, NO_ROWS_WITHOUT_ARTICLE],
    totals: totals.rows[0],
    actual: actual.rows[0],
  };
}

describe('ingestArticles', () => {
  it('writes every article and passage, as many as the embedded engine cuts, with exact statistics', async () => {
    const { pool } = await freshDatabase(server());
    const counts = await ingestArticles(pool, ARTICLES, { batchSize: 5 });
    expect(counts).toEqual({ added: 12, replaced: 0, unchanged: 0, passages: buildArchive(ARTICLES).passages.length });
    expect(counts.passages).toBe(24);
    expect(await count(pool, 'articles')).toBe(12);
    const stats = await statistics(pool);
    expect(stats.stored).toEqual(stats.recomputed);
    expect(stats.totals).toEqual(stats.actual);
  });

  it('keeps the alphabet of the stored terms, each character once, one beyond the BMP as one', async () => {
    const { pool } = await freshDatabase(server());
    const rare = article('rare', 'ذكر النص الحرف 𠀀 ثم الحرفين 𠀁𠀂 في جملة واحدة.', { title: 'حروف 𠀃 نادرة' });
    await ingestArticles(pool, [...ARTICLES, rare], { batchSize: 5 });
    const terms = await pool.query<{ term: string }>('SELECT term FROM text_postings UNION SELECT term FROM title_postings');
    const alphabet = await pool.query<{ ch: string }>('SELECT ch FROM term_chars');
    const chars = alphabet.rows.map((r) => r.ch);
    expect(new Set(chars).size).toBe(chars.length);
    expect(new Set(chars)).toEqual(new Set(terms.rows.flatMap((r) => [...r.term])));
    expect(chars).toEqual(expect.arrayContaining(['𠀀', '𠀁', '𠀂', '𠀃', 'ذ']));
  });

  it('changes nothing when run again, and replaces only an edited article', async () => {
    const { pool } = await freshDatabase(server());
    await ingestArticles(pool, ARTICLES, { batchSize: 5 });
    expect(await ingestArticles(pool, ARTICLES, { batchSize: 5 })).toEqual({ added: 0, replaced: 0, unchanged: 12, passages: 0 });
    const edited = ARTICLES.map((a) => (a.id === 'a3' ? { ...a, body: 'نص جديد تماما عن الطاقة الشمسية في الصحراء.' } : a));
    expect(await ingestArticles(pool, edited)).toEqual({ added: 0, replaced: 1, unchanged: 11, passages: 1 });
    const texts = await pool.query(`SELECT p.text FROM passages p JOIN articles a ON a.number = p.article WHERE a.id = 'a3'`);
    expect(texts.rows).toEqual([{ text: 'نص جديد تماما عن الطاقة الشمسية في الصحراء.' }]);
    expect(await count(pool, 'passages')).toBe(23);
    const stats = await statistics(pool);
    expect(stats.stored).toEqual(stats.recomputed);
    expect(stats.totals).toEqual(stats.actual);
  });

  it('two ingestions of overlapping folders at once write each article once, with exact statistics', async () => {
    const { pool } = await freshDatabase(server());
    // The writers' lock is held until both have read the stored hashes, analysed and queued for it:
    // the second to write then finds the first four articles of its batch written meanwhile, and
    // skips their rows before writing the others'.
    const barrier = await pool.connect();
    await barrier.query('SELECT pg_advisory_lock($1)', [INGEST_LOCK]);
    const shared = ARTICLES.slice(4, 8);
    const both = Promise.all([ingestArticles(pool, [...shared, ...ARTICLES.slice(0, 4)]), ingestArticles(pool, [...shared, ...ARTICLES.slice(8)])]);
    const waiting = async () => (await barrier.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE d.datname = current_database() AND l.locktype = 'advisory' AND NOT l.granted")).rows[0]!.n;
    while ((await waiting()) < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    await barrier.query('SELECT pg_advisory_unlock($1)', [INGEST_LOCK]);
    barrier.release();
    const [first, second] = await both;
    expect([first.added + second.added, first.unchanged + second.unchanged]).toEqual([12, 4]);
    expect([await count(pool, 'articles'), await count(pool, 'passages')]).toEqual([12, 24]);
    const stats = await statistics(pool);
    expect(stats.stored).toEqual(stats.recomputed);
    expect(stats.totals).toEqual(stats.actual);
    // The second writer grouped the quotations of the articles it wrote, not those of its whole batch.
    const clean = await freshDatabase(server());
    await ingestArticles(clean.pool, ARTICLES);
    const index = await quotationIndex(pool);
    expect(index.quotations.length).toBe(24);
    expect(index).toEqual(await quotationIndex(clean.pool));
  });

  it('resumes an interrupted run: the batches written are kept, the rest follow, the end state is a clean run’s', async () => {
    const { pool } = await freshDatabase(server());
    const stop = new Error('killed after the second batch');
    const reports: number[] = [];
    await expect(
      ingestArticles(pool, ARTICLES, {
        batchSize: 4,
        onProgress: (p) => {
          reports.push(p.done);
          if (p.done === 8) throw stop;
        },
      }),
    ).rejects.toBe(stop);
    expect(reports).toEqual([4, 8]);
    expect(await count(pool, 'articles')).toBe(8);
    expect(await ingestArticles(pool, ARTICLES, { batchSize: 4 })).toEqual({ added: 4, replaced: 0, unchanged: 8, passages: 8 });
    const clean = await freshDatabase(server());
    await ingestArticles(clean.pool, ARTICLES, { batchSize: 12 });
    expect(await statistics(pool)).toEqual(await statistics(clean.pool));
  });

  it('finishes a run on a pool of one connection as on several, where the clustering and the merge run side by side', async () => {
    const articles = [...(await loadCorpus('corpus')).articles, ...ARTICLES];
    const finished = async (pool: pg.Pool) => ({
      speakers: (await pool.query('SELECT id, name, quotes FROM quote_speakers ORDER BY id')).rows,
      changesLeft: await count(pool, 'quote_speaker_changes'),
      mostRowsOfATerm: (await pool.query('SELECT max(n)::int AS n FROM (SELECT count(*) AS n FROM text_postings GROUP BY term) AS t')).rows[0].n as number,
      statistics: await statistics(pool),
    });
    const one = await freshDatabase(server());
    const single = createPool(one.url, silentLogger, 1);
    try {
      await ingestArticles(single, articles, { batchSize: 1 });
    } finally {
      await single.end();
    }
    const several = await freshDatabase(server());
    await ingestArticles(several.pool, articles, { batchSize: 1 });
    const [alone, sideBySide] = [await finished(one.pool), await finished(several.pool)];
    expect(alone.speakers.length).toBeGreaterThan(0);
    expect(alone.changesLeft).toBe(0);
    // 13 batches: a word of every article had 13 rows, merged once 8 could be.
    expect(alone.mostRowsOfATerm).toBeLessThan(8);
    expect(sideBySide).toEqual(alone);
  });

  it("runs the batches' analysis on worker threads inside the program's tuning, and a one-batch run's on its own thread outside it", async () => {
    const events: string[] = [];
    const tuning: BuildTuning = {
      async during(build) {
        events.push('tuned');
        try {
          return await build();
        } finally {
          events.push('untuned');
        }
      },
    };
    const onProgress = ({ done }: { done: number }) => events.push(`batch to ${done}`);
    const { pool } = await freshDatabase(server());
    expect(await ingestArticles(pool, ARTICLES, { batchSize: 5, tuning, onProgress })).toEqual({ added: 12, replaced: 0, unchanged: 0, passages: 24 });
    const batches = ['batch to 5', 'batch to 10', 'batch to 12'];
    expect(events).toEqual(availableParallelism() > 1 ? ['tuned', ...batches, 'untuned'] : batches);
    events.length = 0;
    const single = await freshDatabase(server());
    await ingestArticles(single.pool, ARTICLES, { tuning, onProgress });
    expect(events).toEqual(['batch to 12']);
  });

  it('ingests parts given one after another in batches across their ends, reading each part only when reached, as one run of them all', async () => {
    const { pool } = await freshDatabase(server());
    const reached: number[] = [];
    const reports: Array<{ done: number; total: number; partsReached: number }> = [];
    function* parts() {
      for (const [k, [from, to]] of [[0, 3], [3, 8], [8, 12]].entries()) {
        reached.push(k);
        yield ARTICLES.slice(from, to);
      }
    }
    const counts = await ingestParts(pool, parts(), ARTICLES.length, { batchSize: 2, onProgress: ({ done, total }) => reports.push({ done, total, partsReached: reached.length }) });
    expect(counts).toEqual({ added: 12, replaced: 0, unchanged: 0, passages: 24 });
    // Batches of exactly 2, the second made of the first part's last article and the second's first.
    expect(reports.map((r) => [r.done, r.total])).toEqual([2, 4, 6, 8, 10, 12].map((done) => [done, 12]));
    expect(reports[0]!.partsReached).toBeLessThan(3);
    expect(reached).toEqual([0, 1, 2]);
    const stored = await pool.query<{ id: string }>('SELECT id FROM articles ORDER BY number');
    expect(stored.rows.map((r) => r.id)).toEqual(ARTICLES.map((a) => a.id));
    const whole = await freshDatabase(server());
    await ingestArticles(whole.pool, ARTICLES, { batchSize: 5 });
    expect(await statistics(pool)).toEqual(await statistics(whole.pool));
  });

  it('cuts a run asked for no batch size into six batches at least, so neither its first analysis nor its last write is most of it', async () => {
    const { pool } = await freshDatabase(server());
    const many = Array.from({ length: 6600 }, (_, i) => article(`m${i}`, `قال المتحدث إن الاجتماع رقم ${i} انتهى.`));
    const reports: number[] = [];
    const counts = await ingestArticles(pool, many, { onProgress: ({ done }) => reports.push(done) });
    expect(counts.added).toBe(6600);
    expect(reports).toEqual([1100, 2200, 3300, 4400, 5500, 6600]);
  }, 120_000);

  it.each([
    [900, 1000],
    [3000, 1000],
    [6600, 1100],
    [30_000, 5000],
    [90_000, 10_000],
    [1_000_000, 10_000],
  ])('gives a run of %i articles asked for no batch size batches of %i', (total, size) => {
    expect(defaultBatchSize(total)).toBe(size);
  });

  it('keeps an id given twice in one batch once, as its later article', async () => {
    const { pool } = await freshDatabase(server());
    const edited = { ...ARTICLES[1]!, body: `${ARTICLES[1]!.body}\n\nتصحيح: المحادثات أجلت.` };
    const again = { ...ARTICLES[0]!, body: `${ARTICLES[0]!.body}\n\nتحديث: وصل الوفد.` };
    // Batches of 4: 0, 1, 2, 1 edited, 0 again and 3 make the first (the two parts' ends), 4 the second.
    const counts = await ingestParts(pool, [ARTICLES.slice(0, 3), [edited, again, ...ARTICLES.slice(3, 5)]], 7, { batchSize: 4 });
    expect(counts).toMatchObject({ added: 5, replaced: 0 });
    const stored = await pool.query<{ id: string; body: string }>('SELECT id, body FROM articles ORDER BY id');
    expect(stored.rows).toEqual([again, edited, ...ARTICLES.slice(2, 5)].map(({ id, body }) => ({ id, body })));
    const fresh = await freshDatabase(server());
    await ingestArticles(fresh.pool, [ARTICLES[2]!, edited, again, ARTICLES[3]!, ARTICLES[4]!]);
    expect((await statistics(pool)).stored).toEqual((await statistics(fresh.pool)).stored);
  });

  it('deletes articles whose postings it rewrites one row a statement as one rewrite does: the postings of a fresh ingestion of the rest', async () => {
    const { pool } = await freshDatabase(server());
    await ingestArticles(pool, ARTICLES, { batchSize: 5 });
    const gone = ['a3', 'a7', 'a8'];
    const numbers = (await pool.query<{ number: string }>('SELECT number FROM articles WHERE id = ANY($1::text[])', [gone])).rows.map((r) => r.number);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      expect(await removeBatch(client, numbers, 1)).toBe(3);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const fresh = await freshDatabase(server());
    await ingestArticles(fresh.pool, ARTICLES.filter((a) => !gone.includes(a.id)), { batchSize: 5 });
    expect(await postingsById(pool)).toEqual(await postingsById(fresh.pool));
  });

  it('deletes an article whose postings two rows share, as rows filled by migration 002 in blocks of 4,096 numbers may cut an article', async () => {
    const { pool } = await freshDatabase(server());
    await ingestArticles(pool, ARTICLES, { batchSize: 20 });
    // Every text postings row cut in two at a3's second passage.
    const [first, cut] = (await pool.query<{ id: string }>("SELECT p.id FROM passages p JOIN articles a ON a.number = p.article WHERE a.id = 'a3' ORDER BY p.position")).rows.map((r) => Number(r.id));
    expect(cut).toBe(first! + 1);
    await inPoolTransaction(pool, async (client) => {
      const rows = await readPostingRows(client, TEXT_POSTINGS, 'text_postings b', []);
      const parts = rows.flatMap(({ term, block, columns }) => {
        const at = columns[0]!.findIndex((passage) => passage >= cut!);
        if (at <= 0) return [postingRow(TEXT_POSTINGS, term, at < 0 ? block : cut!, columns)];
        return [postingRow(TEXT_POSTINGS, term, block, columns.map((c) => c.subarray(0, at))), postingRow(TEXT_POSTINGS, term, cut!, columns.map((c) => c.subarray(at)))];
      });
      await replacePostingRows(client, TEXT_POSTINGS, rows, parts);
    });
    expect((await pool.query('SELECT count(*)::int AS n FROM text_postings WHERE block = $1', [cut])).rows[0].n).toBeGreaterThan(0);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      expect(await removeBatch(client, (await pool.query("SELECT number FROM articles WHERE id = 'a3'")).rows.map((r) => r.number as string))).toBe(1);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const fresh = await freshDatabase(server());
    await ingestArticles(fresh.pool, ARTICLES.filter((a) => a.id !== 'a3'), { batchSize: 20 });
    expect(await postingsById(pool)).toEqual(await postingsById(fresh.pool));
  });

  it('rolls a failing batch back whole: no article of it is half written', async () => {
    const { pool } = await freshDatabase(server());
    const broken = [...ARTICLES.slice(0, 3), article('nul', 'نص فيه محرف \u0000 لا تقبله قاعدة البيانات.')];
    await expect(ingestArticles(pool, broken, { batchSize: 10 })).rejects.toThrow();
    expect(await count(pool, 'articles')).toBe(0);
    expect(await count(pool, 'term_stats')).toBe(0);
  });
});

describe('npm run ingest', () => {
  /** A logger that keeps its lines. */
  function recordingLogger() {
    const lines: Array<{ level: string; message: string; fields: Record<string, unknown> }> = [];
    const at = (level: string) => (fields: object, message = '') => void lines.push({ level, message, fields: fields as Record<string, unknown> });
    return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
  }

  /** An article quoting a minister, named, on a subject no other article mentions. */
  const QUOTING = article('q1', 'قال وزير الزراعة سمير الخطيب "إن محصول القمح في الشمال تضاعف هذا الموسم بفضل الأمطار الغزيرة" في مؤتمر صحفي.');
  const WITH_QUOTE = [...ARTICLES, QUOTING];

  it('with --prune, deletes the stored articles the folder no longer holds: /ask and whosaid stop finding them, the statistics are a fresh ingest’s', async () => {
    const { pool, url } = await freshDatabase(server());
    const { lines, logger } = recordingLogger();
    expect(await runIngest([corpusFolder(WITH_QUOTE), '--batch', '5'], { DATABASE_URL: url }, logger)).toBe(0);
    const quoted = 'محصول القمح في الشمال تضاعف';
    const whoSaid = async () => {
      const said = await postgresArchive(pool).whosaid(quoted);
      return said.ok ? said.matches.map((m) => m.article.id) : [];
    };
    const wheat = async () => {
      const answer = await postgresAsk(pool).ask({ question: 'محصول القمح في الشمال' });
      return answer.ok ? answer.results.map((r) => r.article.id) : [];
    };
    const minister = async () => (await postgresArchive(pool).speakers('الخطيب')).map((s) => s.name);
    expect(await whoSaid()).toEqual(['q1']);
    expect(await wheat()).toContain('q1');
    expect(await minister()).toEqual(['سمير الخطيب']);

    const remaining = WITH_QUOTE.filter((a) => a.id !== 'q1' && a.id !== 'a4');
    const folder = corpusFolder(remaining);
    expect(await runIngest([folder], { DATABASE_URL: url }, logger)).toBe(0);
    expect(lines.at(-1)).toMatchObject({ level: 'warn', message: `2 stored articles are not in ${folder}: npm run ingest -- ${folder} --prune would delete them` });
    expect(await count(pool, 'articles')).toBe(13);

    expect(await runIngest([folder, '--prune', '--batch', '1'], { DATABASE_URL: url }, logger)).toBe(0);
    expect(lines.at(-1)).toMatchObject({ message: 'articles no longer in the folder deleted', fields: { removed: 2 } });
    expect(await count(pool, 'articles')).toBe(11);
    expect(await whoSaid()).toEqual([]);
    expect(await wheat()).not.toContain('q1');
    expect(await minister()).toEqual([]);
    const stats = await statistics(pool);
    expect(stats.stored).toEqual(stats.recomputed);
    expect(stats.totals).toEqual(stats.actual);
    const fresh = await freshDatabase(server());
    await ingestArticles(fresh.pool, remaining);
    const termStats = 'SELECT term, text_passages, title_passages FROM term_stats ORDER BY term';
    expect((await pool.query(termStats)).rows).toEqual((await fresh.pool.query(termStats)).rows);
    expect(stats.totals).toEqual((await statistics(fresh.pool)).totals);
    expect(await count(pool, 'quotations')).toBe(await count(fresh.pool, 'quotations'));
  });

  it('run again over an unchanged folder, writes nothing and says so; an edited article is still replaced', async () => {
    const { pool, url } = await freshDatabase(server());
    const { lines, logger } = recordingLogger();
    const folder = corpusFolder(WITH_QUOTE);
    expect(await runIngest([folder, '--batch', '5'], { DATABASE_URL: url }, logger)).toBe(0);
    // The transaction that last wrote each row: unchanged when a run writes nothing.
    const versions = async () => (await pool.query("SELECT id, xmin::text FROM articles ORDER BY id")).rows as Array<{ id: string; xmin: string }>;
    const before = await versions();
    expect(await runIngest([folder, '--batch', '5'], { DATABASE_URL: url }, logger)).toBe(0);
    expect(lines.at(-1)).toMatchObject({
      message: 'ingestion done: every article is stored already with the same content, nothing written',
      fields: { added: 0, replaced: 0, unchanged: 13, passages: 0 },
    });
    expect(lines.filter((l) => l.message === 'ingestion progress').at(-1)!.fields).toMatchObject({ done: 13, total: 13, unchanged: 13, secondsLeft: 0 });
    expect(await versions()).toEqual(before);

    const edited = WITH_QUOTE.map((a) => (a.id === 'a7' ? { ...a, body: 'قال وزير الطاقة "إن الألواح الشمسية تغطي الصحراء الآن" أمس.' } : a));
    expect(await runIngest([corpusFolder(edited), '--batch', '5'], { DATABASE_URL: url }, logger)).toBe(0);
    expect(lines.at(-1)).toMatchObject({ message: 'ingestion done', fields: { added: 0, replaced: 1, unchanged: 12 } });
    const after = await versions();
    expect(after.filter((row, i) => row.xmin !== before[i]!.xmin).map((row) => row.id)).toEqual(['a7']);
    const said = await postgresArchive(pool).whosaid('الألواح الشمسية تغطي الصحراء');
    expect(said.ok && said.matches.map((m) => m.article.id)).toEqual(['a7']);
  });

  it('refuses --prune, writing nothing, when more than half of the stored articles would go, unless --force', async () => {
    const { pool, url } = await freshDatabase(server());
    const { lines, logger } = recordingLogger();
    expect(await runIngest([corpusFolder(ARTICLES)], { DATABASE_URL: url }, logger)).toBe(0);
    const few = corpusFolder([...ARTICLES.slice(0, 5), QUOTING]);
    expect(await runIngest([few, '--prune'], { DATABASE_URL: url }, logger)).toBe(2);
    expect(lines.at(-1)!.message).toBe(`--prune refused: it would delete 7 of the 12 stored articles, more than half. Nothing was written; if ${few} really is the whole archive now, add --force`);
    expect(await count(pool, 'articles')).toBe(12);
    expect(await runIngest([few, '--prune', '--force'], { DATABASE_URL: url }, logger)).toBe(0);
    expect((await pool.query('SELECT id FROM articles ORDER BY number')).rows.map((r) => r.id)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'q1']);
  });

  it('ingests the seed corpus folder and reports progress with counts, rate and time left', async () => {
    const { pool, url } = await freshDatabase(server());
    const { lines, logger } = recordingLogger();
    expect(await runIngest(['corpus', '--batch', '1'], { DATABASE_URL: url }, logger)).toBe(0);
    const seed = await loadCorpus('corpus');
    const progress = lines.find((l) => l.message === 'ingestion progress')!;
    expect(progress.fields).toMatchObject({ done: 1, total: 1, added: 1 });
    expect(progress.fields).toHaveProperty('rate');
    expect(progress.fields).toHaveProperty('secondsLeft', 0);
    expect(lines.at(-1)).toMatchObject({ message: 'ingestion done', fields: { added: 1, passages: buildArchive(seed.articles).passages.length } });
    const stored = await pool.query('SELECT id, source, date FROM articles');
    expect(stored.rows).toEqual([{ id: seed.articles[0]!.id, source: 'Iran International', date: seed.articles[0]!.date }]);
  });

  it('says what is wrong with its arguments, exit 2', async () => {
    const { lines, logger } = recordingLogger();
    const env = { DATABASE_URL: 'postgresql://x:y@127.0.0.1:1/none' };
    expect(await runIngest([], env, logger)).toBe(2);
    expect(lines.at(-1)!.message).toBe('npm run ingest -- DIR [--batch N] [--prune [--force]]: DIR: the corpus folder to ingest, e.g. npm run ingest -- corpus');
    expect(await runIngest(['corpus', '--batch', 'lots'], env, logger)).toBe(2);
    expect(lines.at(-1)!.message).toBe('npm run ingest -- DIR [--batch N] [--prune [--force]]: --batch: a whole number from 1 to 10000');
    expect(await runIngest(['corpus', '--force'], env, logger)).toBe(2);
    expect(lines.at(-1)!.message).toBe('npm run ingest -- DIR [--batch N] [--prune [--force]]: --force: only goes with --prune');
    const empty = tempDir('empty-corpus-');
    writeFileSync(join(empty, 'notes.bin'), 'x');
    expect(await runIngest([empty], env, logger)).toBe(2);
    expect(lines.at(-1)!.message).toBe('no article to ingest in that folder');
    expect(await runIngest([empty, '--prune'], env, logger)).toBe(2);
    expect(lines.at(-1)!.message).toBe('no article in that folder: nothing ingested, and --prune refused (it would delete every article)');
  });
});

import { QuoteReader, extractRows } from '../../src/engine/quotes/index.js';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/engine/options.js';
import { runIngest, runMigrate } from '../../src/pg/commands.js';
import { migrate, shippedMigrations } from '../../src/pg/migrate.js';
import { createPool } from '../../src/pg/pool.js';
import { postgresAsk } from '../../src/pg/search.js';
import { ingestArticles } from '../../src/pg/ingest.js';
import { analyseBatch } from '../../src/pg/rows.js';
import { loadCorpus } from '../../src/engine/corpus/index.js';
import { freshDatabase, useEmbeddedServer, withoutAutovacuum } from './database.js';
import { passageTerms } from './passageTerms.js';
import { devArchive, postingsById } from './devArchive.js';
import { postgresQuotes } from '../../src/pg/quoteService.js';

const server = useEmbeddedServer();

/** A logger that keeps its lines, to read what a person would be told. */
function recordingLogger() {
  const lines: Array<{ level: string; message: string; fields: object }> = [];
  const at = (level: string) => (fields: object, message = '') => void lines.push({ level, message, fields });
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

/** Runs one statement as a role, returning the error message or 'ok'. */
async function asRole(url: string, role: string, password: string, sql: string): Promise<string> {
  const target = new URL(url);
  target.username = role;
  target.password = password;
  const client = new pg.Client(target.toString());
  await client.connect();
  try {
    await client.query(sql);
    return 'ok';
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end();
  }
}

describe('migrate', () => {
  it('applies each migration once: a second run applies nothing and keeps the data', async () => {
    const { pool } = await freshDatabase(server());
    await pool.query(`INSERT INTO articles VALUES (1, 'a', 't', 'b', 's', '2021-10-20', '2021-10-20', NULL, 'ar', NULL, 'a.md', NULL, 'h', '{}', '{}', 0, 0)`);
    const client = await pool.connect();
    try {
      expect(await migrate(client, { logger: silentLogger })).toEqual([]);
    } finally {
      client.release();
    }
    const shipped = (await shippedMigrations()).map(({ version, name }) => ({ version, name }));
    expect(shipped.map((m) => m.name)).toContain('003_shared_limits.sql');
    expect((await pool.query('SELECT version, name FROM schema_migrations ORDER BY version')).rows).toEqual(shipped);
    expect((await pool.query('SELECT count(*)::int AS n FROM articles')).rows[0].n).toBe(1);
  });

  it('creates a read-only role for the bot and a writer role for ingestion, neither able to change the schema', async () => {
    const { url } = await freshDatabase(server());
    const { lines, logger } = recordingLogger();
    const env = { DATABASE_URL: url, DATABASE_READER_ROLE: 'news_bot', DATABASE_READER_PASSWORD: 'reader-secret', DATABASE_WRITER_ROLE: 'news_ingest', DATABASE_WRITER_PASSWORD: 'writer-secret' };
    expect(await runMigrate(env, logger)).toBe(0);
    expect(lines.map((l) => l.message)).toEqual(['role created', 'role created', 'database already up to date']);
    const insert = `INSERT INTO term_chars VALUES ('ب')`;
    expect(await asRole(url, 'news_bot', 'reader-secret', 'SELECT count(*) FROM passages')).toBe('ok');
    expect(await asRole(url, 'news_bot', 'reader-secret', insert)).toMatch(/permission denied for table term_chars/);
    expect(await asRole(url, 'news_ingest', 'writer-secret', insert)).toBe('ok');
    expect(await asRole(url, 'news_ingest', 'writer-secret', 'DROP TABLE passages')).toMatch(/must be owner of table passages/);
    expect(await asRole(url, 'news_bot', 'wrong-password', 'SELECT 1').catch((e: Error) => e.message)).toMatch(/password authentication failed/);
    // Run again: the roles are updated (a new password takes effect), nothing is applied twice.
    expect(await runMigrate({ ...env, DATABASE_READER_PASSWORD: 'reader-secret-2' }, logger)).toBe(0);
    expect(await asRole(url, 'news_bot', 'reader-secret-2', 'SELECT count(*) FROM articles')).toBe('ok');
  });

  it('lets the writer ingest the seed and the read-only role answer from it', async () => {
    const { url, pool: owner } = await freshDatabase(server());
    const as = (role: string, password: string) => Object.assign(new URL(url), { username: role, password }).toString();
    const env = { DATABASE_URL: url, DATABASE_READER_ROLE: 'seed_bot', DATABASE_READER_PASSWORD: 'reader-secret', DATABASE_WRITER_ROLE: 'seed_ingest', DATABASE_WRITER_PASSWORD: 'writer-secret' };
    expect(await runMigrate(env, silentLogger)).toBe(0);
    await withoutAutovacuum(owner);
    expect(await runIngest(['corpus'], { DATABASE_URL: as('seed_ingest', 'writer-secret') }, silentLogger)).toBe(0);
    // The writer analysed the tables it filled (MAINTAIN): the end of its run, and the first questions, are planned on their statistics.
    const analysed = await owner.query<{ relname: string }>("SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL AND relname IN ('articles', 'passages', 'text_postings', 'quotations')");
    expect(analysed.rows.map((row) => row.relname).sort()).toEqual(['articles', 'passages', 'quotations', 'text_postings']);
    const reader = createPool(as('seed_bot', 'reader-secret'), silentLogger);
    try {
      const answer = await postgresAsk(reader).ask({ question: 'التعاون العسكري بين إيران وروسيا', limit: 1 });
      if (!answer.ok) throw new Error(JSON.stringify(answer.reason));
      expect(answer.results[0]!.passage).toContain('ينمو ويتسع');
      expect(answer.results[0]!.article).toMatchObject({ source: 'Iran International', date: '2021-10-20' });
    } finally {
      await reader.end();
    }
  });

  it('moves an archive ingested before the postings tables (001 only) into them: the same answers, statistics, term keys and postings', async () => {
    // The seed and three short articles sharing its words: postings rows across articles.
    const seed = [
      ...(await loadCorpus('corpus')).articles,
      ...['إيران', 'روسيا', 'موسكو'].map((word, i) => ({
        id: `short${i}`, title: `التعاون العسكري مع ${word}`, body: `قال المسؤول إن التعاون العسكري بين إيران وروسيا ينمو.\n\nوأضاف أن ${word} تتابع المحادثات.`, date: '2021-10-2' + i, source: 'Test Wire', url: null, lang: 'ar', author: null, file: `short${i}.md`,
      })),
    ];
    const old = await server().createDatabase('before_postings').then(() => createPool(server().url('before_postings'), silentLogger));
    try {
      const client = await old.connect();
      try {
        await migrate(client, { logger: silentLogger, migrations: (await shippedMigrations()).filter((m) => m.version === 1) });
        let passage = 0;
        // Each passage's terms and counts, as the index holds them (migration 001 stored them on the passage).
        const termsOf = passageTerms(seed);
        for (const [i, { article: a, day, contentHash, title, passages }] of analyseBatch(seed, extractRows(new QuoteReader(), seed)).rows.entries()) {
          await client.query('INSERT INTO articles VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, $12, $13, $14, $15, $16)', [
            i + 1, a.id, a.title, a.body, a.source, a.date, day, a.url, a.lang, a.author, a.file, contentHash, title.terms, Array.from(title.tfs), title.length, passages.length,
          ]);
          for (const p of passages) {
            const own = termsOf[passage]!;
            await client.query('INSERT INTO passages VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [++passage, i + 1, p.position, p.start, p.end, p.text, p.copyKey, own.map(([term]) => term), own.map(([, tf]) => tf), p.length]);
          }
        }
        const totals = 'UPDATE corpus_stats SET articles = (SELECT count(*) FROM articles), passages = (SELECT count(*) FROM passages), text_length = (SELECT sum(length) FROM passages)';
        await client.query(`${totals}, title_length = (SELECT sum(title_length * passage_count) FROM articles)`);
      } finally {
        client.release();
      }
      // The command applies the others (002 fills blocks of 4,096 numbers: each term of these four articles one row, nothing to merge).
      const { lines, logger } = recordingLogger();
      expect(await runMigrate({ DATABASE_URL: server().url('before_postings') }, logger)).toBe(0);
      expect(lines.filter((l) => l.message === 'migration applied').map((l) => (l.fields as { migration: string }).migration)).toEqual(
        (await shippedMigrations()).filter((m) => m.version > 1).map((m) => m.name),
      );
      expect(lines.at(-1)).toMatchObject({ message: 'database migrated' });
      const { pool: fresh } = await freshDatabase(server());
      await ingestArticles(fresh, seed);
      const stats = 'SELECT term, text_passages::int, title_passages::int FROM term_stats ORDER BY term';
      expect((await old.query(stats)).rows).toEqual((await fresh.query(stats)).rows);
      // Migration 018 packs the arrays 002 filled: every posting as ingestion writes it.
      expect(await postingsById(old)).toEqual(await postingsById(fresh));
      // Migration 015 gathers each article's text terms from its passages, as ingestion writes them.
      const articleTerms = `SELECT article, array(SELECT t FROM unnest(string_to_array(terms, ' ')) AS t ORDER BY t COLLATE "C") AS terms FROM article_terms ORDER BY article`;
      const gathered = (await old.query(articleTerms)).rows;
      expect(gathered.length).toBe(seed.length);
      expect(gathered).toEqual((await fresh.query(articleTerms)).rows);
      // Migration 009 fills the term keys of the stored passages and their titles, as ingestion writes them.
      const keys = 'SELECT * FROM passage_keys ORDER BY id';
      const filled = (await old.query(keys)).rows;
      expect(filled.length).toBeGreaterThan(0);
      expect(filled).toEqual((await fresh.query(keys)).rows);
      // Passages ingested before 004 have no speaker until ingested again (their content hash holds the analysis version, which 004 changed).
      const withoutSpeakers = (answer: unknown): unknown => JSON.parse(JSON.stringify(answer), (key, value: unknown) => (key === 'speaker' ? undefined : value));
      for (const question of ['التعاون العسكري بين إيران وروسيا', 'محادثات موسكو', '"ينمو ويتسع"']) {
        expect(await postgresAsk(old).ask({ question })).toEqual(withoutSpeakers(await postgresAsk(fresh).ask({ question })));
      }
    } finally {
      await old.end();
    }
  });

  it('merges the postings rows an ingestion left unmerged, and says so; run again, merges nothing', async () => {
    const { pool, url } = await freshDatabase(server());
    const articles = Array.from({ length: 12 }, (_, i) => ({
      id: `m${i}`, title: `محادثات موسكو ${i}`, body: `قال وزير الخارجية إن المحادثات رقم ${i} مع روسيا تقدمت.`, date: '2022-01-01', source: 'Test Wire', url: null, lang: 'ar', author: null, file: `m${i}.md`,
    }));
    // One article a batch, the run not finished (as a run stopped before its end): each common word has 12 rows.
    await ingestArticles(pool, articles, { batchSize: 1, finish: false });
    const rows = async () => Number((await pool.query('SELECT (SELECT count(*) FROM text_postings) + (SELECT count(*) FROM title_postings) AS n')).rows[0].n);
    const before = await rows();
    const question = { question: 'المحادثات مع روسيا' };
    const answered = await postgresAsk(pool).ask(question);
    const postings = await postingsById(pool);
    const { lines, logger } = recordingLogger();
    expect(await runMigrate({ DATABASE_URL: url }, logger)).toBe(0);
    const merged = lines.find((l) => l.message === 'postings rows merged')?.fields as { terms: number; rowsBefore: number; rowsAfter: number };
    expect(merged.rowsBefore - merged.rowsAfter).toBe(before - (await rows()));
    expect(merged.rowsAfter).toBeLessThan(merged.rowsBefore / 5);
    expect(await postgresAsk(pool).ask(question)).toEqual(answered);
    expect(await postingsById(pool)).toEqual(postings);
    const again = recordingLogger();
    expect(await runMigrate({ DATABASE_URL: url }, again.logger)).toBe(0);
    expect(again.lines.map((l) => l.message)).toEqual(['database already up to date']);
  });

  it('moves the speakers and listing marks of a database at migration 020 into quotation_speakers (021-023), and marks a database that had none', async () => {
    const { articles } = devArchive();
    const { pool } = await freshDatabase(server());
    await ingestArticles(pool, articles, { batchSize: 40 });
    const rows = 'SELECT article, position, speaker_id, day, start_offset, end_offset, hidden FROM quotation_speakers ORDER BY article, position';
    const expected = (await pool.query(rows)).rows;
    expect(expected.filter((r) => r.hidden).length).toBeGreaterThan(0);
    const all = await shippedMigrations();
    for (const marked of [true, false]) {
      // The database as migration 020 left it: each quotation's speaker and mark in its own columns, listed by quotations_listing (no mark at all below 014).
      await pool.query(`ALTER TABLE quotations ADD COLUMN speaker_id integer, ADD COLUMN hidden boolean NOT NULL DEFAULT false;
        UPDATE quotations q SET speaker_id = s.speaker_id, hidden = s.hidden AND ${marked} FROM quotation_speakers s WHERE s.article = q.article AND s.position = q.position;
        CREATE INDEX quotations_listing ON quotations (speaker_id, day DESC, start_offset, article, end_offset DESC, position) WHERE NOT hidden AND speaker_id IS NOT NULL;
        DROP TABLE quotation_speakers;
        ALTER TABLE quote_groups ALTER COLUMN words TYPE text[] USING string_to_array(words, ' ');
        DELETE FROM schema_migrations WHERE version >= 21`);
      const client = await pool.connect();
      try {
        expect(await migrate(client, { logger: silentLogger, migrations: all })).toEqual(all.filter((m) => m.version >= 21).map((m) => m.name));
      } finally {
        client.release();
      }
      expect((await pool.query(rows)).rows).toEqual(expected);
      const left = await pool.query("SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'quotations' AND column_name IN ('speaker_id', 'hidden')");
      expect(left.rows[0].n).toBe(0);
      expect((await pool.query("SELECT to_regclass('quotations_listing') AS index")).rows[0].index).toBeNull();
    }
  }, 240_000);

  it("stores each quotation group's words as one text (026): whosaid answers as before, and deleting an article still forgets the groups only it held", async () => {
    const { articles } = devArchive();
    const { pool } = await freshDatabase(server());
    await ingestArticles(pool, articles.slice(1), { batchSize: 40 });
    const groups = "SELECT id, string_to_array(words, ' ') AS words, length, first_day FROM quote_groups ORDER BY id";
    const expected = (await pool.query(groups)).rows;
    const asked = expected.filter((g) => g.length >= 6).slice(0, 5).map((g) => g.words.slice(1, 6).join(' '));
    const answers = await Promise.all(asked.map((q) => postgresQuotes(pool).whosaid(q)));
    // The database as migration 025 left it: the words an array, a group without words among them.
    await pool.query(`ALTER TABLE quote_groups ALTER COLUMN words TYPE text[] USING string_to_array(words, ' ');
      INSERT INTO quote_groups (id, hash, words, length, first_day) VALUES (100000, decode(md5('none'), 'hex'), '{}', 0, '2000-01-01');
      DELETE FROM schema_migrations WHERE version >= 26`);
    const client = await pool.connect();
    try {
      expect(await migrate(client, { logger: silentLogger })).toEqual((await shippedMigrations()).filter((m) => m.version >= 26).map((m) => m.name));
    } finally {
      client.release();
    }
    expect((await pool.query("SELECT words FROM quote_groups WHERE id = 100000")).rows).toEqual([{ words: '' }]);
    await pool.query('DELETE FROM quote_groups WHERE id = 100000');
    expect((await pool.query(groups)).rows).toEqual(expected);
    expect(await Promise.all(asked.map((q) => postgresQuotes(pool).whosaid(q)))).toEqual(answers);
    // Adding then deleting an article leaves the quotation index as it was (the deletion trigger reads the words as text).
    const index = async () => [(await pool.query(groups)).rows, (await pool.query('SELECT * FROM quote_words ORDER BY word')).rows, (await pool.query('SELECT * FROM quote_postings ORDER BY word, block')).rows];
    const before = await index();
    await ingestArticles(pool, [articles[0]!]);
    expect(await index()).not.toEqual(before);
    await pool.query('DELETE FROM quotations WHERE article = (SELECT number FROM articles WHERE id = $1)', [articles[0]!.id]);
    expect(await index()).toEqual(before);
  }, 240_000);

  it('names what is missing, exit 2, without touching the database', async () => {
    const { lines, logger } = recordingLogger();
    expect(await runMigrate({}, logger)).toBe(2);
    expect(lines.at(-1)!.message).toMatch(/^DATABASE_URL is not set/);
    expect(await runMigrate({ DATABASE_URL: 'postgresql://x@127.0.0.1:1/x', DATABASE_READER_ROLE: 'news_bot' }, logger)).toBe(2);
    expect(lines.at(-1)!.message).toBe('DATABASE_READER_PASSWORD must be set with DATABASE_READER_ROLE');
  });

  it('reports a server it cannot reach as a failed migration, exit 1', async () => {
    const { lines, logger } = recordingLogger();
    expect(await runMigrate({ DATABASE_URL: 'postgresql://nobody:x@127.0.0.1:1/none' }, logger)).toBe(1);
    expect(lines.at(-1)).toMatchObject({ level: 'error', message: 'migration failed' });
  });
});

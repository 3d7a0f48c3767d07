/**
 * The PostgreSQL engine at one size: an embedded server (throwaway, or kept in DATA_DIR so the
 * next size only ingests the articles it adds, and a later run can ask again without
 * ingesting), the migrations, batched ingestion of the corpus articles the database lacks (their
 * rate) and the database's size, then the benchmark's questions asked through the PostgreSQL
 * backend by a second process that holds no corpus, as a bot on PostgreSQL (/ask p50/p99,
 * /whosaid and /summary topic latency, its RSS), and last
 * PostgreSQL's own `ts_rank` over the same passages (its index size and /ask latency).
 * `tsx scripts/bench/postgres.ts run CORPUS_DIR QUESTIONS_FILE [DATA_DIR]` prints one JSON line of figures.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { parseArticleFile } from '../../src/engine/corpus/index.js';
import { silentLogger } from '../../src/engine/index.js';
import { finishIngestion, ingestParts } from '../../src/pg/ingest.js';
import { v8BuildTuning } from '../../src/buildTuning.js';
import { migrate } from '../../src/pg/migrate.js';
import { createPool } from '../../src/pg/pool.js';
import { postgresCatalog } from '../../src/pg/catalog.js';
import { postgresArchive } from '../../src/pg/archive.js';
import { startEmbeddedServer } from '../pg/embeddedServer.js';
import type { BenchQuestion } from './data.js';
import { type LatencySummary, peakRssMb, rssMb, summarize } from './measure.js';
import { buildTsPassages, tsIndexMb, tsRankSearch } from './tsRank.js';

/** Time spent timing /ask before stopping early, ms. */
const LATENCY_BUDGET_MS = Number(process.env.BENCH_LATENCY_BUDGET_MS ?? 120_000);

/**
 * Questions /ask is asked before it is timed, themselves timed apart (`askAfterStart`): a bot that
 * has been answering holds the archive's common pages (the commoner terms' postings, the hot
 * index pages) in the server's and the system's caches, where the first questions after a
 * server start read them from disk; at 1M articles the database is larger than the machine's memory.
 */
const ASK_WARM_UP = 200;

/** Times `fn` once per input (after `warmUp` untimed calls), stopping once `budgetMs` is spent. */
async function asyncLatencies<T>(inputs: readonly T[], fn: (input: T) => Promise<unknown>, budgetMs: number, warmUp = 10): Promise<LatencySummary> {
  for (const input of inputs.slice(0, warmUp)) await fn(input);
  const durations: number[] = [];
  let spent = 0;
  for (const input of inputs) {
    const start = performance.now();
    await fn(input);
    const ms = performance.now() - start;
    durations.push(ms);
    spent += ms;
    if (spent > budgetMs) break;
  }
  return summarize(durations);
}

/**
 * Ingests the corpus folder's articles the database lacks, one run reading one corpus file at a
 * time (the process never holds the whole corpus), and returns the ingestion's figures.
 */
async function ingest(pool: pg.Pool, corpusDir: string): Promise<Record<string, number>> {
  const stored = new Set((await pool.query<{ id: string }>('SELECT id FROM articles')).rows.map((r) => r.id));
  const files = readdirSync(corpusDir).sort();
  const freshIn = (name: string) => parseArticleFile(name, readFileSync(join(corpusDir, name), 'utf8'), {}).articles.filter((a) => !stored.has(a.id));
  // Counted first, then read again file by file as the ingestion reaches it: the process never holds the whole corpus.
  const added = files.reduce((n, name) => n + freshIn(name).length, 0);
  function* parts() {
    for (const name of files) yield freshIn(name);
  }
  const started = performance.now();
  if (added) await ingestParts(pool, parts(), added, { finish: false, tuning: v8BuildTuning() });
  // The speakers clustered and the postings rows merged once over the whole archive, as one `npm run ingest` of the folder would.
  await finishIngestion(pool);
  const seconds = (performance.now() - started) / 1000;
  const articles = stored.size + added;
  return added ? { articles, added, ingestS: Math.round(seconds * 10) / 10, ingestRate: Math.round(added / seconds) } : { articles, added };
}

/** The size of the database `name` in MB, without ts_rank's table (a reference, not part of the archive). */
async function databaseMb(pool: pg.Pool, name: string): Promise<number> {
  const size = await pool.query<{ size: string }>("SELECT pg_database_size($1) - coalesce(pg_total_relation_size(to_regclass('ts_passages')), 0) AS size", [name]);
  return Math.round(Number(size.rows[0]!.size) / 1024 / 1024);
}

/** `run`: a server, the ingestion, the `ask` mode in a child process (a bot on PostgreSQL holds no corpus), then `ts_rank`; the figures. */
async function run(corpusDir: string, questionsFile: string, dataDir?: string): Promise<Record<string, unknown>> {
  const server = await startEmbeddedServer(undefined, dataDir);
  try {
    const admin = createPool(server.url(), silentLogger);
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', ['bench'])).rowCount;
    await admin.end();
    if (!exists) await server.createDatabase('bench');
    const pool = createPool(server.url('bench'), silentLogger);
    try {
      const client = await pool.connect();
      await migrate(client, { logger: silentLogger }).finally(() => client.release());
      const figures: Record<string, unknown> = await ingest(pool, corpusDir);
      // ts_rank's table, kept from an earlier run at this size, is built again over the articles added.
      if (figures.added) await pool.query('DROP TABLE IF EXISTS ts_passages');
      await pool.query('VACUUM ANALYZE');
      figures.passages = Number((await pool.query<{ passages: string }>('SELECT passages FROM corpus_stats')).rows[0]?.passages ?? 0);
      figures.databaseMb = await databaseMb(pool, 'bench');
      const asked = execFileSync(process.execPath, ['--import', 'tsx', SELF, 'ask', server.url('bench'), questionsFile], { encoding: 'utf8', env: process.env, maxBuffer: 1 << 20 });
      Object.assign(figures, JSON.parse(asked.trim().split('\n').at(-1)!) as Record<string, unknown>);
      figures.tsRank = await tsRank(pool, questionsFile);
      return figures;
    } finally {
      await pool.end();
    }
  } finally {
    await (dataDir ? server.pause() : server.stop());
  }
}

/** PostgreSQL's own `ts_rank` over the same passages: the time to build its table and GIN index (0 when kept from an earlier run), the index's size, /ask latency. */
async function tsRank(pool: pg.Pool, questionsFile: string): Promise<Record<string, unknown>> {
  const questions = JSON.parse(readFileSync(questionsFile, 'utf8')) as BenchQuestion[];
  const client = await pool.connect();
  try {
    const started = performance.now();
    const built = (await client.query("SELECT to_regclass('ts_passages_document') IS NOT NULL AS built")).rows[0] as { built: boolean };
    const indexMb = built.built ? await tsIndexMb(client) : await buildTsPassages(client);
    const buildS = Math.round((performance.now() - started) / 100) / 10;
    const ask = await asyncLatencies(questions, ({ q }) => tsRankSearch(client, q), LATENCY_BUDGET_MS, 2);
    return { indexMb, buildS, ask };
  } finally {
    client.release();
  }
}

/** `ask`: the benchmark's questions through the PostgreSQL backend, as a bot process asks them; /ask latency and the process's RSS. */
async function ask(url: string, questionsFile: string): Promise<Record<string, unknown>> {
  const questions = JSON.parse(readFileSync(questionsFile, 'utf8')) as BenchQuestion[];
  const pool = createPool(url, silentLogger);
  try {
    // As a bot on PostgreSQL starts: its catalog reads the figures; the commands query the archive.
    const catalog = await postgresCatalog(pool);
    const backend = postgresArchive(pool);
    const askOne = ({ q }: BenchQuestion) => Promise.resolve(backend.ask({ question: q, limit: 10 }));
    const askAfterStart = await asyncLatencies(questions.slice(0, ASK_WARM_UP), askOne, LATENCY_BUDGET_MS, 0);
    const summary = await asyncLatencies(questions.slice(ASK_WARM_UP), askOne, LATENCY_BUDGET_MS, 0);
    const whosaid = await asyncLatencies(questions.slice(0, 300), ({ q }) => Promise.resolve(backend.whosaid(q)), LATENCY_BUDGET_MS / 4);
    const topic = await asyncLatencies(questions.slice(0, 100), ({ q }) => Promise.resolve(backend.summarizeTopic(q)), LATENCY_BUDGET_MS / 4);
    return { ask: summary, askAfterStart, whosaid, summary: topic, quotations: catalog.stats().quotations, botRssMb: rssMb(), botPeakRssMb: peakRssMb() };
  } finally {
    await pool.end();
  }
}

const SELF = fileURLToPath(import.meta.url);
const [mode, first, questionsFile, dataDir] = process.argv.slice(2);
if ((mode !== 'run' && mode !== 'ask') || !first || !questionsFile) {
  console.error('usage: tsx scripts/bench/postgres.ts run CORPUS_DIR QUESTIONS_FILE [DATA_DIR] | ask DATABASE_URL QUESTIONS_FILE');
  process.exitCode = 2;
} else console.log(JSON.stringify(await (mode === 'run' ? run(first, questionsFile, dataDir) : ask(first, questionsFile))));

/**
 * The PostgreSQL engine at one size: a throwaway embedded server, the migrations, `npm run
 * ingest`'s batched ingestion of the corpus folder (its rate) and the database's size, then the
 * benchmark's questions asked through the PostgreSQL backend by a second process that holds no
 * corpus, as a bot on PostgreSQL (/ask p50/p99, /whosaid and /summary topic latency, its RSS).
 * `tsx scripts/bench/postgres.ts run CORPUS_DIR QUESTIONS_FILE` prints one JSON line of figures.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { loadCorpus } from '../../src/engine/corpus/index.js';
import { silentLogger } from '../../src/engine/index.js';
import { ingestArticles } from '../../src/pg/ingest.js';
import { migrate } from '../../src/pg/migrate.js';
import { createPool } from '../../src/pg/pool.js';
import { postgresCatalog } from '../../src/pg/catalog.js';
import { postgresArchive } from '../../src/pg/archive.js';
import { startEmbeddedServer } from '../pg/embeddedServer.js';
import type { BenchQuestion } from './data.js';
import { type LatencySummary, peakRssMb, rssMb, summarize } from './measure.js';

/** Time spent timing /ask before stopping early, ms. */
const LATENCY_BUDGET_MS = Number(process.env.BENCH_LATENCY_BUDGET_MS ?? 120_000);

/** Times `fn` once per input (after a few untimed calls), stopping once `budgetMs` is spent. */
async function asyncLatencies<T>(inputs: readonly T[], fn: (input: T) => Promise<unknown>, budgetMs: number): Promise<LatencySummary> {
  for (const input of inputs.slice(0, 10)) await fn(input);
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

/** Ingests the corpus folder into a fresh database and returns the ingestion's figures. */
async function ingest(pool: pg.Pool, corpusDir: string): Promise<Record<string, number>> {
  const { articles } = await loadCorpus(corpusDir);
  const started = performance.now();
  const counts = await ingestArticles(pool, articles);
  const seconds = (performance.now() - started) / 1000;
  return { articles: articles.length, passages: counts.passages, ingestS: Math.round(seconds * 10) / 10, ingestRate: Math.round(articles.length / seconds) };
}

/** `run`: a server, the ingestion, then the `ask` mode in a child process (a bot on PostgreSQL holds no corpus); the figures. */
async function run(corpusDir: string, questionsFile: string): Promise<Record<string, unknown>> {
  const server = await startEmbeddedServer();
  try {
    await server.createDatabase('bench');
    const pool = createPool(server.url('bench'), silentLogger);
    try {
      const client = await pool.connect();
      await migrate(client, { logger: silentLogger }).finally(() => client.release());
      const figures: Record<string, unknown> = await ingest(pool, corpusDir);
      await pool.query('VACUUM ANALYZE');
      figures.databaseMb = Math.round(Number((await pool.query<{ size: string }>("SELECT pg_database_size('bench') AS size")).rows[0]!.size) / 1024 / 1024);
      const asked = execFileSync(process.execPath, ['--import', 'tsx', SELF, 'ask', server.url('bench'), questionsFile], { encoding: 'utf8', env: process.env, maxBuffer: 1 << 20 });
      return { ...figures, ...(JSON.parse(asked.trim().split('\n').at(-1)!) as Record<string, unknown>) };
    } finally {
      await pool.end();
    }
  } finally {
    await server.stop();
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
    const summary = await asyncLatencies(questions, ({ q }) => Promise.resolve(backend.ask({ question: q, limit: 10 })), LATENCY_BUDGET_MS);
    const whosaid = await asyncLatencies(questions.slice(0, 300), ({ q }) => Promise.resolve(backend.whosaid(q)), LATENCY_BUDGET_MS / 4);
    const topic = await asyncLatencies(questions.slice(0, 100), ({ q }) => Promise.resolve(backend.summarizeTopic(q)), LATENCY_BUDGET_MS / 4);
    return { ask: summary, whosaid, summary: topic, quotations: catalog.stats().quotations, botRssMb: rssMb(), botPeakRssMb: peakRssMb() };
  } finally {
    await pool.end();
  }
}

const SELF = fileURLToPath(import.meta.url);
const [mode, first, questionsFile] = process.argv.slice(2);
if ((mode !== 'run' && mode !== 'ask') || !first || !questionsFile) {
  console.error('usage: tsx scripts/bench/postgres.ts run CORPUS_DIR QUESTIONS_FILE | ask DATABASE_URL QUESTIONS_FILE');
  process.exitCode = 2;
} else console.log(JSON.stringify(await (mode === 'run' ? run : ask)(first, questionsFile)));

/**
 * The PostgreSQL engine at one size, in its own process: a throwaway embedded server, the
 * migrations, `npm run ingest`'s batched ingestion of the corpus folder (its rate), then the
 * benchmark's questions asked through the PostgreSQL backend (/ask p50/p99) with the corpus
 * released first, so the process's memory is that of a bot on PostgreSQL, and the database's size.
 * Run as `tsx scripts/bench/postgres.ts CORPUS_DIR QUESTIONS_FILE`; prints one JSON line of figures.
 */
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { loadCorpus } from '../../src/engine/corpus/index.js';
import { silentLogger } from '../../src/engine/engine.js';
import { ingestArticles } from '../../src/pg/ingest.js';
import { migrate } from '../../src/pg/migrate.js';
import { createPool } from '../../src/pg/pool.js';
import { postgresAsk } from '../../src/pg/search.js';
import { startEmbeddedServer } from '../pg/embeddedServer.js';
import type { BenchQuestion } from './data.js';
import { type LatencySummary, rssMb, summarize } from './measure.js';

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

async function main(corpusDir: string, questionsFile: string): Promise<void> {
  const questions = JSON.parse(readFileSync(questionsFile, 'utf8')) as BenchQuestion[];
  const server = await startEmbeddedServer();
  try {
    await server.createDatabase('bench');
    const pool = createPool(server.url('bench'), silentLogger);
    try {
      const client = await pool.connect();
      await migrate(client, { logger: silentLogger }).finally(() => client.release());
      const figures: Record<string, unknown> = await ingest(pool, corpusDir);
      await pool.query('VACUUM ANALYZE');
      globalThis.gc?.();
      const backend = postgresAsk(pool);
      figures.ask = await asyncLatencies(questions, ({ q }) => Promise.resolve(backend.ask({ question: q, limit: 10 })), LATENCY_BUDGET_MS);
      figures.rssMb = rssMb();
      figures.databaseMb = Math.round(Number((await pool.query<{ size: string }>("SELECT pg_database_size('bench') AS size")).rows[0]!.size) / 1024 / 1024);
      console.log(JSON.stringify(figures));
    } finally {
      await pool.end();
    }
  } finally {
    await server.stop();
  }
}

const [corpusDir, questionsFile] = process.argv.slice(2);
if (!corpusDir || !questionsFile) {
  console.error('usage: tsx scripts/bench/postgres.ts CORPUS_DIR QUESTIONS_FILE');
  process.exitCode = 2;
} else await main(corpusDir, questionsFile);

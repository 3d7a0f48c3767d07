import type pg from 'pg';
import { silentLogger } from '../src/engine/options.js';
import { ingestArticles } from '../src/pg/ingest.js';
import { migrate } from '../src/pg/migrate.js';
import { createPool } from '../src/pg/pool.js';
import { postgresAsk } from '../src/pg/search.js';
import { readCorpusFile } from './evalData.js';
import { type AskScores, type Question, backendRanking, questionsOf, scoreRankings } from './evalAsk.js';
import { startEmbeddedServer } from './pg/embeddedServer.js';
import { buildTsPassages, tsRankSearch } from './bench/tsRank.js';

/** `/ask` on one QA set through PostgreSQL: the project's ranking, and PostgreSQL's own `ts_rank` (`arabic` configuration) as a reference. */
export interface PostgresScores {
  postgres: AskScores;
  tsRank: AskScores;
}

/**
 * Starts a temporary embedded PostgreSQL, and for each set: a fresh database, the migrations, the
 * set's corpus ingested, then every question asked of the PostgreSQL backend and ranked by `ts_rank`.
 * `serverLog` receives the server's own messages.
 */
export async function evaluatePostgres(sets: readonly string[], serverLog?: (line: string) => void): Promise<PostgresScores[]> {
  const server = await startEmbeddedServer(serverLog);
  try {
    const scores: PostgresScores[] = [];
    for (const set of sets) {
      const name = `qa_${set.replace(/\W/g, '_')}`;
      await server.createDatabase(name);
      const pool = createPool(server.url(name), silentLogger);
      try {
        const client = await pool.connect();
        await migrate(client, { logger: silentLogger }).finally(() => client.release());
        await ingestArticles(pool, readCorpusFile(`qa/${set}/corpus.jsonl`));
        const questions = questionsOf(set);
        const backend = postgresAsk(pool);
        scores.push({ postgres: await scoreRankings(set, questions, (q) => backendRanking(backend, q)), tsRank: await tsRankScores(pool, set, questions) });
      } finally {
        await pool.end();
      }
    }
    return scores;
  } finally {
    await server.stop();
  }
}

/** PostgreSQL's own full-text ranking, for reference (scripts/bench/tsRank.ts). */
async function tsRankScores(pool: pg.Pool, set: string, questions: Question[]): Promise<AskScores> {
  const client = await pool.connect();
  try {
    await buildTsPassages(client);
    return await scoreRankings(set, questions, async (question) => (await tsRankSearch(client, question)).map((r) => ({ passage: r.text, articleIds: [r.article_id] })));
  } finally {
    client.release();
  }
}

import type pg from 'pg';
import { silentLogger } from '../src/engine/options.js';
import { ingestArticles } from '../src/pg/ingest.js';
import { migrate } from '../src/pg/migrate.js';
import { createPool } from '../src/pg/pool.js';
import { postgresAsk } from '../src/pg/search.js';
import { readCorpusFile } from './evalData.js';
import { type AskScores, type Question, backendRanking, questionsOf, scoreRankings } from './evalAsk.js';
import { startEmbeddedServer } from './pg/embeddedServer.js';

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

/**
 * PostgreSQL's own full-text ranking, for reference: passages and titles under the `arabic`
 * configuration (title weighted A), the question's lexemes OR-ed, ordered by `ts_rank`.
 */
async function tsRankScores(pool: pg.Pool, set: string, questions: Question[]): Promise<AskScores> {
  const client = await pool.connect();
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS ts_passages AS
      SELECT p.text, a.id AS article_id, setweight(to_tsvector('arabic', a.title), 'A') || to_tsvector('arabic', p.text) AS document
      FROM passages p JOIN articles a ON a.number = p.article`);
    return await scoreRankings(set, questions, async (question) => {
      const found = await client.query<{ text: string; article_id: string }>(
        `WITH q AS (SELECT string_agg(quote_literal(lexeme), ' | ')::tsquery AS query FROM unnest(tsvector_to_array(to_tsvector('arabic', $1))) AS lexeme)
         SELECT text, article_id FROM ts_passages, q WHERE q.query IS NOT NULL AND document @@ q.query ORDER BY ts_rank(document, q.query) DESC LIMIT 10`,
        [question],
      );
      return found.rows.map((r) => ({ passage: r.text, articleIds: [r.article_id] }));
    });
  } finally {
    client.release();
  }
}

/**
 * PostgreSQL's own full-text search, the reference beside the project's ranking: every passage
 * under the `arabic` configuration with its article's title weighted A, in a table with a GIN
 * index, searched with the question's lexemes OR-ed and ordered by `ts_rank`.
 */
import type pg from 'pg';

/** A passage `ts_rank` found: its text and its article's id. */
export interface TsRankHit {
  text: string;
  article_id: string;
}

/** (Re)builds the `ts_passages` table and its GIN index over the archive's passages; returns the index's size in MB. */
export async function buildTsPassages(db: pg.ClientBase): Promise<number> {
  await db.query('DROP TABLE IF EXISTS ts_passages');
  await db.query("SET maintenance_work_mem = '1GB'");
  await db.query(`CREATE TABLE ts_passages AS
    SELECT p.id, setweight(to_tsvector('arabic', a.title), 'A') || to_tsvector('arabic', p.text) AS document
    FROM passages p JOIN articles a ON a.number = p.article`);
  await db.query('CREATE INDEX ts_passages_document ON ts_passages USING gin (document)');
  await db.query('ANALYZE ts_passages');
  return tsIndexMb(db);
}

/** The size of `ts_passages`' GIN index in MB. */
export async function tsIndexMb(db: Pick<pg.ClientBase, 'query'>): Promise<number> {
  const size = await db.query<{ bytes: string }>("SELECT pg_relation_size('ts_passages_document') AS bytes");
  return Math.round(Number(size.rows[0]!.bytes) / 1024 / 1024);
}

/** The `limit` passages `ts_rank` ranks highest for `question` (none when it has no lexeme). */
export async function tsRankSearch(db: Pick<pg.ClientBase, 'query'>, question: string, limit = 10): Promise<TsRankHit[]> {
  const found = await db.query<TsRankHit>(
    `WITH q AS (SELECT string_agg(quote_literal(lexeme), ' | ')::tsquery AS query FROM unnest(tsvector_to_array(to_tsvector('arabic', $1))) AS lexeme),
          top AS (SELECT t.id, ts_rank(t.document, q.query) AS rank FROM ts_passages t, q WHERE q.query IS NOT NULL AND t.document @@ q.query ORDER BY rank DESC, t.id LIMIT $2)
     SELECT p.text, a.id AS article_id FROM top JOIN passages p ON p.id = top.id JOIN articles a ON a.number = p.article ORDER BY top.rank DESC, top.id`,
    [question, limit],
  );
  return found.rows;
}

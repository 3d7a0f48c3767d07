/**
 * The planner's statistics after a large write. autovacuum analyses a table once more rows have
 * changed since its last `ANALYZE` than `ANALYZE_ROWS` and `ANALYZE_FRACTION` of the table, but
 * only when its launcher next visits the database (every minute at best): a run of a minute or
 * two ends with tables the planner has never seen, and the merge at its end, planned blind, took
 * 40.7 s instead of 10–11 s on a fresh 90k archive. An ingestion run therefore applies
 * autovacuum's rule itself before its end jobs.
 */

import pg from 'pg';

/** autovacuum's defaults (`autovacuum_analyze_threshold`, `autovacuum_analyze_scale_factor`): rows changed beyond which a table is analysed. */
const ANALYZE_ROWS = 50;
const ANALYZE_FRACTION = 0.1;

/**
 * Analyses the tables of the current schema whose changes since their last `ANALYZE` pass
 * autovacuum's rule, and those never analysed that hold rows (their size read from the files:
 * the changes counted are reported by each connection up to seconds late); returns their names.
 * On a pool the tables are analysed on all its connections at once (2.0 s for the fifteen tables
 * of a fresh 90k archive on two, 3.5 s on one). A table the role may not analyse (it needs the
 * MAINTAIN privilege on PostgreSQL 17 and later, which `npm run db:migrate` grants the writer
 * role; ownership before) is skipped with the server's warning: autovacuum analyses it later.
 */
export async function analyseChangedTables(db: pg.Pool | pg.ClientBase): Promise<string[]> {
  const stale = await db.query<{ name: string }>(
    `SELECT s.relname AS name FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
     WHERE s.schemaname = current_schema()
       AND ((c.reltuples < 0 AND pg_relation_size(c.oid) > 0) OR s.n_mod_since_analyze > $1 + $2 * greatest(c.reltuples, 0))
     ORDER BY pg_total_relation_size(c.oid) DESC, s.relname`,
    [ANALYZE_ROWS, ANALYZE_FRACTION],
  );
  const names = stale.rows.map((row) => row.name);
  // A statement per table, the largest first: a pool runs them on all its connections at once.
  await Promise.all(names.map((name) => db.query(`ANALYZE ${pg.escapeIdentifier(name)}`)));
  return names.sort();
}

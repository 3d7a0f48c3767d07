/**
 * The planner's statistics after a large write. autovacuum analyses a table once more rows have
 * changed since its last `ANALYZE` than its threshold and scale factor allow, but only when its
 * launcher next visits the database (every minute at best): a run of a minute or two ends with
 * tables the planner has never seen. The merge at the end of a fresh 90k run, planned blind,
 * joined each chunk of terms with a full scan of `text_postings` (40.7 s against 10–11 s), and
 * the whole end took 31–38 s against 15–17 s. An ingestion run therefore applies autovacuum's
 * rule itself before its end jobs.
 */

import type pg from 'pg';
import { usingPoolClient } from './pool.js';

/**
 * Analyses the tables of the current schema that this role may analyse (it needs the MAINTAIN
 * privilege on PostgreSQL 17 and later, which `npm run db:migrate` grants the writer role;
 * ownership before) whose changes since their last `ANALYZE` pass autovacuum's rule with the
 * server's settings, and those never analysed that hold rows (their size read from the files: the
 * changes counted are reported by each connection up to seconds late); returns the tables it
 * asked to analyse. A table another session holds (a migration, autovacuum, another run's
 * clustering) is skipped rather than waited for, and a failed `ANALYZE` only leaves its table to
 * autovacuum: the statistics help the run's end, which does not depend on them. The tables are
 * analysed on all the pool's connections at once (2.0 s for the fifteen tables of a fresh 90k
 * archive on two, 3.5 s on one), or one after another on one of them (`options.oneConnection`).
 */
export async function analyseChangedTables(pool: pg.Pool, options: AnalysisOptions = {}): Promise<string[]> {
  const stale = await pool.query<{ name: string; target: string }>(
    `SELECT s.relname AS name, format('%I.%I', s.schemaname, s.relname) AS target
     FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
     WHERE s.schemaname = current_schema()
       AND CASE WHEN current_setting('server_version_num')::integer >= 170000 THEN has_table_privilege(c.oid, 'MAINTAIN') ELSE pg_has_role(c.relowner, 'USAGE') END
       AND ((c.reltuples < 0 AND pg_relation_size(c.oid) > 0)
         OR s.n_mod_since_analyze > current_setting('autovacuum_analyze_threshold')::float8 + current_setting('autovacuum_analyze_scale_factor')::float8 * greatest(c.reltuples, 0))
     ORDER BY pg_total_relation_size(c.oid) DESC, s.relname`,
  );
  const among = options.among ?? (() => true);
  const tables = stale.rows.filter(({ name }) => among(name));
  if (!tables.length) return [];
  const analyse = (client: pg.Pool | pg.PoolClient, { name, target }: (typeof tables)[number]) =>
    client.query(`ANALYZE (SKIP_LOCKED) ${target}`).then(
      () => [name],
      () => [],
    );
  // A statement per table, the largest first: on all the pool's connections at once, or one after another on one.
  const analysed = options.oneConnection
    ? await usingPoolClient(await pool.connect(), async (client) => {
        const done: string[][] = [];
        for (const table of tables) done.push(await analyse(client, table));
        return done;
      })
    : await Promise.all(tables.map((table) => analyse(pool, table)));
  return analysed.flat().sort();
}

/** Which of the changed tables `analyseChangedTables` analyses, and on how many connections. */
export interface AnalysisOptions {
  /** Only the tables it accepts by name (default: every changed table). */
  among?: (table: string) => boolean;
  /** One table after another on one connection, leaving the pool's others to work beside it (default: on all of them at once). */
  oneConnection?: boolean;
}

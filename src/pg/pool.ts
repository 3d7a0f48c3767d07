import pg from 'pg';
import type { Logger } from '../engine/index.js';

/** What statements run on: a pool or one of its clients. */
export type Db = Pick<pg.ClientBase, 'query'>;

/** Connections a pool opens at most by default: a bot or an ingestion needs few. */
const DEFAULT_MAX_CONNECTIONS = 4;

/** Time to open a connection before giving up (an unreachable host otherwise hangs the question). */
const CONNECT_TIMEOUT_MS = 5000;

/**
 * A connection pool whose idle connections' errors (the server restarted or stopped, the network
 * dropped) are logged instead of crashing the process: the next query opens a new connection.
 */
export function createPool(url: string, logger: Logger, max = DEFAULT_MAX_CONNECTIONS): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  pool.on('error', (error) => logger.warn({ err: error.message }, 'PostgreSQL connection lost'));
  return pool;
}

/** The password of a database URL, so it never reaches a log line. */
export function passwordIn(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

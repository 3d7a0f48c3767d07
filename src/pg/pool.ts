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

/**
 * Runs `work` on a connection of `pool`, in a transaction (opened by `begin`), rolled back if it
 * throws. A connection the server ends between two statements (a restart) is an `error` event of
 * the client, which the pool only listens to while the client is idle: heard here, it fails the
 * statement that follows anyway, and the connection is closed instead of going back to the pool.
 */
export async function inPoolTransaction<T>(pool: pg.Pool, work: (client: pg.ClientBase) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onLost = (error: Error) => (lost = error);
  client.on('error', onLost);
  try {
    return await inTransaction(client, () => work(client), begin);
  } finally {
    client.off('error', onLost);
    client.release(lost);
  }
}

/** Runs `work` in a transaction (opened by `begin`), rolled back if it throws. */
export async function inTransaction<T>(client: pg.ClientBase, work: () => Promise<T>, begin = 'BEGIN'): Promise<T> {
  await client.query(begin);
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/** Rows sent per statement when many rows are written. */
export const CHUNK = 20_000;

/** Quotations read per statement when many are read. */
export const PAGE = 100_000;

/** Runs `write` on `rows` `CHUNK` at a time, in order, each chunk with the index of its first row. */
export async function inChunks<T>(rows: readonly T[], write: (chunk: T[], from: number) => Promise<unknown>): Promise<void> {
  for (let from = 0; from < rows.length; from += CHUNK) await write(rows.slice(from, from + CHUNK), from);
}

/** The advisory lock each ingestion batch (and each deletion or compaction of postings) holds while it writes: one writer at a time keeps the term statistics exact. */
export const INGEST_LOCK = 0x6e657773_02;

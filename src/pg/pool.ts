import pg from 'pg';
import type { Logger } from '../engine/index.js';

/** What statements run on: a pool or one of its clients. */
export type Db = Pick<pg.ClientBase, 'query'>;

/** Connections a pool opens at most by default: a bot or an ingestion needs few. */
const DEFAULT_MAX_CONNECTIONS = 4;

/** Time to open a connection before giving up (an unreachable host otherwise hangs the question). */
const CONNECT_TIMEOUT_MS = 5000;

/** Idle time before a connection's first TCP keepalive probe (the system's default is two hours), ms. */
export const KEEPALIVE_DELAY_MS = 30_000;

/** Limits on a reader's statements: how long the server may run one, and how long the bot waits for any answer. */
export interface ReadLimits {
  statementTimeoutMs: number;
  readTimeoutMs: number;
}

/**
 * A bot's limits: a question that would run longer than 15 s is cancelled by the server (the
 * slowest page measured, /quotes of the most quoted speaker at 1M articles, takes about 2 s),
 * and an answer that has not come 20 s after the statement was sent means a connection that will
 * never answer (a half-open TCP connection the server's end forgot, which TCP keepalive only
 * notices after its probes have gone unanswered for about ten minutes): the statement fails as the archive being unavailable, and its
 * connection is closed rather than reused.
 */
export const READER_LIMITS: ReadLimits = { statementTimeoutMs: 15_000, readTimeoutMs: 20_000 };

/**
 * A connection pool whose idle connections' errors (the server restarted or stopped, the network
 * dropped) are logged instead of crashing the process: the next query opens a new connection.
 * Its connections send TCP keepalives once idle for `KEEPALIVE_DELAY_MS`. With `limits` (a bot's or another reader's pool, never an
 * ingestion's, whose COPYs and merges run for minutes), its statements are bounded as `ReadLimits` say.
 */
export function createPool(url: string, logger: Logger, max = DEFAULT_MAX_CONNECTIONS, limits?: ReadLimits): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
    ...(limits && { statement_timeout: limits.statementTimeoutMs, query_timeout: limits.readTimeoutMs }),
  });
  pool.on('error', (error) => logger.warn({ err: error.message }, 'PostgreSQL connection lost'));
  return pool;
}

/** Whether a statement failed because no answer came within the pool's read timeout (`ReadLimits`): its connection may never answer again. */
export function isReadTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === 'Query read timeout';
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
 * throws; the connection is released as `usingPoolClient` releases it.
 */
export async function inPoolTransaction<T>(pool: pg.Pool, work: (client: pg.ClientBase) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  return usingPoolClient(await pool.connect(), (client) => inTransaction(client, () => work(client), begin));
}

/**
 * Runs `work` on a connection checked out of a pool, then releases it. A connection the server ends
 * meanwhile (a restart) is an `error` event of the client, which the pool only listens to while the
 * client is idle: heard here, it fails the statement that follows anyway, and the connection is
 * closed instead of going back to the pool, as is one whose failure `closeAfter` says left it
 * unusable (by default one that did not answer in time: `isReadTimeout`).
 */
export async function usingPoolClient<T>(client: pg.PoolClient, work: (client: pg.PoolClient) => Promise<T>, closeAfter: (error: unknown) => boolean = isReadTimeout): Promise<T> {
  let lost: Error | undefined;
  const onLost = (error: Error) => (lost = error);
  client.on('error', onLost);
  try {
    return await work(client);
  } catch (error) {
    if (closeAfter(error)) lost ??= error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.off('error', onLost);
    client.release(lost);
  }
}

/** Whether a pool may lend a second connection beside one checked out (db:migrate's has one). */
export const hasSecondConnection = (pool: pg.Pool): boolean => (pool.options.max ?? 1) >= 2;

/**
 * Runs `work` in a transaction (opened by `begin`), rolled back if it throws; but for a connection
 * that did not answer in time (`isReadTimeout`), which would not answer the rollback either: the
 * server rolls back when its caller closes it. A rollback that gets no answer in time throws its
 * read timeout, so that the caller closes the connection too.
 */
export async function inTransaction<T>(client: pg.ClientBase, work: () => Promise<T>, begin = 'BEGIN'): Promise<T> {
  await client.query(begin);
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    if (isReadTimeout(error)) throw error;
    const rollback = await client.query('ROLLBACK').then(
      () => null,
      (rollbackError: unknown) => rollbackError,
    );
    // A connection that went silent after the failure: its caller must close it, not reuse it.
    if (isReadTimeout(rollback)) throw rollback;
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

/** The advisory lock each ingestion batch and each deletion holds while it writes (one writer at a time keeps the term statistics exact), and each merge transaction holds shared (merges change no statistics; they only wait for writers and writers for them). */
export const INGEST_LOCK = 0x6e657773_02;

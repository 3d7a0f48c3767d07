import type pg from 'pg';
import { BACKOFF, type RetryPolicy, retryDelay } from '../discord/login.js';
import type { Logger } from '../engine/index.js';
import { ArchiveUnavailableError } from '../engine/search/backend.js';
import { inPoolTransaction, isReadTimeout } from './pool.js';

/** PostgreSQL's code for a statement it cancelled (`statement_timeout`). */
const STATEMENT_TIMEOUT = '57014';

/** Node's errors for a connection refused, dropped or timed out. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Whether an error means the database cannot answer for now: the network's errors, PostgreSQL's
 * connection exceptions (class 08), shutdown and start-up (57P), lack of resources (53), a
 * statement the server cancelled at the reader's statement timeout (57014, `ReadLimits`), a
 * connection that did not answer within the reader's read timeout, and the driver's own words for
 * a connection that ended or never came.
 */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || /^(08|57P|53)/.test(code) || code === STATEMENT_TIMEOUT)) return true;
  if (isReadTimeout(error)) return true;
  // node-postgres says so of a client whose connection the server ended mid-statement (a restart).
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|encountered a connection error and is not queryable/i.test(error.message);
}

/** Whether the database answers, as last seen. */
export interface Availability {
  available(): boolean;
  stop(): void;
}

/**
 * Asks the database `SELECT 1` every `intervalMs` (never two at once): `available()` is false from
 * a probe that fails until one succeeds, so `/healthz` reports 503 while the database is down and
 * recovers on its own once it is back.
 */
export function watchAvailability(pool: pg.Pool, intervalMs = 1000): Availability {
  let up = true;
  let probing = false;
  const probe = () => {
    if (probing) return;
    probing = true;
    pool.query('SELECT 1').then(
      () => (up = true),
      () => (up = false),
    ).finally(() => (probing = false));
  };
  const timer = setInterval(probe, intervalMs);
  timer.unref();
  return { available: () => up, stop: () => clearInterval(timer) };
}

/**
 * Runs `work` (a bot's first reads) until the database answers: while it cannot be reached, each
 * failure is logged and the next attempt waits longer (1 s, 2 s, 4 s … at most a minute, with
 * jitter), so a bot started before its database waits for it instead of exiting. Other errors are
 * thrown, and so is a statement cancelled at the statement timeout.
 */
export async function untilReachable<T>(work: () => Promise<T>, logger: Logger, policy: Omit<RetryPolicy, 'timeoutMs'> = BACKOFF): Promise<T> {
  for (let failures = 1; ; failures++) {
    try {
      return await work();
    } catch (error) {
      // A statement the server cancelled for running too long would run as long again: not a database to wait for.
      if (!isConnectionError(error) || (error as { code?: unknown }).code === STATEMENT_TIMEOUT) throw error;
      const waitMs = retryDelay(failures, { ...policy, timeoutMs: Infinity });
      logger.warn({ err: (error as Error).message, attempts: failures, nextRetryInMs: waitMs }, 'the PostgreSQL archive cannot be reached yet: waiting for it');
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

/** Runs `work`, its failure to reach the database turned into `ArchiveUnavailableError` (other errors are bugs, left as they are). */
export async function reachable<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw isConnectionError(error) ? new ArchiveUnavailableError(error) : error;
  }
}

/** Runs `work` on one connection in one read-only snapshot (every statement sees the same committed batches), as `reachable` does. */
export function readSnapshot<T>(pool: pg.Pool, work: (client: pg.ClientBase) => Promise<T>): Promise<T> {
  return reachable(() => inPoolTransaction(pool, work, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'));
}

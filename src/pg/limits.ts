import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Limits } from '../discord/limiter.js';
import type { Logger } from '../engine/index.js';

/** How the shared limits are set. */
export interface SharedLimitSettings {
  /** Commands one user may run per window, across every process. */
  perWindow: number;
  /** Commands answered at once, across every process. */
  maxConcurrent: number;
  /** The rate limit's sliding window, in ms. Default one minute. */
  windowMs?: number;
  /** How long a slot stays taken if its process dies without releasing it, in ms. Default one minute. */
  leaseMs?: number;
}

/** A statement slower than this counts as the database being unavailable, in ms: the rate limit is checked before a command acknowledges, within Discord's 3 s. */
const QUERY_TIMEOUT_MS = 500;
/** Waits between two tries for a free slot: from the first, doubling up to the last, in ms. */
const FIRST_POLL_MS = 2;
const LAST_POLL_MS = 20;
/** The wait between two tries to release a slot while the database is unavailable, in ms. */
const RELEASE_RETRY_MS = 250;

/**
 * The rate limit and the concurrency cap kept in PostgreSQL (migration 003), so that every bot process
 * sharing the database counts the same uses and slots. Each check is one atomic statement. A command
 * takes one of `fallback`'s slots (its process's own cap) before a shared one. While the database cannot
 * be reached the process limits with `fallback` alone, logging it, so the bot keeps answering through a
 * database restart.
 */
export function sharedLimits(pool: pg.Pool, settings: SharedLimitSettings, fallback: Limits, logger: Logger): Limits {
  const windowMs = settings.windowMs ?? 60_000;
  const leaseMs = settings.leaseMs ?? 60_000;
  let unavailableSince: number | null = null;
  const query = async <T extends pg.QueryResultRow>(sql: string, values: unknown[]): Promise<T | null> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${QUERY_TIMEOUT_MS} ms`)), QUERY_TIMEOUT_MS);
    });
    try {
      const result = await Promise.race([pool.query<T>(sql, values), timeout]);
      if (unavailableSince !== null) logger.info({ ms: Date.now() - unavailableSince }, 'shared limits: PostgreSQL is back');
      unavailableSince = null;
      return result.rows[0] ?? null;
    } catch (error) {
      if (unavailableSince === null) logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'shared limits: PostgreSQL unavailable, limiting in this process meanwhile');
      unavailableSince ??= Date.now();
      return null;
    } finally {
      clearTimeout(timer);
    }
  };
  // `null` from `query` means the database failed; a row means it answered (its value may itself be null).
  const takeSlot = (holder: string) => query<{ slot: number | null }>('SELECT command_slot_take($1, $2, $3) AS slot', [settings.maxConcurrent, holder, leaseMs]);
  // A release lost to an outage is tried again until the lease would have freed the slot anyway.
  const releaseSlot = async (slot: number, holder: string) => {
    const giveUpAt = Date.now() + leaseMs;
    while (!(await query('SELECT command_slot_release($1, $2) AS released', [slot, holder])) && Date.now() < giveUpAt) {
      await new Promise((resolve) => setTimeout(resolve, RELEASE_RETRY_MS));
    }
  };

  return {
    rate: {
      async take(userId) {
        const row = await query<{ wait: number }>('SELECT rate_limit_take($1, $2, $3) AS wait', [userId, settings.perWindow, windowMs]);
        return row ? row.wait : fallback.rate.take(userId);
      },
    },
    slots: {
      // The process's own cap first (no process asks for more slots than all may have), then a shared slot.
      async acquire(timeoutMs) {
        const deadline = Date.now() + timeoutMs;
        const releaseLocal = await fallback.slots.acquire(timeoutMs);
        if (!releaseLocal) return null;
        const holder = randomUUID();
        for (let pause = FIRST_POLL_MS; ; pause = Math.min(LAST_POLL_MS, pause * 2)) {
          const row = await takeSlot(holder);
          if (!row) return releaseLocal;
          const { slot } = row;
          if (slot !== null) {
            return () => {
              releaseLocal();
              void releaseSlot(slot, holder);
            };
          }
          const left = deadline - Date.now();
          if (left <= 0) {
            releaseLocal();
            return null;
          }
          await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)));
        }
      },
    },
  };
}

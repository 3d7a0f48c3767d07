import pg from 'pg';
import type { Logger } from '../engine/index.js';
import { ARCHIVE_CHANGED } from './ingest.js';
import { KEEPALIVE_DELAY_MS } from './pool.js';

/** Waits between reconnection attempts of the listening connection: doubling from 0.5 s up to 30 s. */
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

/** A running listener; `stop` closes its connection. */
export interface ChangeListener {
  stop(): Promise<void>;
}

/**
 * Listens on its own connection for the batches ingestion commits (`ARCHIVE_CHANGED`) and calls
 * `onChange` for each; a lost connection is opened again with backoff, and `onChange` is called
 * once on reconnecting too, since batches committed meanwhile were not heard.
 */
export function listenForChanges(url: string, logger: Logger, onChange: () => void): ChangeListener {
  let client: pg.Client | null = null;
  let stopped = false;
  let retryMs = FIRST_RETRY_MS;
  let timer: NodeJS.Timeout | undefined;
  /** Schedules one reconnection (a failed connection may report both a rejection and an error event). */
  const retry = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect(true);
    }, retryMs);
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  };
  const connect = async (reconnecting: boolean) => {
    const next = new pg.Client({ connectionString: url, keepAlive: true, keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS });
    next.on('notification', () => onChange());
    next.on('error', (error) => {
      logger.warn({ err: error.message }, 'archive change listener lost its connection');
      if (client === next) client = null;
      next.end().catch(() => undefined);
      retry();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${ARCHIVE_CHANGED}`);
    } catch (error) {
      next.end().catch(() => undefined);
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'archive change listener could not connect');
      retry();
      return;
    }
    if (stopped) return void next.end().catch(() => undefined);
    client = next;
    retryMs = FIRST_RETRY_MS;
    if (reconnecting) onChange();
  };
  void connect(false);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}

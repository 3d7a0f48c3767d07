import type pg from 'pg';
import type { PageSession, SharedPages } from '../discord/paging.js';
import type { Logger } from '../engine/index.js';

/** A row of `page_sessions` (migration 003). */
interface PageRow {
  id: string;
  owner_id: string;
  request: unknown;
  total: number;
  expires_at: Date;
}

/** Paged answers kept in PostgreSQL for every bot process; a failure is logged and the click is told the answer expired. */
export function sharedPages(pool: pg.Pool, logger: Logger): SharedPages {
  return {
    save(session) {
      const values = [session.id, session.ownerId, JSON.stringify(session.request), session.total, new Date(session.expiresAt)];
      pool.query('SELECT page_session_save($1, $2, $3::jsonb, $4, $5)', values).catch((error: unknown) => {
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'paged answer not shared: only this process can turn its pages');
      });
    },
    async load(id) {
      try {
        const { rows } = await pool.query<PageRow>('SELECT id, owner_id, request, total, expires_at FROM page_sessions WHERE id = $1', [id]);
        const row = rows[0];
        return row && ({ id: row.id, ownerId: row.owner_id, request: row.request, total: row.total, expiresAt: row.expires_at.getTime() } satisfies PageSession<unknown>);
      } catch (error) {
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'shared paged answers unavailable');
        return undefined;
      }
    },
  };
}

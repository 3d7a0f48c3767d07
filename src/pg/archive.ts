import type pg from 'pg';
import type { ArchiveService } from '../engine/summary/service.js';
import { postgresQuotes } from './quoteService.js';
import { postgresAsk } from './search.js';

/** The PostgreSQL archive the front ends await: `/ask` and `/summary` (see `postgresAsk`) and the quotation commands (see `postgresQuotes`). */
export function postgresArchive(pool: pg.Pool): ArchiveService {
  return { ...postgresAsk(pool), ...postgresQuotes(pool) };
}

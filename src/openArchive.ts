import type pg from 'pg';
import { v8BuildTuning } from './buildTuning.js';
import { type ArchiveCatalog, type Engine, type Logger, createEngine } from './engine/index.js';
import type { ArchiveService } from './engine/summary/service.js';
import { postgresArchive } from './pg/archive.js';
import { postgresCatalog } from './pg/catalog.js';

/** A corpus folder the embedded engine indexes (its index cached in `cacheDir`); `warmUp` prepares autocomplete and quotations at once (a long-running process). */
export interface CorpusFolder {
  corpusDir: string;
  cacheDir: string;
  warmUp?: boolean;
}

/** Where the archive is: a corpus folder, or the PostgreSQL database a pool connects to (filled by `npm run ingest`). */
export type ArchiveLocation = CorpusFolder | { pool: pg.Pool };

/** An archive as the front ends take it: its catalog, the answers they await, and the embedded engine when there is one (null on PostgreSQL). */
export interface OpenArchive {
  catalog: ArchiveCatalog;
  search: ArchiveService;
  /** The embedded engine, which the corpus folder's watcher, feeds and follow alerts need; null on PostgreSQL (they stay off). */
  engine: Engine | null;
}

/** Opens the archive where it is: the embedded engine over a corpus folder, or PostgreSQL's catalog and answers (the pool stays the caller's to end). */
export async function openArchive(location: ArchiveLocation, logger: Logger): Promise<OpenArchive> {
  if ('pool' in location) return { catalog: await postgresCatalog(location.pool), search: postgresArchive(location.pool), engine: null };
  const engine = await openCorpus(location, logger);
  return { catalog: engine, search: engine, engine };
}

/** The embedded engine over a corpus folder (the console's, and the archive `openArchive` opens there). */
export function openCorpus(folder: CorpusFolder, logger: Logger): Promise<Engine> {
  return createEngine({ ...folder, logger, buildTuning: v8BuildTuning() });
}

import { createHash } from 'node:crypto';
import { type Archive } from './archive.js';
import { buildArchiveInParallel } from './build/buildArchive.js';
import { CACHE_VERSION, loadArchive, saveArchive } from './cache/archiveCache.js';
import { OpenFiles } from './cache/cacheFile.js';
import { type CorpusFile, corpusFingerprint, loadCorpus } from './corpus/index.js';
import { walkCorpus } from './corpus/walk.js';
import { fileChanges, updateCorpusState } from './build/update.js';
import type { EngineOptions, Logger } from './options.js';
import { type ArchiveStats, type CorpusProblem, isRejection } from './types.js';

/** Everything one load of the corpus produced: swapped in whole, so a query never sees half a reload. */
export interface Snapshot {
  archive: Archive;
  problems: CorpusProblem[];
  files: CorpusFile[];
  stats: ArchiveStats;
  /** Closes the cache files the archives read from disk once none can read them: the first load's, handed on by each reload. */
  cacheFiles: OpenFiles;
}

/**
 * Loads the archive from the cache when the corpus files are unchanged (their list, sizes and
 * modification times are all that is read), else loads the corpus, builds the archive and caches it
 * (`serving`: the engine answers from an older archive meanwhile, see `buildArchiveInParallel`). `cacheFiles` closes the
 * cache file once the archive no longer reads it (a reload passes on its previous snapshot's).
 */
export async function loadSnapshot(options: EngineOptions, logger: Logger, build: { serving?: boolean } = {}, cacheFiles = new OpenFiles()): Promise<Snapshot> {
  const started = performance.now();
  const listing = await walkCorpus(options.corpusDir);
  const damaged = (reason: string) => logger.warn({ cacheDir: options.cacheDir, reason }, 'index cache damaged: rebuilding it');
  const cached = options.cacheDir ? await loadArchive(options.cacheDir, corpusCacheKey(listing.files), cacheFiles, damaged) : null;
  let snapshot: Omit<Snapshot, 'stats' | 'cacheFiles'>;
  let origin: ArchiveStats['origin'] = 'cache';
  if (cached) snapshot = { ...cached, files: listing.files };
  else {
    origin = 'build';
    const corpus = await loadCorpus(options.corpusDir);
    const onWorkerFailure = (job: string, error: unknown) => logger.warn({ job, error: String(error) }, 'build worker failed; its job was done on the main thread');
    snapshot = { archive: await buildArchiveInParallel(corpus.articles, { ...build, onWorkerFailure, tuning: options.buildTuning }), problems: corpus.problems, files: corpus.files };
    if (options.cacheDir) {
      try {
        await saveArchive(snapshot.archive, corpus.problems, options.cacheDir, corpusCacheKey(corpus.files));
      } catch (error) {
        logger.warn({ err: error, cacheDir: options.cacheDir }, 'index cache not written');
      }
    }
  }
  for (const problem of snapshot.problems) logger.warn({ problem }, problemLogLine(problem));
  if (origin === 'build') for (const failed of snapshot.archive.quotes.failures) logger.error({ article: failed.id, error: failed.error }, 'quotation extraction failed; the article stays searchable');
  const stats = archiveStats(snapshot.archive, snapshot.problems.filter(isRejection).length, listing.skipped.length, origin);
  logger.info({ ...stats, ms: Math.round(performance.now() - started) }, 'archive ready');
  warnAboutListing(listing.skipped, stats, options, logger);
  return { ...snapshot, stats, cacheFiles };
}

/**
 * The snapshot after the corpus changed: only the added and changed files are read and only their
 * new or edited articles analysed (see `updateCorpusState`); a change to `_defaults.json` or to
 * most of the corpus loads it whole. Once it is swapped in, `cacheSnapshot` saves it for the next start.
 */
export async function reloadSnapshot(previous: Snapshot, options: EngineOptions, logger: Logger): Promise<Snapshot> {
  const started = performance.now();
  const listing = await walkCorpus(options.corpusDir);
  const changes = fileChanges(previous.files, listing.files);
  if (!changes.added.length && !changes.changed.length && !changes.removed.length) return previous;
  const updated = await updateCorpusState(previous, options.corpusDir, listing.files, changes);
  if (!updated) return loadSnapshot(options, logger, { serving: true }, previous.cacheFiles);
  const stats = archiveStats(updated.archive, updated.problems.filter(isRejection).length, listing.skipped.length, 'update');
  logger.info({ ...stats, ...changes, ms: Math.round(performance.now() - started) }, 'archive updated');
  warnAboutListing(listing.skipped, stats, options, logger);
  return { ...updated, stats, cacheFiles: previous.cacheFiles };
}

/** Saves an updated snapshot to the cache folder (when there is one), so the next start loads it. */
export async function cacheSnapshot(snapshot: Snapshot, options: EngineOptions, logger: Logger): Promise<void> {
  if (!options.cacheDir) return;
  try {
    await saveArchive(snapshot.archive, snapshot.problems, options.cacheDir, corpusCacheKey(snapshot.files));
  } catch (error) {
    logger.warn({ err: error, cacheDir: options.cacheDir }, 'index cache not written');
  }
}

/** The cache key of a corpus: its files (paths, sizes, modification times) and the cache layout. */
export function corpusCacheKey(files: CorpusFile[]): string {
  return createHash('sha256').update(`${CACHE_VERSION}:${corpusFingerprint(files)}`).digest('hex');
}

/** The log line of a corpus problem: a skipped file or record, or an article kept with a warning. */
function problemLogLine(problem: CorpusProblem): string {
  if (!isRejection(problem)) return 'corpus article loaded with a warning';
  return problem.line === undefined ? 'corpus file skipped' : 'corpus record skipped';
}

/** How many skipped files a log line names. */
const SKIPPED_SHOWN = 20;

/** Says which files were skipped for their type, and warns loudly when the archive holds no article at all. */
function warnAboutListing(skipped: string[], stats: ArchiveStats, options: EngineOptions, logger: Logger): void {
  if (skipped.length) {
    logger.warn({ count: skipped.length, files: skipped.slice(0, SKIPPED_SHOWN) }, 'corpus files skipped for their type: articles are read from .md, .json, .jsonl, .txt, .json.gz and .jsonl.gz files');
  }
  if (!stats.articles) logger.warn({ corpusDir: options.corpusDir, rejectedFiles: stats.rejectedFiles, skippedFiles: stats.skippedFiles }, 'THE ARCHIVE IS EMPTY: no article was loaded from the corpus folder');
}

function archiveStats(archive: Archive, rejectedFiles: number, skippedFiles: number, origin: ArchiveStats['origin']): ArchiveStats {
  const days = [...archive.articles.keys()].map(archive.dayOf).sort();
  return {
    articles: archive.articles.size,
    passages: archive.passages.length,
    sources: archive.sources.length,
    quotations: archive.quotationCount,
    firstDate: days[0] ?? null,
    lastDate: days.at(-1) ?? null,
    rejectedFiles,
    skippedFiles,
    loadedAt: new Date().toISOString(),
    origin,
  };
}

/** What a reload changed, by file (paths relative to the corpus folder). */
export interface ReloadReport {
  added: string[];
  changed: string[];
  removed: string[];
  /** Files (or records) rejected, with the reason. */
  rejected: CorpusProblem[];
  /** Articles loaded with something mended (a title made from the body, a bad link dropped), with the reason. */
  warnings: CorpusProblem[];
  stats: ArchiveStats;
}

/** Compares two loads by file; a file rejected whole counts as absent (it is reported under `rejected`). */
export function compareFiles(previous: Pick<Snapshot, 'files' | 'problems'>, next: Pick<Snapshot, 'files' | 'problems' | 'stats'>): ReloadReport {
  const loaded = ({ files, problems }: Pick<Snapshot, 'files' | 'problems'>) => {
    const rejectedWhole = new Set(problems.filter((p) => p.line === undefined && isRejection(p)).map((p) => p.file));
    return files.filter((f) => !rejectedWhole.has(f.path));
  };
  return {
    ...fileChanges(loaded(previous), loaded(next)),
    rejected: next.problems.filter(isRejection),
    warnings: next.problems.filter((p) => !isRejection(p)),
    stats: next.stats,
  };
}

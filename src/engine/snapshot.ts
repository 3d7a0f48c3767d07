import { createHash } from 'node:crypto';
import { type Archive, buildArchive, loadArchive, saveArchive } from './archive.js';
import { type CorpusFile, corpusFingerprint, loadCorpus } from './corpus/index.js';
import type { ArchiveStats, EngineOptions, Logger } from './engine.js';
import type { CorpusProblem } from './types.js';

/** Everything one load of the corpus produced: swapped in whole, so a query never sees half a reload. */
export interface Snapshot {
  archive: Archive;
  problems: CorpusProblem[];
  files: CorpusFile[];
  stats: ArchiveStats;
}

/** Loads the corpus, then loads the cached index for it or builds (and caches) a new one. */
export async function loadSnapshot(options: EngineOptions, logger: Logger): Promise<Snapshot> {
  const started = performance.now();
  const corpus = await loadCorpus(options.corpusDir);
  for (const problem of corpus.problems) logger.warn({ problem }, 'corpus file skipped');
  // What was accepted counts too: the same files can load differently when the loader's rules change.
  const fingerprint = createHash('sha256')
    .update(`${corpusFingerprint(corpus.files)}:${corpus.articles.length}:${corpus.problems.length}`)
    .digest('hex');
  let origin: ArchiveStats['origin'] = 'cache';
  let archive = options.cacheDir ? await loadArchive(options.cacheDir, fingerprint) : null;
  if (!archive) {
    origin = 'build';
    archive = buildArchive(corpus.articles);
    if (options.cacheDir) {
      try {
        await saveArchive(archive, options.cacheDir, fingerprint);
      } catch (error) {
        logger.warn({ err: error, cacheDir: options.cacheDir }, 'index cache not written');
      }
    }
  }
  for (const failed of archive.quotes.failures) logger.error({ article: failed.id, error: failed.error }, 'quotation extraction failed; the article stays searchable');
  const stats = archiveStats(archive, corpus.problems.length, origin);
  logger.info({ ...stats, ms: Math.round(performance.now() - started) }, 'archive ready');
  return { archive, problems: corpus.problems, files: corpus.files, stats };
}

function archiveStats(archive: Archive, rejectedFiles: number, origin: ArchiveStats['origin']): ArchiveStats {
  const days = [...archive.articles.keys()].map(archive.dayOf).sort();
  return {
    articles: archive.articles.size,
    passages: archive.passages.length,
    sources: archive.sources.length,
    quotations: archive.quotes.size,
    firstDate: days[0] ?? null,
    lastDate: days.at(-1) ?? null,
    rejectedFiles,
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
  stats: ArchiveStats;
}

/** Compares two loads by file; a file rejected whole counts as absent (it is reported under `rejected`). */
export function compareFiles(previous: Pick<Snapshot, 'files' | 'problems'>, next: Pick<Snapshot, 'files' | 'problems' | 'stats'>): ReloadReport {
  const loaded = ({ files, problems }: Pick<Snapshot, 'files' | 'problems'>) => {
    const rejectedWhole = new Set(problems.filter((p) => p.line === undefined).map((p) => p.file));
    return new Map(files.filter((f) => !rejectedWhole.has(f.path)).map((f) => [f.path, f]));
  };
  const old = loaded(previous);
  const now = loaded(next);
  const differs = (f: CorpusFile) => old.get(f.path)!.size !== f.size || old.get(f.path)!.mtimeMs !== f.mtimeMs;
  return {
    added: [...now.keys()].filter((p) => !old.has(p)),
    changed: [...now.values()].filter((f) => old.has(f.path) && differs(f)).map((f) => f.path),
    removed: [...old.keys()].filter((p) => !now.has(p)),
    rejected: next.problems,
    stats: next.stats,
  };
}

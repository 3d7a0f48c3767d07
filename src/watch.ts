import { type FSWatcher, watch } from 'node:fs';
import type { Engine, Logger } from './engine/index.js';

/** Quiet time after the last change before the archive is reloaded (a copy of many files is one reload). */
const SETTLE_MS = 2000;

/**
 * Reloads the archive when files under the corpus folder change; queries keep being answered
 * from the old index until the new one is swapped in. Returns a function that stops watching.
 */
export function watchCorpus(corpusDir: string, engine: Engine, logger: Logger, onReload?: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher;
  try {
    watcher = watch(corpusDir, { recursive: true }, (_event, file) => {
      if (file && /(^|\/)\./.test(file)) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        engine.reload().then(
          (report) => {
            logger.info({ added: report.added, changed: report.changed, removed: report.removed, rejected: report.rejected.length }, 'corpus changed: archive reloaded');
            onReload?.();
          },
          (error: unknown) => logger.error({ err: error }, 'corpus reload failed; the previous archive is still served'),
        );
      }, SETTLE_MS);
      timer.unref();
    });
  } catch (error) {
    logger.warn({ err: error, corpusDir }, 'cannot watch the corpus folder; use /archive reload after changes');
    return () => undefined;
  }
  watcher.on('error', (error) => logger.warn({ err: error }, 'corpus watcher stopped; use /archive reload after changes'));
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}

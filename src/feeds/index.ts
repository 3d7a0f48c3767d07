/** The feed reader's public surface, for the entry points and the commands. */
import type { Engine, Logger } from '../engine/index.js';
import { createFetcher } from './fetcher.js';
import type { FeedReport } from './ingest.js';
import { createFeedService, type FeedService } from './service.js';

export { FeedListError, FeedSpec, intervalMs, intervalText } from './feedList.js';
export { FetchError } from './http.js';
export type { FeedReport } from './ingest.js';
export type { FeedListing, FeedService } from './service.js';

/** What the running bot or console needs to follow feeds. */
export interface FeedPollerOptions {
  corpusDir: string;
  /** `FEEDS_ALLOW_PRIVATE`. */
  allowPrivate: boolean;
  engine: Engine;
  logger: Logger;
  /** True when the corpus watcher reloads the archive after files change; otherwise the poller reloads it. */
  watching: boolean;
  /** Told of each fetch (metrics). */
  onFetched?: (report: FeedReport) => void;
}

/** Starts polling the feeds of `<corpus>/feeds.yaml`; new articles reach the archive through the corpus folder. */
export function startFeedPoller(options: FeedPollerOptions): FeedService {
  const service = createFeedService({
    corpusDir: options.corpusDir,
    fetcher: createFetcher({ allowPrivate: options.allowPrivate }),
    logger: options.logger,
    onFetched(report) {
      options.onFetched?.(report);
      if (options.watching || report.added + report.updated === 0) return;
      options.engine.reload().catch((error: unknown) => options.logger.error({ err: error }, 'archive reload after a feed fetch failed'));
    },
  });
  service.start();
  return service;
}

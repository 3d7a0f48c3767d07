/**
 * The feed reader as the bot, the console and the CLI use it: the list of feeds (`feeds.yaml`), their status,
 * a one-off fetch, and a poller that fetches each feed when it is due.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../engine/index.js';
import type { Fetcher } from './fetcher.js';
import { checkUrl } from './http.js';
import { addFeed, FEEDS_FILE, FeedListError, type FeedSpec, intervalMs, readFeedList, removeFeed } from './feedList.js';
import { type FeedReport, fetchFeed, type IngestContext } from './ingest.js';
import { type FeedState, type FeedStatus, readState, writeState } from './state.js';

/** How often the poller looks for due feeds (and at `feeds.yaml`, read again when it changed). */
const TICK_MS = 1000;
/** Feeds fetched at the same time (each host still gets one request a second). */
const CONCURRENCY = 4;
/** Longest time a status change waits before the state file is written. */
const SAVE_DELAY_MS = 1000;

/** A followed feed and how it fares. */
export interface FeedListing {
  feed: FeedSpec;
  intervalMs: number;
  status: FeedStatus | null;
}

/** What the feed reader is built from. */
export interface FeedServiceOptions {
  corpusDir: string;
  fetcher: Fetcher;
  logger: Logger;
  /** Told of each fetch (metrics, reloading the archive when the corpus is not watched). */
  onFetched?(report: FeedReport): void;
  /** Told of each article written (the CLI's progress lines). */
  onArticle?: IngestContext['onArticle'];
}

/** The feed reader of one corpus folder. */
export interface FeedService {
  /** The followed feeds with their status; throws FeedListError when `feeds.yaml` is bad. */
  list(): FeedListing[];
  /** Follows a feed (written to `feeds.yaml`); it is fetched at the poller's next tick. Throws FeedListError, or FetchError for a private address. */
  add(feed: FeedSpec): void;
  /** Stops following a feed; its articles stay. False when it was not followed. */
  remove(url: string): boolean;
  /** Fetches every feed, or the one with `url` (followed or not: `ad` gives its source and language), once, now. */
  fetchNow(url?: string, ad?: Partial<Omit<FeedSpec, 'url'>>): Promise<FeedReport[]>;
  /** Starts polling: each feed when its interval (or backoff) is over. */
  start(): void;
  /** Stops polling and waits for fetches in flight. */
  stop(): Promise<void>;
}

/** Creates the feed reader; nothing is fetched until `start` or `fetchNow`. */
export function createFeedService(options: FeedServiceOptions): FeedService {
  const { corpusDir, logger } = options;
  const now = Date.now;
  const state: FeedState = readState(corpusDir, (message) => logger.warn({ corpusDir }, message));
  const running = new Map<string, Promise<FeedReport>>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let saveTimer: NodeJS.Timeout | undefined;
  let takenChanged = false;
  /** Writes the state now if it changed since the last write. */
  const flush = () => {
    if (saveTimer === undefined) return;
    clearTimeout(saveTimer);
    saveTimer = undefined;
    writeState(corpusDir, state, takenChanged);
    takenChanged = false;
  };
  // Status changes are written at most once a second: articles are files at paths fixed by their URL, so a crash
  // before the state is written only means their items are read again and the same files written again.
  const save = (taken: boolean) => {
    takenChanged ||= taken;
    saveTimer ??= setTimeout(flush, SAVE_DELAY_MS).unref();
  };
  const context: IngestContext = { corpusDir, fetcher: options.fetcher, state, save, logger, now, onArticle: options.onArticle };

  /** Fetches one feed unless it is being fetched already (then waits for that fetch). */
  const fetchOne = (feed: FeedSpec): Promise<FeedReport> => {
    const inFlight = running.get(feed.url);
    if (inFlight) return inFlight;
    const fetching = fetchFeed(feed, context)
      .then((report) => {
        options.onFetched?.(report);
        return report;
      })
      .finally(() => running.delete(feed.url));
    running.set(feed.url, fetching);
    return fetching;
  };

  let known: { version: string; feeds: FeedSpec[] } = { version: '', feeds: [] };
  /** The feeds in `feeds.yaml`, parsed again only when the file changed; none while it is bad (logged once per version). */
  const feedsOrWarn = (): FeedSpec[] => {
    const file = statSync(join(corpusDir, FEEDS_FILE), { throwIfNoEntry: false });
    const version = file ? `${file.mtimeMs}:${file.size}` : 'none';
    if (version === known.version) return known.feeds;
    try {
      known = { version, feeds: readFeedList(corpusDir) };
    } catch (error) {
      if (!(error instanceof FeedListError)) throw error;
      logger.error({ file: join(corpusDir, FEEDS_FILE) }, `${error.message}; no feed is fetched until it is fixed`);
      known = { version, feeds: [] };
    }
    return known.feeds;
  };

  const tick = () => {
    // A feed never fetched has no nextFetch (NaN): it is due.
    const isDue = (feed: FeedSpec) => !running.has(feed.url) && !(Date.parse(state.feeds[feed.url]?.nextFetch ?? '') > now());
    const due = feedsOrWarn().filter(isDue);
    for (const feed of due.slice(0, Math.max(0, CONCURRENCY - running.size))) void fetchOne(feed);
    if (!stopped) timer = setTimeout(tick, TICK_MS).unref();
  };

  return {
    list: () => readFeedList(corpusDir).map((feed) => ({ feed, intervalMs: intervalMs(feed), status: state.feeds[feed.url] ?? null })),
    add(feed) {
      // A private address typed as such is refused now; names are checked when they are resolved, at each fetch.
      checkUrl(feed.url, options.fetcher.limits.allowPrivate);
      addFeed(corpusDir, feed);
    },
    remove: (url) => removeFeed(corpusDir, url),
    async fetchNow(url, ad) {
      const feeds = readFeedList(corpusDir);
      const listed = url ? feeds.filter((f) => f.url === url) : feeds;
      const chosen = url && !listed.length ? [{ url, source: ad?.source ?? new URL(url).hostname, ...ad }] : listed;
      const reports: FeedReport[] = [];
      for (const feed of chosen) reports.push(await fetchOne(feed));
      flush();
      return reports;
    },
    start() {
      if (!stopped) return;
      stopped = false;
      logger.info({ feeds: feedsOrWarn().length, file: join(corpusDir, FEEDS_FILE) }, 'feed poller started');
      tick();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.allSettled([...running.values()]);
      flush();
    },
  };
}

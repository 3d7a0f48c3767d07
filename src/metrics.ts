import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ArchiveStats } from './engine/index.js';
import type { FeedReport } from './feeds/index.js';

/** What the bot counts (Prometheus text format on `/metrics`). */
export interface Metrics {
  registry: Registry;
  /** Records one command served: its name, its outcome (`ok`, `error`, `rate-limited`, `busy`) and how long it took. */
  commandServed(command: string, outcome: string, seconds: number): void;
  /** Publishes the archive's size and the number of rejected corpus files. */
  archiveLoaded(stats: ArchiveStats): void;
  /** Records one fetch of a feed: its outcome, the articles it added or replaced, and when it last succeeded. */
  feedFetched(report: FeedReport): void;
}

/** Creates the registry with process metrics and the bot's own. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const commands = new Counter({ name: 'bot_commands_total', help: 'Commands served, by command and outcome', labelNames: ['command', 'outcome'], registers: [registry] });
  const latency = new Histogram({
    name: 'bot_command_seconds',
    help: 'Time from receiving a command to its answer',
    labelNames: ['command'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const archive = new Gauge({ name: 'archive_size', help: 'Archive contents by kind', labelNames: ['kind'], registers: [registry] });
  const rejected = new Gauge({ name: 'corpus_rejected_files', help: 'Corpus files or records rejected at the last load', registers: [registry] });
  const feedFetches = new Counter({ name: 'feed_fetches_total', help: 'Feed fetches, by feed and outcome (ok, not-modified, error)', labelNames: ['feed', 'outcome'], registers: [registry] });
  const feedArticles = new Counter({ name: 'feed_articles_total', help: 'Articles written from feeds, by feed and kind (added, updated, partial)', labelNames: ['feed', 'kind'], registers: [registry] });
  const feedSuccess = new Gauge({ name: 'feed_last_success_timestamp_seconds', help: 'When each feed was last fetched without error (Unix time)', labelNames: ['feed'], registers: [registry] });
  return {
    registry,
    feedFetched(report) {
      feedFetches.inc({ feed: report.url, outcome: report.outcome });
      for (const kind of ['added', 'updated', 'partial'] as const) if (report[kind]) feedArticles.inc({ feed: report.url, kind }, report[kind]);
      if (report.outcome !== 'error') feedSuccess.set({ feed: report.url }, Date.now() / 1000);
    },
    commandServed(command, outcome, seconds) {
      commands.inc({ command, outcome });
      latency.observe({ command }, seconds);
    },
    archiveLoaded(stats) {
      for (const kind of ['articles', 'passages', 'sources', 'quotations'] as const) archive.set({ kind }, stats[kind]);
      rejected.set(stats.rejectedFiles);
    },
  };
}

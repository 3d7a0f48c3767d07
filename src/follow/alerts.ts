/**
 * Posts new articles to the channels that follow a query: each new article whose passages match is posted once (a
 * story several outlets carry, once), at most `perHour` messages an hour per follow, the rest gathered into one digest.
 */
import type { AskResult, Engine, Logger } from '../engine/index.js';
import type { Follow, FollowStore } from './store.js';

/** Messages one follow posts an hour before the rest wait for a digest. */
const ALERTS_PER_HOUR = 5;
const HOUR_MS = 60 * 60 * 1000;
/** Matches looked at per follow and batch of new articles. */
const MATCH_LIMIT = 100;

/** What the alerts are built from; `deliver` posts one message (a digest when `digest` is true). */
export interface AlertOptions {
  engine: Engine;
  store: FollowStore;
  logger: Logger;
  deliver(follow: Follow, results: AskResult[], digest: boolean): Promise<void>;
  perHour?: number;
  now?: () => number;
}

/** The alert queue: articles are given as soon as they are written, and matched once the archive holds them. */
export interface Alerts {
  /** New article ids (from the feed reader). */
  enqueue(ids: readonly string[]): void;
  /** Matches the queued articles the archive holds now and posts what is due (the poller calls it every few seconds). */
  check(): Promise<void>;
}

/**
 * The query as `/ask` takes it with every word required: each word quoted (a quoted phrase must appear as typed), unless
 * the member quoted phrases already. An alert is a message nobody asked for: it must match all the words, not some.
 */
function strictQuery(query: string): string {
  return query.includes('"') ? query : query.split(/\s+/).filter(Boolean).map((word) => `"${word}"`).join(' ');
}

/** One key per story: the earliest of the articles carrying the passage. */
const storyKey = (result: AskResult): string => [result.article.id, ...result.alsoIn.map((a) => a.id)].sort()[0]!;

/** Creates the alert queue. */
export function createAlerts(options: AlertOptions): Alerts {
  const now = options.now ?? Date.now;
  const perHour = options.perHour ?? ALERTS_PER_HOUR;
  const pending = new Set<string>();
  const posted = new Map<string, number[]>();
  const held = new Map<string, AskResult[]>();
  const seen = new Set<string>();

  /** Posts within the last hour, pruned. */
  const recent = (follow: Follow) => {
    const times = (posted.get(follow.id) ?? []).filter((t) => t > now() - HOUR_MS);
    posted.set(follow.id, times);
    return times;
  };
  const send = async (follow: Follow, results: AskResult[], digest: boolean) => {
    recent(follow).push(now());
    try {
      await options.deliver(follow, results, digest);
    } catch (error) {
      // Kept for the digest: tried again when the follow's hour allows (each try counts against it).
      held.set(follow.id, [...results, ...(held.get(follow.id) ?? [])]);
      options.logger.warn({ err: error, follow: follow.id, channel: follow.channelId }, 'alert not delivered; kept for a digest');
    }
  };

  /** The best passage of each new article that has every word of the follow's query, one per story. */
  const matches = (follow: Follow, ready: ReadonlySet<string>): AskResult[] => {
    const answer = options.engine.ask({ question: strictQuery(follow.query), ...(follow.source ? { source: follow.source } : {}), limit: MATCH_LIMIT });
    // Relaxed: some word is in no passage at all, so no passage has them all.
    if (!answer.ok || answer.relaxedPhrases?.length) return [];
    return answer.results.filter((r) => {
      if (!ready.has(r.article.id) || (follow.lang && options.engine.article(r.article.id)?.lang !== follow.lang)) return false;
      const key = `${follow.id}:${storyKey(r)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };

  return {
    enqueue(ids) {
      for (const id of ids) pending.add(id);
    },
    async check() {
      const ready = new Set([...pending].filter((id) => options.engine.article(id)));
      for (const id of ready) pending.delete(id);
      for (const follow of options.store.all()) {
        const found = ready.size ? matches(follow, ready) : [];
        for (const result of found) {
          if (recent(follow).length < perHour) await send(follow, [result], false);
          else held.set(follow.id, [...(held.get(follow.id) ?? []), result]);
        }
        const waiting = held.get(follow.id);
        if (waiting?.length && recent(follow).length < perHour) {
          held.delete(follow.id);
          await send(follow, waiting, true);
        }
      }
    },
  };
}

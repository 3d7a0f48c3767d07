/** Alerts as the bot runs them: the follows of the corpus, matched against the feed reader's new articles. */
import type { RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import { alertMessage, digestMessage } from '../discord/followReplies.js';
import type { Engine, Logger } from '../engine/index.js';
import { type Alerts, createAlerts } from './alerts.js';
import { type FollowStore, openFollowStore } from './store.js';

/** How often queued articles are matched (and held digests posted). */
const CHECK_MS = 2000;

/** The running alerts: the store the `/follow` command edits, the queue the feed reader fills, and a stop. */
export interface RunningAlerts {
  store: FollowStore;
  alerts: Alerts;
  stop(): void;
}

/** Opens the follows of `corpusDir` and matches queued articles every two seconds, posting through `post`. */
export function startAlerts(options: { corpusDir: string; engine: Engine; logger: Logger; post(channelId: string, body: RESTPostAPIChannelMessageJSONBody): Promise<unknown> }): RunningAlerts {
  const store = openFollowStore(options.corpusDir, (message) => options.logger.warn({}, message));
  const alerts = createAlerts({
    engine: options.engine,
    store,
    logger: options.logger,
    async deliver(follow, results, digest) {
      const fields = { follow: follow.id, channel: follow.channelId, articles: results.map((r) => r.article.id), digest };
      try {
        await options.post(follow.channelId, digest ? digestMessage(follow, results) : alertMessage(follow, results[0]!));
      } catch (error) {
        // Discord refused (no access to the channel, channel deleted): trying again would be refused again.
        const status = (error as { status?: unknown }).status;
        if (typeof status !== 'number' || status < 400 || status >= 500 || status === 429) throw error;
        return options.logger.warn({ ...fields, status, err: error }, 'alert refused by Discord; check the bot can post in the channel');
      }
      options.logger.info(fields, 'alert posted');
    },
  });
  let checking = false;
  const timer = setInterval(() => {
    if (checking) return;
    checking = true;
    alerts
      .check()
      .catch((error: unknown) => options.logger.error({ err: error }, 'alert check failed'))
      .finally(() => (checking = false));
  }, CHECK_MS).unref();
  return { store, alerts, stop: () => clearInterval(timer) };
}

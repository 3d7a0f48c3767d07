import { Client, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import type { Engine, Logger } from '../engine/index.js';
import type { FeedService } from '../feeds/index.js';
import type { FollowStore } from '../follow/store.js';
import type { BotCommand } from './command.js';
import { PageSessions } from './paging.js';
import { noticeReply } from './replies.js';
import { createRouter } from './router.js';

/** What the Discord front end is built from. */
export interface BotOptions {
  engine: Engine;
  commands: ReadonlyMap<string, BotCommand>;
  logger: Logger & { child(fields: object): Logger };
  /** REST base URL (`DISCORD_API_URL`); the gateway URL comes from its `GET /gateway/bot`. */
  apiUrl?: string;
  ratePerMinute: number;
  maxConcurrent: number;
  /** Told of every command served (for metrics). */
  onServed?: (command: string, outcome: string, seconds: number) => void;
  /** The feed reader, for `/archive feeds …`. */
  feeds?: FeedService;
  /** The channels' follows, for `/follow …`. */
  follows?: FollowStore;
}

/** A running bot: its discord.js client, and a shutdown that lets replies in flight finish. */
export interface Bot {
  client: Client;
  login(token: string): Promise<void>;
  shutdown(graceMs?: number): Promise<void>;
}

/**
 * discord.js holds every request except initial callbacks to 50 a second, Discord's global limit. Interaction
 * webhooks (edits of the reply, follow-ups), nearly all this bot sends, are exempt from that limit
 * (https://discord.com/developers/docs/topics/rate-limits#global-rate-limit), and at 50 a second they became the
 * bottleneck under load (bench:discord). Discord's own 429 answers still govern every route.
 */
const INTERACTION_REQUESTS_PER_SECOND = 500;

/** Creates the discord.js client (no privileged intents) wired to the command router. */
export function createBot(options: BotOptions): Bot {
  const rest = { globalRequestsPerSecond: INTERACTION_REQUESTS_PER_SECOND, ...(options.apiUrl ? { api: options.apiUrl } : {}) };
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest });
  const pages = new PageSessions<unknown>();
  const route = createRouter({ ...options, pages });
  const inFlight = new Set<Promise<void>>();
  let accepting = true;
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    const handling = (accepting ? route(interaction) : turnAway(interaction, options.logger)).finally(() => inFlight.delete(handling));
    inFlight.add(handling);
  });
  client.once(Events.ClientReady, (ready) => options.logger.info({ user: ready.user.tag, commands: [...options.commands.keys()] }, 'connected to Discord'));
  client.on(Events.ShardDisconnect, (event) => options.logger.warn({ code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardResume, () => options.logger.info({}, 'gateway resumed'));
  client.on(Events.Error, (error) => options.logger.error({ err: error }, 'discord client error'));
  return {
    client,
    async login(token) {
      await client.login(token);
    },
    async shutdown(graceMs = 10_000) {
      accepting = false;
      const grace = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
      let graceOver = false;
      void grace.then(() => (graceOver = true));
      // Interactions that arrive meanwhile are turned away politely; wait for those too.
      while (inFlight.size > 0 && !graceOver) await Promise.race([Promise.allSettled([...inFlight]), grace]);
      if (inFlight.size > 0) options.logger.warn({ pending: inFlight.size }, 'shutdown grace over with replies still in flight');
      pages.clear();
      await client.destroy();
    },
  };
}

/** During shutdown: tells the user to try again instead of leaving the interaction unanswered. */
async function turnAway(interaction: Interaction, logger: Logger): Promise<void> {
  if (!interaction.isRepliable()) return;
  await interaction
    .reply(noticeReply('The bot is restarting. Please try again in a moment.'))
    .catch((error: unknown) => logger.warn({ err: error, interaction: interaction.id }, 'shutdown notice not delivered'));
}

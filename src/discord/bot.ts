import { Client, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import type { Engine, Logger } from '../engine/index.js';
import type { BotCommand } from './command.js';
import { PageSessions } from './paging.js';
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
}

/** A running bot: its discord.js client, and a shutdown that lets replies in flight finish. */
export interface Bot {
  client: Client;
  login(token: string): Promise<void>;
  shutdown(graceMs?: number): Promise<void>;
}

/** Creates the discord.js client (no privileged intents) wired to the command router. */
export function createBot(options: BotOptions): Bot {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], ...(options.apiUrl ? { rest: { api: options.apiUrl } } : {}) });
  const pages = new PageSessions<unknown>();
  const route = createRouter({ ...options, pages });
  const inFlight = new Set<Promise<void>>();
  let accepting = true;
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (!accepting) return;
    const handling = route(interaction).finally(() => inFlight.delete(handling));
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
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      pages.clear();
      await client.destroy();
    },
  };
}

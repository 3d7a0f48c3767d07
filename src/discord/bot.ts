import { Client, Events, GatewayIntentBits, Routes, Status, type Interaction } from 'discord.js';
import type { ArchiveCatalog, Logger } from '../engine/index.js';
import type { ArchiveService } from '../engine/summary/service.js';
import type { FeedService } from '../feeds/index.js';
import type { FollowStore } from '../follow/store.js';
import type { BotCommand } from './command.js';
import type { Limits } from './limiter.js';
import { ALREADY_AUTHENTICATED, GatewayClosed } from './login.js';
import { PAGE_LIFETIME_MS, PageSessions, type SharedPages } from './paging.js';
import { noticeReply } from './replies.js';
import { createRouter } from './router.js';

/** What the Discord front end is built from. */
export interface BotOptions {
  /** The archive's figures, sources and titles (`/about`, `/archive`, autocomplete). */
  catalog: ArchiveCatalog;
  /** Where `/ask`, `/summary` and the quotation commands read the archive. */
  search: ArchiveService;
  commands: ReadonlyMap<string, BotCommand>;
  logger: Logger & { child(fields: object): Logger };
  /** REST base URL (`DISCORD_API_URL`); the gateway URL comes from its `GET /gateway/bot`. */
  apiUrl?: string;
  ratePerMinute: number;
  maxConcurrent: number;
  /** Where paged answers are shared with the other processes of a sharded bot (PostgreSQL); default: this process only. */
  sharedPages?: SharedPages;
  /** Where the rate limit and the concurrency cap are kept (shared through PostgreSQL by several processes); default: in this process. */
  limits?: Limits;
  /** Told of every command served (for metrics). */
  onServed?: (command: string, outcome: string, seconds: number) => void;
  /** The feed reader, for `/archive feeds …`. */
  feeds?: FeedService;
  /** The channels' follows, for `/follow …`. */
  follows?: FollowStore;
  /** The gateway shards this process runs (`shardOptions` of SHARD_COUNT and SHARD_IDS); absent: one unsharded connection. */
  shards?: { shards?: number[] | 'auto'; shardCount?: number };
}

/** A running bot: its connection state, login attempts, and a shutdown that lets replies in flight finish. */
export interface Bot {
  /** The gateway connection is up. */
  connected(): boolean;
  /**
   * One login attempt (see `LoginRetry`): resolves once connected; `retrying` hears of the gateway closing before the
   * session is ready (the client reconnects on its own). A failed attempt's client is discarded, the next gets a new one.
   */
  login(token: string, retrying: (error: unknown) => void): Promise<void>;
  /** Posts a message in a channel (follow alerts) through the current client's REST. */
  postMessage(channelId: string, body: unknown): Promise<unknown>;
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
  const pages = new PageSessions<unknown>(PAGE_LIFETIME_MS, options.sharedPages);
  const route = createRouter({ ...options, pages });
  const inFlight = new Set<Promise<void>>();
  let accepting = true;
  const newClient = () => {
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest, ...options.shards });
    client.on(Events.InteractionCreate, (interaction: Interaction) => {
      const handling = (accepting ? route(interaction) : turnAway(interaction, options.logger)).finally(() => inFlight.delete(handling));
      inFlight.add(handling);
    });
    client.once(Events.ClientReady, (ready) => {
      const shards = { shards: ready.ws.shards.map((shard) => shard.id), shardCount: ready.options.shardCount };
      options.logger.info({ user: ready.user.tag, commands: [...options.commands.keys()], ...shards }, 'connected to Discord');
    });
    client.on(Events.ShardDisconnect, (event, shard) => options.logger.warn({ code: event.code, shard }, 'gateway disconnected'));
    client.on(Events.ShardResume, (shard) => options.logger.info({ shard }, 'gateway resumed'));
    client.on(Events.Error, (error) => options.logger.error({ err: error }, 'discord client error'));
    return client;
  };
  let client = newClient();
  let discarded = false;
  return {
    connected: () => client.ws.status === Status.Ready,
    async login(token, retrying) {
      if (discarded) client = newClient();
      discarded = false;
      // Before the session is ready, a reconnection is a failed gateway connection and a disconnect a final close code.
      let finalClose: number | undefined;
      // discord.js re-identifies for ever a shard Discord says another connection holds (4005): that close ends the login.
      // A shard's first close is only known by the reconnection that follows it; its next ones are heard with their code.
      let taken = (_closed: GatewayClosed) => {};
      const shardTaken = new Promise<never>((_, reject) => (taken = reject));
      const closeListeners = new Map<number, (event: { code: number }) => void>();
      const onReconnecting = (shardId: number) => {
        const shard = client.ws.shards.get(shardId);
        if (shard && !closeListeners.has(shardId)) {
          const onClose = ({ code }: { code: number }) => {
            if (code === ALREADY_AUTHENTICATED) taken(new GatewayClosed(code, [shardId, client.options.shardCount ?? 1]));
          };
          closeListeners.set(shardId, onClose);
          shard.on('close', onClose);
        }
        retrying(new GatewayClosed());
      };
      const onDisconnect = (event: { code: number }) => (finalClose = event.code);
      client.on(Events.ShardReconnecting, onReconnecting).on(Events.ShardDisconnect, onDisconnect);
      try {
        await Promise.race([client.login(token), shardTaken]);
      } catch (error) {
        if (error instanceof GatewayClosed) await client.destroy();
        discarded = true; // discord.js destroyed it, or this login did
        throw finalClose === undefined || error instanceof GatewayClosed ? error : new GatewayClosed(finalClose);
      } finally {
        client.off(Events.ShardReconnecting, onReconnecting).off(Events.ShardDisconnect, onDisconnect);
        for (const [shardId, onClose] of closeListeners) client.ws.shards.get(shardId)?.off('close', onClose);
      }
    },
    postMessage: (channelId, body) => client.rest.post(Routes.channelMessages(channelId), { body }),
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

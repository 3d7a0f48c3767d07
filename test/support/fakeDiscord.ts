import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { ApplicationFlags, MessageFlags, type APIApplicationCommand, type APIMessage, type APIUser } from 'discord-api-types/v10';
import { checkRequest, type BodyViolation } from './bodyViolations.js';
import { CommandRegistry } from './commands.js';
import { FakeGateway, type ReadyKind } from './gateway.js';
import {
  autocompletePayload,
  buttonPayload,
  messageCommandPayload,
  slashCommandPayload,
  type AutocompleteRequest,
  type BuildContext,
  type ButtonPress,
  type FakeInteraction,
  type MessageCommand,
  type SlashCommand,
} from './interactions.js';
import { guildCreatePayload } from './guilds.js';
import { makeUser } from './messages.js';
import { InteractionResponses } from './responses.js';
import { BODY_ROUTES, restHandler, type RecordedRequest } from './rest.js';
import { specValidator } from './specValidator.js';
import { Waiters, type WaitOptions } from './waiters.js';

export type { RecordedRequest } from './rest.js';
export type { BodyViolation } from './bodyViolations.js';
export { describeViolation } from './bodyViolations.js';
export { shardForGuild, type ReadyKind, type ShardPair } from './gateway.js';
export type { WaitOptions } from './waiters.js';
export type { AutocompleteRequest, ButtonPress, FakeInteraction, Invoker, MessageCommand, SlashCommand } from './interactions.js';
export { toOptions, type OptionValues } from './options.js';

const BADGE = ApplicationFlags.ApplicationCommandBadge;

/** Settings of the fake; the timings default to Discord's own. */
export interface FakeDiscordOptions {
  /** Heartbeat interval sent in HELLO, in ms. Default 41250. */
  heartbeatInterval?: number;
  /** How long after dispatch the initial callback is still accepted (later: 404 Unknown interaction), in ms. Default 3000. */
  callbackDeadlineMs?: number;
  /** How long an interaction token works for webhook calls (later: 401 Invalid Webhook Token), in ms. Default 15 min. */
  tokenLifetimeMs?: number;
  /** The application id, also the bot user's id. Default 100000000000000001. */
  applicationId?: string;
  /** `shards` in `GET /gateway/bot`, what Discord recommends (discord.js's `shards: 'auto'` uses it). Default 1. */
  recommendedShards?: number;
  /** `session_start_limit.max_concurrency`: shards that may identify together every 5 s. Default 1, Discord's for small bots. */
  maxConcurrency?: number;
}

/** An interaction the fake pushed over the gateway. */
export interface SentInteraction {
  id: string;
  token: string;
  /** When it was dispatched, in ms since the fake started (the clock of `RecordedRequest.time`). */
  time: number;
  /** The shard it was dispatched to: the one owning its guild, `(guild_id >> 22) % num_shards` (0 for DMs). */
  shard: number;
  payload: FakeInteraction;
}

/** The answer a user sees for an interaction. */
export interface Reply {
  /** The original response as it stands: a type-4/7 callback's message, or the edit (or first follow-up) after a deferral. */
  message: APIMessage;
  /** Whether only the invoking user sees it (`flags & 64`). */
  ephemeral: boolean;
  /** ms from dispatching the interaction to the answer becoming visible. */
  elapsed: number;
}

/** A local Discord (REST under `/api/v10`, gateway at `/gateway`) that a real discord.js Client logs into. */
export class FakeDiscord {
  /** For `new Client({ rest: { api: fake.apiUrl } })` and `DISCORD_API_URL`. */
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly applicationId: string;
  readonly botUser: APIUser;
  /** Every REST call, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  /** How the calls not yet taken by `takeViolations` break Discord's spec or documented rules. */
  private readonly violations: BodyViolation[] = [];
  private readonly startedAt = performance.now();
  private readonly waiters = new Waiters();
  private readonly commands: CommandRegistry;
  /** Messages the bot posted in channels (follow alerts), in order. */
  readonly channelMessages: APIMessage[] = [];
  private readonly responses: InteractionResponses;
  private readonly gateway: FakeGateway;
  private readonly build: BuildContext;

  /** Use `startFakeDiscord()`; this wires the handlers to a server already listening on `port`. */
  constructor(private readonly server: Server, port: number, options: FakeDiscordOptions) {
    this.apiUrl = `http://127.0.0.1:${port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}/gateway`;
    this.applicationId = options.applicationId ?? '100000000000000001';
    this.botUser = makeUser({ id: this.applicationId, username: 'Archive Bot', bot: true });
    this.commands = new CommandRegistry(this.applicationId);
    this.build = { applicationId: this.applicationId, findCommand: (name, guildId) => this.commands.find(name, guildId) };
    this.responses = new InteractionResponses({
      applicationId: this.applicationId,
      botUser: this.botUser,
      callbackDeadlineMs: options.callbackDeadlineMs ?? 3000,
      tokenLifetimeMs: options.tokenLifetimeMs ?? 15 * 60_000,
    });
    this.gateway = new FakeGateway({
      url: this.gatewayUrl,
      heartbeatInterval: options.heartbeatInterval ?? 41_250,
      readyData: () => ({ v: 10, user: this.botUser, guilds: [], application: { id: this.applicationId, flags: BADGE, flags_new: String(BADGE) } }),
      onChange: () => this.waiters.notify(),
    });
    const record = (request: RecordedRequest) => {
      this.requests.push(request);
      this.violations.push(...checkRequest(request));
      this.waiters.notify();
    };
    const sessionStart = { shards: options.recommendedShards ?? 1, maxConcurrency: options.maxConcurrency ?? 1 };
    const backend = { applicationId: this.applicationId, botUser: this.botUser, gatewayUrl: this.gatewayUrl, responses: this.responses, commands: this.commands, channelMessages: this.channelMessages, ...sessionStart };
    server.on('request', restHandler(backend, record, this.startedAt));
    server.on('upgrade', (req, socket, head: Buffer) => {
      if (new URL(req.url ?? '/', 'ws://fake').pathname === '/gateway') this.gateway.handleUpgrade(req, socket, head);
      else socket.destroy();
    });
  }

  /** Pushes a `/name` command; `options` as `{ question: 'x' }` (typed by the registered command) or raw. */
  sendSlashCommand(spec: SlashCommand): SentInteraction {
    return this.push(slashCommandPayload(this.build, spec));
  }

  /** Pushes an autocomplete request for the option named by `focused`. */
  sendAutocomplete(spec: AutocompleteRequest): SentInteraction {
    return this.push(autocompletePayload(this.build, spec));
  }

  /** Pushes a click on the button `customId` of `message` (e.g. one from `messagesFor`). */
  sendButton(spec: ButtonPress): SentInteraction {
    return this.push(buttonPayload(this.build, spec));
  }

  /** Pushes a message context-menu command on `targetMessage`. */
  sendMessageCommand(spec: MessageCommand): SentInteraction {
    return this.push(messageCommandPayload(this.build, spec));
  }

  /** The bot joins a server: its shard gets GUILD_CREATE now and after every IDENTIFY. Returns that shard's id. */
  addGuild(guildId: string, name = 'Test server'): number {
    return this.gateway.addGuild(guildCreatePayload(guildId, name, this.botUser));
  }

  /** The commands registered by bulk overwrite: the guild's, or the global ones. */
  registeredCommands(guildId?: string): APIApplicationCommand[] {
    return this.commands.list(guildId);
  }

  /** How the REST calls since the last take break Discord's OpenAPI spec or documented limits (`bodyViolations.ts`). */
  takeViolations(): BodyViolation[] {
    return this.violations.splice(0);
  }

  /** Every `POST /interactions/{id}/{token}/callback` for the interaction, accepted or not. */
  callbacksFor(interactionId: string): RecordedRequest[] {
    return this.requests.filter((r) => r.interactionId === interactionId && r.path.endsWith('/callback'));
  }

  /** The messages the interaction produced that users can see: the original response (once answered), then follow-ups. */
  messagesFor(interactionId: string): APIMessage[] {
    const state = this.responses.get(interactionId);
    if (!state) return [];
    const original = state.answeredAt !== undefined && state.original ? [state.original] : [];
    return [...original, ...state.followUps];
  }

  /** Resolves with the first callback request for the interaction, whatever its status (a late one has 404). */
  waitForCallback(interactionId: string, options?: WaitOptions): Promise<RecordedRequest> {
    return this.waiters.waitFor(`a callback for interaction ${interactionId}`, options, () => this.callbacksFor(interactionId)[0]);
  }

  /** Resolves once the interaction has a visible answer (see `Reply`). */
  waitForReply(interactionId: string, options?: WaitOptions): Promise<Reply> {
    return this.waiters.waitFor(`a reply to interaction ${interactionId}`, options, () => {
      const state = this.responses.get(interactionId);
      if (state?.answeredAt === undefined || !state.original) return undefined;
      const ephemeral = Boolean((state.original.flags ?? 0) & MessageFlags.Ephemeral);
      return { message: state.original, ephemeral, elapsed: state.answeredAt - state.sentAt };
    });
  }

  /** Resolves when a client is connected and has identified or resumed, telling which. */
  waitForReady(options?: WaitOptions): Promise<ReadyKind> {
    return this.waiters.waitFor('a client to identify or resume', options, () => this.gateway.ready());
  }

  /** Resolves once live sessions hold exactly the shards `ids` (in any order), e.g. every shard of a sharded bot. */
  waitForShards(ids: readonly number[], options?: WaitOptions): Promise<number[]> {
    const wanted = [...ids].sort((a, b) => a - b).join();
    return this.waiters.waitFor(`live sessions for shards [${wanted}]`, options, () => {
      const live = this.gateway.liveShards();
      return live.join() === wanted ? live : undefined;
    });
  }

  /** Closes the gateway connections with a resumable code (4000 by default); clients should RESUME. */
  disconnectGateway(code = 4000): void {
    this.gateway.disconnect(code);
  }

  /** Closes every socket and the server; pending waits reject. */
  async stop(): Promise<void> {
    this.waiters.failAll(new Error('fake Discord stopped'));
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private push(payload: FakeInteraction): SentInteraction {
    const time = performance.now() - this.startedAt;
    this.responses.add(payload);
    const shard = this.gateway.dispatchInteraction(payload);
    return { id: payload.id, token: payload.token, time, shard, payload };
  }
}

/** Starts a fake Discord on 127.0.0.1 at a random port. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  // The body validators are compiled now, so that no request waits for them.
  for (const [method, template] of BODY_ROUTES) specValidator().compile(method, template);
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return new FakeDiscord(server, (server.address() as AddressInfo).port, options);
}

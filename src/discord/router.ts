import { randomUUID } from 'node:crypto';
import { DiscordAPIError, type Interaction } from 'discord.js';
import type { ArchiveCatalog, Logger } from '../engine/index.js';
import { ArchiveUnavailableError } from '../engine/search/backend.js';
import type { ArchiveService } from '../engine/summary/service.js';
import type { FeedService } from '../feeds/index.js';
import type { FollowStore } from '../follow/store.js';
import { BusyError, type BotCommand, type CommandContext } from './command.js';
import { localLimits, type Limits } from './limiter.js';
import type { PageSessions } from './paging.js';
import { noticeReply, sendError } from './replies.js';

/** What the interaction router needs. */
export interface RouterOptions {
  commands: ReadonlyMap<string, BotCommand>;
  /** The archive's figures, sources and titles, handed to commands. */
  catalog: ArchiveCatalog;
  /** Where `/ask`, `/summary` and the quotation commands read the archive, handed to commands. */
  search: ArchiveService;
  logger: Logger & { child(fields: object): Logger };
  pages: PageSessions<unknown>;
  /** The feed reader, handed to commands. */
  feeds?: FeedService;
  /** The channels' follows, handed to commands. */
  follows?: FollowStore;
  /** Commands per user per minute. */
  ratePerMinute: number;
  /** Commands answered at once. */
  maxConcurrent: number;
  /** Where the two limits are kept; default: this process's memory (`localLimits`). */
  limits?: Limits;
  /** Told of every command served (for metrics): its name, outcome and seconds taken. */
  onServed?: (command: string, outcome: string, seconds: number) => void;
}

/** Discord's codes for an interaction that takes no more responses: 10062 Unknown interaction, 40060 already acknowledged. */
const GONE = new Set([10062, 40060]);

/** How long a command that has not acknowledged waits for a free slot before the user is told the bot is busy (acknowledging stays under 3 s). */
const SLOT_WAIT_MS = 1500;
/** How long an acknowledged command (`acknowledgesFirst`, the user sees "thinking…") waits for a slot. */
const QUEUE_WAIT_MS = 30_000;
const BUSY = noticeReply('The bot is busy right now. Please try again in a few seconds.');
/** The archive's database cannot be reached (down or restarting). */
const UNAVAILABLE = noticeReply('The archive is unavailable right now. Please try again in a few seconds.');

/** Builds the `interactionCreate` handler: routing, rate limit, concurrency cap, one try/catch for all commands. */
export function createRouter(options: RouterOptions): (interaction: Interaction) => Promise<void> {
  const { rate: limiter, slots: cap } = options.limits ?? localLimits(options.ratePerMinute, options.maxConcurrent);
  const yieldToEvents = turnTaker();
  return async (interaction) => {
    const name = interaction.isButton() ? interaction.customId.split(':')[0]! : 'commandName' in interaction ? interaction.commandName : '';
    const command = options.commands.get(name);
    const logger = options.logger.child({ requestId: randomUUID(), interaction: interaction.id, user: interaction.user.id, command: name });
    const held: { release: (() => void) | null } = { release: null };
    const takeSlot = async (waitMs: number) => (held.release ??= await cap.acquire(waitMs)) !== null;
    const slot = async () => {
      if (!(await takeSlot(QUEUE_WAIT_MS))) throw new BusyError();
      await yieldToEvents();
    };
    const ctx: CommandContext = { catalog: options.catalog, search: options.search, logger, pages: options.pages, slot, ...(options.feeds ? { feeds: options.feeds } : {}), ...(options.follows ? { follows: options.follows } : {}) };
    if (!command) {
      logger.warn({ type: interaction.type }, 'interaction for an unknown command');
      if (interaction.isRepliable()) await interaction.reply(noticeReply('This command is not available any more.')).catch((e: unknown) => logger.warn({ err: e }, 'notice not delivered'));
      return;
    }
    const started = performance.now();
    const served = (outcome: string) => options.onServed?.(name, outcome, (performance.now() - started) / 1000);
    try {
      if (interaction.isAutocomplete()) {
        await command.autocomplete?.(interaction, ctx);
        return;
      }
      if (!interaction.isRepliable()) return;
      const wait = await limiter.take(interaction.user.id);
      if (wait > 0) {
        await interaction.reply(noticeReply(`Slow down: you can run another command in ${Math.ceil(wait / 1000)} s.`));
        logger.info({ waitMs: wait }, 'rate limited');
        served('rate-limited');
        return;
      }
      if (!command.acknowledgesFirst && !(await takeSlot(SLOT_WAIT_MS))) {
        await interaction.reply(BUSY);
        logger.warn({}, 'concurrency cap reached');
        served('busy');
        return;
      }
      if (interaction.isButton()) {
        if (command.button) await command.button(interaction, ctx);
        else await interaction.reply(noticeReply('This button does not work any more.'));
      } else if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) await command.execute(interaction, ctx);
      logger.info({ ms: Math.round(performance.now() - started), outcome: 'ok' }, 'command served');
      served('ok');
    } catch (error) {
      if (error instanceof BusyError && interaction.isRepliable()) {
        served('busy');
        logger.warn({ ms: Math.round(performance.now() - started) }, 'concurrency cap reached after acknowledging');
        await sendError(interaction, BUSY).catch((e: unknown) => logger.warn({ err: e }, 'busy notice not delivered'));
        return;
      }
      if (error instanceof ArchiveUnavailableError && interaction.isRepliable()) {
        served('unavailable');
        logger.warn({ err: error.message, ms: Math.round(performance.now() - started) }, 'archive unavailable');
        await sendError(interaction, UNAVAILABLE).catch((e: unknown) => logger.warn({ err: e }, 'unavailable notice not delivered'));
        return;
      }
      if (error instanceof DiscordAPIError && GONE.has(Number(error.code))) {
        // Too late (3 s passed) or answered elsewhere: Discord takes no other response, so no apology either.
        served('expired');
        logger.warn({ code: error.code, options: optionsOf(interaction), ms: Math.round(performance.now() - started) }, 'interaction expired or already answered');
        return;
      }
      served('error');
      logger.error({ err: error, options: optionsOf(interaction), ms: Math.round(performance.now() - started) }, 'command failed');
      if (interaction.isRepliable()) {
        const apology = noticeReply('Sorry, something went wrong while answering. The error has been logged.');
        await sendError(interaction, apology).catch((e: unknown) => logger.error({ err: e }, 'apology not delivered'));
      }
    } finally {
      held.release?.();
    }
  };
}

function optionsOf(interaction: Interaction): unknown {
  return interaction.isChatInputCommand() ? interaction.options.data.map((o) => ({ name: o.name, value: o.value })) : undefined;
}

/**
 * Resolves after the event loop has handled the I/O already waiting (gateway events, REST answers), one caller per
 * loop turn: between two synchronous engine calls made after it, newly arrived interactions get acknowledged.
 */
function turnTaker(): () => Promise<void> {
  let turn: Promise<void> = Promise.resolve();
  return () => {
    turn = turn.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
    return turn;
  };
}

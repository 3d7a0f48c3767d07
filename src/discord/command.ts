import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { ArchiveCatalog, Logger } from '../engine/index.js';
import type { ArchiveService } from '../engine/summary/service.js';
import type { FeedService } from '../feeds/index.js';
import type { FollowStore } from '../follow/store.js';
import type { PageSessions } from './paging.js';

/** What every command is given: the archive, a logger for this interaction, and the paged answers. */
export interface CommandContext {
  /** The archive's figures, sources and titles (`/about`, `/archive`, `/summary article:` autocomplete). */
  catalog: ArchiveCatalog;
  /** Where `/ask`, `/summary` and the quotation commands read the archive: the engine itself, or the PostgreSQL archive when `DATABASE_URL` selects it. */
  search: ArchiveService;
  logger: Logger;
  pages: PageSessions<unknown>;
  /** The feed reader (`/archive feeds …`); absent where no poller runs. */
  feeds?: FeedService;
  /** The channels' follows (`/follow …`); absent where no alerts are posted. */
  follows?: FollowStore;
  /**
   * Waits for one of the MAX_CONCURRENT_COMMANDS slots, then for the events already waiting to be handled; the slot is
   * freed when the handler returns. A command with `acknowledgesFirst` calls it after deferring and before its engine
   * call; it throws `BusyError` when no slot frees up in time (the router then tells the user). For other commands the
   * router holds the slot already and this only yields.
   */
  slot(): Promise<void>;
}

/** No concurrency slot came free in time: the router answers with an ephemeral "busy" notice. */
export class BusyError extends Error {
  constructor() {
    super('no free command slot');
  }
}

/** One command module (`commands/*.ts`): its registration payload and its handlers. */
export interface BotCommand {
  /** The registration payload sent by `npm run deploy-commands`. */
  data: { name: string; toJSON(): RESTPostAPIApplicationCommandsJSONBody };
  /** Answers the command (slash or message context menu). */
  execute(interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction, ctx: CommandContext): Promise<void>;
  /** Offers choices while an option is typed. */
  autocomplete?(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void>;
  /** Handles this command's buttons (`customId` starting with `<name>:`). */
  button?(interaction: ButtonInteraction, ctx: CommandContext): Promise<void>;
  /**
   * True when the handlers acknowledge (defer) first and then call `ctx.slot()` before the engine: acknowledging then
   * never waits behind other commands, however busy the bot is. Otherwise the router takes the slot before the handler.
   */
  acknowledgesFirst?: boolean;
}

import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { Engine, Logger } from '../engine/index.js';
import type { PageSessions } from './paging.js';

/** What every command is given: the engine, a logger for this interaction, and the paged answers. */
export interface CommandContext {
  engine: Engine;
  logger: Logger;
  pages: PageSessions<unknown>;
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
}

/**
 * Resolves after the event loop has handled the I/O already waiting (gateway events, REST answers). Commands call it
 * between acknowledging and a long synchronous engine call, so other interactions get acknowledged first.
 */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

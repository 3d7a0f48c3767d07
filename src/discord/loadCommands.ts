import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Logger } from '../engine/index.js';
import type { BotCommand } from './command.js';

/** The `commands/` folder beside `src/` (also after `npm run build`). */
export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

function isBotCommand(value: unknown): value is BotCommand {
  const command = value as Partial<BotCommand> | undefined;
  return typeof command?.execute === 'function' && typeof command.data?.toJSON === 'function' && typeof command.data.name === 'string';
}

/** Imports every command module; a module without `data` and `execute` is skipped with a warning. */
export async function loadCommands(logger: Logger, dir = COMMANDS_DIR): Promise<Map<string, BotCommand>> {
  const commands = new Map<string, BotCommand>();
  const files = (await readdir(dir)).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort();
  for (const file of files) {
    const module = (await import(pathToFileURL(`${dir}/${file}`).href)) as { command?: unknown };
    if (!isBotCommand(module.command)) {
      logger.warn({ file }, 'command module skipped: it must export `command` with `data` and `execute`');
      continue;
    }
    commands.set(module.command.data.name, module.command);
  }
  return commands;
}

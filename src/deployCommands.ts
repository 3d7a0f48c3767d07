import { DiscordAPIError, REST, Routes } from 'discord.js';
import { startupConfig } from './config.js';
import { loadCommands } from './discord/loadCommands.js';
import { createLogger } from './logger.js';

/** `npm run deploy-commands`: registers every command in one guild (DISCORD_GUILD_ID) or globally. */
async function main(): Promise<number> {
  const config = startupConfig();
  if (!config) return 2;
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
    process.stderr.write('DISCORD_TOKEN and DISCORD_APPLICATION_ID are needed to register commands (see .env.example).\n');
    return 2;
  }
  const logger = createLogger(config.LOG_LEVEL, { secrets: [config.DISCORD_TOKEN] });
  const commands = await loadCommands(logger);
  const body = [...commands.values()].map((c) => c.data.toJSON());
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(config.DISCORD_TOKEN);
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(config.DISCORD_APPLICATION_ID, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(config.DISCORD_APPLICATION_ID);
  const scope = config.DISCORD_GUILD_ID ? `guild ${config.DISCORD_GUILD_ID}` : 'global';
  try {
    await rest.put(route, { body });
  } catch (error) {
    // Discord's answer says what is wrong (a bad option, a wrong application id); a stack trace would not.
    const reason = error instanceof DiscordAPIError ? `${error.status} ${error.message}` : error instanceof Error ? error.message : String(error);
    process.stderr.write(`Registering ${body.length} commands (${scope}) failed: ${reason}\n`);
    return 1;
  }
  logger.info({ count: body.length, scope, commands: body.map((c) => c.name) }, 'commands registered');
  return 0;
}

process.exitCode = await main();

import { startupConfig } from './config.js';
import { createLogger } from './logger.js';
import { runMigrate } from './pg/commands.js';
import { passwordIn } from './pg/pool.js';

/** `npm run db:migrate`: versioned schema migrations and the bot's and ingestion's roles, in the PostgreSQL of DATABASE_URL (run as its owner). */
async function main(): Promise<number> {
  const config = startupConfig();
  if (!config) return 2;
  const logger = createLogger(config.LOG_LEVEL, { secrets: [config.DATABASE_READER_PASSWORD, config.DATABASE_WRITER_PASSWORD, passwordIn(config.DATABASE_URL)], human: Boolean(process.stderr.isTTY) });
  return runMigrate(config, logger);
}

process.exitCode = await main();

import { v8BuildTuning } from './buildTuning.js';
import { startupConfig } from './config.js';
import { createLogger } from './logger.js';
import { runIngest } from './pg/commands.js';
import { passwordIn } from './pg/pool.js';

/** `npm run ingest -- DIR [--batch N] [--prune [--force]]`: writes a corpus folder to the PostgreSQL of DATABASE_URL (as the writer role), in resumable batches. */
async function main(): Promise<number> {
  const config = startupConfig();
  if (!config) return 2;
  const logger = createLogger(config.LOG_LEVEL, { secrets: [passwordIn(config.DATABASE_URL)], human: Boolean(process.stderr.isTTY) });
  return runIngest(process.argv.slice(2), config, logger, v8BuildTuning());
}

process.exitCode = await main();

import { startupConfig } from './config.js';
import { runCli } from './cli/run.js';
import { createLogger } from './logger.js';
import { passwordIn } from './pg/pool.js';

/** `npm run cli -- <command> …`: the engine's answers on stdout, as text or JSON (CONTRACTS §2). */
async function main(): Promise<number> {
  const config = startupConfig();
  if (!config) return 2;
  return runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
    env: { ...process.env, CORPUS_DIR: config.CORPUS_DIR, INDEX_CACHE_DIR: config.INDEX_CACHE_DIR, FEEDS_ALLOW_PRIVATE: String(config.FEEDS_ALLOW_PRIVATE) },
    isTTY: Boolean(process.stdout.isTTY),
    logger: createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, { secrets: [passwordIn(config.DATABASE_URL)] }),
  });
}

process.exitCode = await main();

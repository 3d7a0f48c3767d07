import { existsSync, statSync } from 'node:fs';
import { shardOptions, startupConfig, tokenRequired } from './config.js';
import { runConsole } from './console/console.js';
import { type Bot, createBot } from './discord/bot.js';
import { localLimits } from './discord/limiter.js';
import { loadCommands } from './discord/loadCommands.js';
import { BACKOFF, type LoginFailure, LoginRetry } from './discord/login.js';
import { type FeedReport, startFeedPoller } from './feeds/index.js';
import { startAlerts } from './follow/index.js';
import { startHealthServer } from './health.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { sharedLimits } from './pg/limits.js';
import { sharedPages } from './pg/pages.js';
import { ANSI, PLAIN } from './render/text.js';
import { watchCorpus } from './watch.js';
import { untilReachable, watchAvailability } from './pg/availability.js';
import { listenForChanges } from './pg/listen.js';
import { READER_LIMITS, createPool, passwordIn } from './pg/pool.js';
import { type OpenArchive, openArchive, openCorpus } from './openArchive.js';

/** `npm start`: the Discord bot when DISCORD_TOKEN is set, otherwise the local console, on the configured corpus. */
async function main(): Promise<void> {
  const config = startupConfig();
  if (!config) return;
  const token = config.DISCORD_TOKEN;
  if (!token && tokenRequired(config, Boolean(process.stdin.isTTY && process.stdout.isTTY))) {
    process.stderr.write('error: DISCORD_TOKEN: not set; in production (NODE_ENV=production) with no terminal the bot needs its token to connect to Discord. Set DISCORD_TOKEN, or run it at a terminal (docker run -it) for the local console\n');
    process.exitCode = 2;
    return;
  }
  if (config.DATABASE_URL && !token) {
    process.stderr.write('error: DATABASE_URL: the local console answers from the corpus folder; unset DATABASE_URL (npm run cli -- ask answers from PostgreSQL)\n');
    process.exitCode = 2;
    return;
  }
  if (!config.DATABASE_URL && (!existsSync(config.CORPUS_DIR) || !statSync(config.CORPUS_DIR).isDirectory())) {
    process.stderr.write(`error: CORPUS_DIR: the corpus folder "${config.CORPUS_DIR}" does not exist; create it or point CORPUS_DIR at the folder holding the articles\n`);
    process.exitCode = 2;
    return;
  }
  // The console on a terminal gets human log lines beside its answers; files, pipes and the bot get JSON.
  const logger = createLogger(token ? config.LOG_LEVEL : config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, { secrets: [token, passwordIn(config.DATABASE_URL)], human: !token && Boolean(process.stderr.isTTY) });
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
  process.on('uncaughtException', (error) => logger.error({ err: error }, 'uncaught exception'));
  const corpus = { corpusDir: config.CORPUS_DIR, cacheDir: config.INDEX_CACHE_DIR, warmUp: true };
  if (!token) {
    const engine = await openCorpus(corpus, logger);
    const interactive = Boolean(process.stdin.isTTY);
    // Files added while the console runs are picked up as in Discord mode.
    const unwatch = config.CORPUS_WATCH ? watchCorpus(config.CORPUS_DIR, engine, logger) : () => undefined;
    const feeds = startFeedPoller({ corpusDir: config.CORPUS_DIR, allowPrivate: config.FEEDS_ALLOW_PRIVATE, engine, logger, watching: config.CORPUS_WATCH });
    await runConsole(engine, { input: process.stdin, output: process.stdout, style: interactive ? ANSI : PLAIN, prompt: interactive, feeds });
    unwatch();
    await feeds.stop();
    return;
  }
  const metrics = createMetrics();
  let opened: OpenArchive | null = null;
  let bot: Bot | null = null;
  // With DATABASE_URL the archive is PostgreSQL's: no corpus is loaded, /ask awaits its search, and
  // the corpus folder's watcher, feeds and follow alerts stay off. /healthz is 503 while it is unreachable.
  const pool = config.DATABASE_URL ? createPool(config.DATABASE_URL, logger, undefined, READER_LIMITS) : null;
  const availability = pool ? watchAvailability(pool) : null;
  const login = new LoginRetry({ ...BACKOFF, timeoutMs: config.LOGIN_TIMEOUT_SECONDS * 1000 }, logger);
  const health = config.HEALTH_PORT
    ? await startHealthServer(
        config.HEALTH_PORT,
        { gatewayConnected: () => bot?.connected() ?? false, indexLoaded: () => opened !== null && (availability?.available() ?? true), articles: () => opened?.catalog.stats().articles ?? null, login: () => login.status() },
        metrics,
      )
    : null;
  opened = pool ? await untilReachable(() => openArchive({ pool }, logger), logger) : await openArchive(corpus, logger);
  const { catalog, search, engine } = opened;
  metrics.archiveLoaded(catalog.stats());
  // Each batch ingestion commits is heard within a second or two: the figures are read again (nothing else is cached).
  const listener = config.DATABASE_URL ? listenForChanges(config.DATABASE_URL, logger, () => void catalog.reload().then((report) => metrics.archiveLoaded(report.stats), () => undefined)) : null;
  const postMessage = async (channel: string, body: unknown) => {
    if (!bot) throw new Error('not connected to Discord yet');
    return bot.postMessage(channel, body);
  };
  const alerts = engine && startAlerts({ corpusDir: config.CORPUS_DIR, engine, logger, post: postMessage });
  const onFetched = (report: FeedReport) => {
    metrics.feedFetched(report);
    alerts?.alerts.enqueue(report.articleIds);
  };
  const feeds = engine && startFeedPoller({ corpusDir: config.CORPUS_DIR, allowPrivate: config.FEEDS_ALLOW_PRIVATE, engine, logger, watching: config.CORPUS_WATCH, onFetched });
  // With a database, every process of a sharded bot counts the same rate limits and concurrency slots, and finds the same paged answers.
  const local = localLimits(config.RATE_LIMIT_PER_MINUTE, config.MAX_CONCURRENT_COMMANDS);
  const limits = pool ? sharedLimits(pool, { perWindow: config.RATE_LIMIT_PER_MINUTE, maxConcurrent: config.MAX_CONCURRENT_COMMANDS }, local, logger) : local;
  bot = createBot({
    catalog,
    search,
    commands: await loadCommands(logger),
    logger,
    apiUrl: config.DISCORD_API_URL,
    ratePerMinute: config.RATE_LIMIT_PER_MINUTE,
    maxConcurrent: config.MAX_CONCURRENT_COMMANDS,
    limits,
    ...(pool && { sharedPages: sharedPages(pool, logger) }),
    onServed: metrics.commandServed,
    ...(feeds ? { feeds } : {}),
    ...(alerts ? { follows: alerts.store } : {}),
    shards: shardOptions(config),
  });
  const unwatch = config.CORPUS_WATCH && engine ? watchCorpus(config.CORPUS_DIR, engine, logger, () => metrics.archiveLoaded(engine.stats())) : () => undefined;
  const running = bot;
  const stop = (reason: object, message: string, exitCode: number) => {
    logger[exitCode === 0 ? 'info' : 'error'](reason, message);
    unwatch();
    void feeds?.stop();
    alerts?.stop();
    availability?.stop();
    void listener?.stop();
    health?.close();
    running.shutdown().then(
      async () => {
        await pool?.end().catch(() => undefined);
        process.exit(exitCode);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop({ signal: 'SIGTERM' }, 'shutting down: finishing replies in flight', 0));
  process.once('SIGINT', () => stop({ signal: 'SIGINT' }, 'shutting down: finishing replies in flight', 0));
  await login.run((retrying) => running.login(token, retrying)).catch((failure: LoginFailure) => {
    stop({ ...login.status(), exitCode: failure.exitCode }, failure.message, failure.exitCode);
  });
}

await main();

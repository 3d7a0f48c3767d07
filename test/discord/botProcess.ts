/**
 * The real entry point (`src/main.ts`, as `npm start` runs it with a token) started as a child process
 * against a fake Discord, on a temporary corpus folder: what the end-to-end tests and `bench:discord` drive.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeDiscord } from '../support/fakeDiscord.js';
import { Waiters } from '../support/waiters.js';

/** The repository root, where `npm start` runs. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** A token the config accepts (20+ characters); the fake takes any `Bot …` token. */
export const FAKE_TOKEN = 'fake-bot-token-for-end-to-end-tests';

/** An article written into a temporary corpus (one line of a `.jsonl` file). */
export interface TestArticle {
  id: string;
  title: string;
  source: string;
  date: string;
  body: string;
  lang?: 'ar' | 'fa' | 'en';
  /** The article's link, as the site publishes it. */
  url?: string;
}

/** A temporary folder holding a copy of `corpus/` plus `articles` in `e2e.jsonl`; removed with `removeDir`. */
export function tempCorpus(articles: readonly TestArticle[] = [], prefix = 'e2e-corpus-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(ROOT, 'corpus'), dir, { recursive: true });
  if (articles.length) writeFileSync(join(dir, 'e2e.jsonl'), `${articles.map((a) => JSON.stringify({ lang: 'ar', ...a })).join('\n')}\n`);
  return dir;
}

/** Deletes a temporary folder, quietly. */
export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** How a child process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** What the bot is started with. */
export interface BotStart {
  corpusDir: string;
  /** DISCORD_API_URL; default `fake.apiUrl` (a `DelayProxy` goes here). */
  apiUrl?: string;
  /** Index cache folder; default: a fresh temporary one (removed on `stop`). */
  cacheDir?: string;
  /** More environment (RATE_LIMIT_PER_MINUTE, MAX_CONCURRENT_COMMANDS, …). */
  env?: Record<string, string>;
  /** Extra Node flags, e.g. `--max-old-space-size=8192` for a large corpus. */
  nodeArgs?: string[];
  /** How long start-up (index build included) may take, in ms. Default 30 s. */
  readyTimeoutMs?: number;
}

/** A running bot process. */
export interface BotProcess {
  child: ChildProcess;
  /** Its stderr so far (pino JSON lines). */
  logs(): string;
  /** Its stdout so far (empty unless Node flags such as --trace-gc write there). */
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<Exit>;
  /** Resolves once a log line matches `pattern`. */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Sends `signal` (SIGTERM by default), SIGKILL after `graceMs`; resolves with how it ended. Idempotent. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<Exit>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** The environment the child gets: PATH and friends, never the parent's DISCORD_* variables. */
function childEnv(start: BotStart & { apiUrl: string }, cacheDir: string): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SystemRoot'];
  const base = Object.fromEntries(keep.flatMap((k) => (process.env[k] === undefined ? [] : [[k, process.env[k]]])));
  return {
    ...base,
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_API_URL: start.apiUrl,
    CORPUS_DIR: start.corpusDir,
    INDEX_CACHE_DIR: cacheDir,
    LOG_LEVEL: 'info',
    ...start.env,
  };
}

/** Starts `node --import tsx src/main.ts` against the Discord at `start.apiUrl`, without waiting for anything. */
export function spawnBot(start: BotStart & { apiUrl: string }): BotProcess {
  const cacheDir = start.cacheDir ?? mkdtempSync(join(tmpdir(), 'e2e-cache-'));
  const child = spawn(process.execPath, [...(start.nodeArgs ?? []), '--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: childEnv(start, cacheDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  const waiters = new Waiters('bot');
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    waiters.notify();
  });
  let stdout = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      if (!start.cacheDir) removeDir(cacheDir);
      resolve({ code, signal });
    }),
  );

  const waitForLog = (pattern: RegExp, timeoutMs = 10_000) =>
    waiters.waitFor(() => `log line matching ${pattern}; stderr:\n${stderr.slice(-4000)}`, { timeout: timeoutMs }, () => stderr.split('\n').find((l) => pattern.test(l)));

  let stopping: Promise<Exit> | undefined;
  return {
    child,
    logs: () => stderr,
    output: () => stdout,
    exited,
    waitForLog,
    stop(signal = 'SIGTERM', graceMs = 15_000) {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        const exit = await exited;
        clearTimeout(timer);
        return exit;
      })();
      return stopping;
    },
  };
}

/** Starts the bot against `fake` (or `start.apiUrl`) and resolves once it has logged in and is ready. */
export async function startBot(fake: FakeDiscord, start: BotStart): Promise<BotProcess> {
  const bot = spawnBot({ ...start, apiUrl: start.apiUrl ?? fake.apiUrl });
  const timeout = start.readyTimeoutMs ?? 30_000;
  const early = bot.exited.then((exit) => {
    throw new Error(`bot exited before it was ready (${JSON.stringify(exit)}); stderr:\n${bot.logs().slice(-4000)}`);
  });
  early.catch(() => undefined);
  try {
    await Promise.race([Promise.all([fake.waitForReady({ timeout }), bot.waitForLog(/"msg":"connected to Discord"/, timeout)]), early]);
  } catch (error) {
    await bot.stop('SIGKILL');
    throw error;
  }
  return bot;
}

/**
 * Logging in through the real entry point when Discord is not there, refuses the token, or comes up late
 * (issue 20 §3): retries logged and shown on /healthz, a bounded wait, and an exit status a supervisor can act on.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../support/fakeDiscord.js';
import { FAKE_TOKEN, removeDir, spawnBot, tempCorpus, type BotProcess } from './botProcess.js';
import { startDelayProxy, type DelayProxy } from './delayProxy.js';
import { freePort, startStubDiscord, type StubDiscord, type StubFailure } from './stubDiscord.js';

/** Waits for a process's exit and its logs: generous, the machine may be loaded; no test asserts on speed. */
const EXIT_TIMEOUT_MS = 90_000;
const RETRY_LOG = /"msg":"could not connect to Discord; retrying"/;
const GATEWAY_RETRY_LOG = /"msg":"could not connect to the Discord gateway; the client keeps reconnecting"/;

/** The JSON log lines of a process. */
const logLines = (bot: BotProcess) =>
  bot
    .logs()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** What every failed login must not do: crash into the uncaught-exception handler, or print the token. */
function expectCleanLogs(bot: BotProcess): void {
  expect(bot.logs()).not.toMatch(/uncaught exception|unhandled rejection/);
  expect(bot.logs()).not.toContain(FAKE_TOKEN);
}

describe('logging in to Discord through the real bot process', () => {
  let corpusDir: string;
  let bot: BotProcess | undefined;
  let stub: StubDiscord | undefined;
  const start = (apiUrl: string, env: Record<string, string> = {}) => (bot = spawnBot({ corpusDir, apiUrl, env: { CORPUS_WATCH: 'false', ...env } }));
  const startAgainst = async (failure: StubFailure, env: Record<string, string> = {}) => {
    stub = await startStubDiscord(failure);
    return start(stub.apiUrl, env);
  };

  beforeAll(() => {
    corpusDir = tempCorpus();
  });
  afterEach(async () => {
    await bot?.stop('SIGKILL');
    await stub?.stop();
    bot = stub = undefined;
  });
  afterAll(() => removeDir(corpusDir));

  it('retries an unreachable Discord with backoff, reports it on /healthz, and exits 1 once LOGIN_TIMEOUT_SECONDS have passed', { timeout: EXIT_TIMEOUT_MS }, async () => {
    const healthPort = await freePort();
    const running = start(`http://127.0.0.1:${await freePort()}/api`, { HEALTH_PORT: String(healthPort), LOGIN_TIMEOUT_SECONDS: '8' });
    const firstRetry = JSON.parse(await running.waitForLog(RETRY_LOG, EXIT_TIMEOUT_MS)) as Record<string, unknown>;
    expect(firstRetry).toMatchObject({ level: 40, attempt: 1, code: 'ECONNREFUSED', nextRetryInMs: expect.any(Number) });

    const response = await fetch(`http://127.0.0.1:${healthPort}/healthz`);
    expect(response.status).toBe(503);
    const health = (await response.json()) as { login: { attempts: number; nextRetryInMs: unknown } };
    expect(health).toMatchObject({ ok: false, gateway: false, index: true, login: { lastError: 'ECONNREFUSED' } });
    expect(Object.keys(health.login).sort()).toEqual(['attempts', 'lastError', 'nextRetryInMs']);
    expect(health.login.attempts).toBeGreaterThanOrEqual(1);

    expect(await running.exited).toEqual({ code: 1, signal: null });
    const retries = logLines(running).filter((line) => RETRY_LOG.test(JSON.stringify(line)));
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(retries.map((line) => line.attempt)).toEqual(retries.map((_, i) => i + 1));
    expect(logLines(running).at(-1)).toMatchObject({ level: 50, exitCode: 1, lastError: 'ECONNREFUSED', msg: expect.stringMatching(/^could not connect to Discord within LOGIN_TIMEOUT_SECONDS \(8 s/) });
    expectCleanLogs(running);
  });

  it('exits 2 at once, naming DISCORD_TOKEN, when Discord answers 401: no retry', { timeout: EXIT_TIMEOUT_MS }, async () => {
    const running = await startAgainst('refuse-token');
    expect(await running.exited).toEqual({ code: 2, signal: null });
    expect(stub!.requests).toEqual(['GET /api/v10/gateway/bot']);
    expect(running.logs()).not.toMatch(RETRY_LOG);
    expect(logLines(running).at(-1)).toMatchObject({ level: 50, exitCode: 2, attempts: 1, msg: expect.stringContaining('DISCORD_TOKEN') });
    expectCleanLogs(running);
  });

  it('exits 2 naming DISCORD_TOKEN when the gateway refuses the token (close code 4004)', { timeout: EXIT_TIMEOUT_MS }, async () => {
    const running = await startAgainst('gateway-refuses-token');
    expect(await running.exited).toEqual({ code: 2, signal: null });
    expect(running.logs()).not.toMatch(RETRY_LOG);
    expect(logLines(running).at(-1)).toMatchObject({ level: 50, exitCode: 2, lastError: 'GATEWAY_CLOSED_4004', msg: expect.stringContaining('DISCORD_TOKEN') });
    expectCleanLogs(running);
  });

  it('logs an unreachable gateway (REST answering) and exits 1 once LOGIN_TIMEOUT_SECONDS have passed', { timeout: EXIT_TIMEOUT_MS }, async () => {
    const running = await startAgainst('gateway-unreachable', { LOGIN_TIMEOUT_SECONDS: '4' });
    expect(JSON.parse(await running.waitForLog(GATEWAY_RETRY_LOG, EXIT_TIMEOUT_MS))).toMatchObject({ level: 40, code: 'GATEWAY_CLOSED' });
    expect(await running.exited).toEqual({ code: 1, signal: null });
    expect(logLines(running).at(-1)).toMatchObject({ level: 50, exitCode: 1, lastError: 'GATEWAY_CLOSED', msg: expect.stringContaining('LOGIN_TIMEOUT_SECONDS') });
    expectCleanLogs(running);
  });

  describe('a Discord that comes up late', () => {
    let fake: FakeDiscord;
    let door: DelayProxy | undefined;
    beforeAll(async () => {
      fake = await startFakeDiscord();
    });
    afterAll(async () => {
      await door?.stop();
      await fake.stop();
    });

    it('is retried until its port opens, then the bot logs in and answers', { timeout: EXIT_TIMEOUT_MS }, async () => {
      const port = await freePort();
      const running = start(`http://127.0.0.1:${port}/api`);
      await running.waitForLog(/"attempt":2,.*"msg":"could not connect to Discord; retrying"/, EXIT_TIMEOUT_MS);
      door = await startDelayProxy(fake.apiUrl, () => 0, port);
      await fake.waitForReady({ timeout: EXIT_TIMEOUT_MS });
      await running.waitForLog(/"msg":"connected to Discord"/, EXIT_TIMEOUT_MS);
      const interaction = fake.sendSlashCommand({ name: 'ask', options: { question: 'ينمو ويتسع' } });
      const reply = await fake.waitForReply(interaction.id, { timeout: 30_000 });
      expect(reply.message.embeds[0]?.description?.replaceAll('**', '')).toContain('ينمو ويتسع');
      expectCleanLogs(running);
    });
  });
});

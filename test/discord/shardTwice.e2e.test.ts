/**
 * A shard started in two processes (SHARD_IDS repeated on two machines): Discord closes the second identify with
 * 4005 "already authenticated", and the second bot says so and exits instead of re-identifying until LOGIN_TIMEOUT_SECONDS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../support/fakeDiscord.js';
import { removeDir, spawnBot, startBot, tempCorpus, type BotProcess } from './botProcess.js';

/** Generous: the machine may be loaded; the test asserts on the exit, not on its speed. */
const EXIT_TIMEOUT_MS = 90_000;

describe('a shard another process already runs', () => {
  let fake: FakeDiscord;
  let corpusDir: string;
  const bots: BotProcess[] = [];
  const env = { SHARD_COUNT: '2', SHARD_IDS: '1', CORPUS_WATCH: 'false', LOGIN_TIMEOUT_SECONDS: '600' };

  beforeAll(async () => {
    fake = await startFakeDiscord();
    corpusDir = tempCorpus();
  });
  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.stop('SIGKILL')));
    await fake.stop();
    removeDir(corpusDir);
  });

  it('stops the second process at once with exit code 2, naming the shard and SHARD_IDS; the first keeps its shard', { timeout: EXIT_TIMEOUT_MS }, async () => {
    const first = await startBot(fake, { corpusDir, env });
    bots.push(first);
    const second = spawnBot({ corpusDir, apiUrl: fake.apiUrl, env });
    bots.push(second);
    expect(await second.exited).toEqual({ code: 2, signal: null });
    const last = JSON.parse(second.logs().trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(last).toMatchObject({ level: 50, exitCode: 2, lastError: 'GATEWAY_CLOSED_4005' });
    expect(last.msg).toMatch(/^shard 1 of 2 is already connected by another process: check SHARD_IDS on each machine/);
    expect(second.logs()).not.toMatch(/uncaught exception|unhandled rejection/);
    expect(first.child.exitCode).toBeNull();
    expect(first.logs()).not.toMatch(/gateway disconnected/);
  });
});

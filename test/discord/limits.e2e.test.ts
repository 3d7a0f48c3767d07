import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord, type SentInteraction } from '../support/fakeDiscord.js';
import { removeDir, startBot, tempCorpus, type BotProcess } from './botProcess.js';
import { startDelayProxy, type DelayProxy } from './delayProxy.js';
import { expectAcknowledgedInTime, expectEveryMessageSafe, isEphemeral, waitForMessages } from './e2e.js';

const QUESTION = { question: 'ينمو ويتسع' };
const user = (n: number) => ({ id: `3100000000000000${String(n).padStart(2, '0')}`, username: `user${n}` });
const isOriginalEdit = (r: { method: string; path: string }) => r.method === 'PATCH' && r.path.endsWith('/messages/@original');

describe('per-user rate limit and global concurrency cap (RATE_LIMIT_PER_MINUTE=2, MAX_CONCURRENT_COMMANDS=1)', () => {
  let fake: FakeDiscord;
  let proxy: DelayProxy;
  let bot: BotProcess | undefined;
  let corpusDir: string;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    proxy = await startDelayProxy(fake.apiUrl);
    corpusDir = tempCorpus();
    bot = await startBot(fake, { corpusDir, apiUrl: proxy.apiUrl, env: { RATE_LIMIT_PER_MINUTE: '2', MAX_CONCURRENT_COMMANDS: '1' } });
  });

  afterAll(async () => {
    await bot?.stop();
    await proxy?.stop();
    await fake?.stop();
    removeDir(corpusDir);
  });

  it('asks a user to slow down on their third command in a minute, with the wait, and leaves others alone', async () => {
    const asker = user(1);
    for (let i = 0; i < 2; i++) {
      const ok = fake.sendSlashCommand({ name: 'ask', options: QUESTION, user: asker });
      expect((await fake.waitForReply(ok.id, { timeout: 10_000 })).message.embeds.length).toBeGreaterThan(0);
    }
    const third = fake.sendSlashCommand({ name: 'ask', options: QUESTION, user: asker });
    const slowDown = await fake.waitForReply(third.id, { timeout: 10_000 });
    expect(slowDown.ephemeral).toBe(true);
    const wait = /Slow down\D*(\d+) s/.exec(slowDown.message.content);
    expect(wait, slowDown.message.content).not.toBeNull();
    expect(Number(wait![1])).toBeGreaterThan(0);
    expect(Number(wait![1])).toBeLessThanOrEqual(60);

    const someoneElse = fake.sendSlashCommand({ name: 'ask', options: QUESTION, user: user(2) });
    expect((await fake.waitForReply(someoneElse.id, { timeout: 10_000 })).ephemeral).toBe(false);
    expectAcknowledgedInTime(fake, [third, someoneElse]);
  });

  it('answers every one of several simultaneous commands or tells it the bot is busy, losing none', async () => {
    // Hold each final edit for 2 s: the one slot stays taken longer than a waiting command may wait.
    proxy.setRule((r) => (isOriginalEdit(r) ? 2000 : 0));
    const sent: SentInteraction[] = [];
    for (let n = 10; n < 16; n++) sent.push(fake.sendSlashCommand({ name: 'ask', options: QUESTION, user: user(n) }));
    const outcomes = await Promise.all(sent.map((s) => waitForMessages(fake, s.id, 1, 15_000)));
    proxy.setRule(() => 0);

    expectAcknowledgedInTime(fake, sent);
    const kinds = outcomes.map((messages) => {
      expect(messages).toHaveLength(1);
      const [message] = messages;
      if (message!.embeds.length > 0 && !isEphemeral(message!)) return 'answer';
      expect(isEphemeral(message!)).toBe(true);
      expect(message!.content).toMatch(/busy/);
      return 'busy';
    });
    expect(kinds).toContain('answer');
    expect(kinds).toContain('busy');
    expect(kinds.filter((k) => k === 'answer').length).toBeLessThan(sent.length);
    expectEveryMessageSafe(fake);
  });
});

import { describe, expect, it } from 'vitest';
import type { SentInteraction } from '../support/fakeDiscord.js';
import { useProxiedBot } from './proxiedBot.js';
import { expectAcknowledgedInTime, expectEveryMessageSafe, isEphemeral, waitForMessages } from './e2e.js';

const QUESTION = { question: 'ينمو ويتسع' };
const user = (n: number) => ({ id: `3100000000000000${String(n).padStart(2, '0')}`, username: `user${n}` });
const isOriginalEdit = (r: { method: string; path: string }) => r.method === 'PATCH' && r.path.endsWith('/messages/@original');

describe('per-user rate limit and global concurrency cap (RATE_LIMIT_PER_MINUTE=2, MAX_CONCURRENT_COMMANDS=1)', () => {
  const suite = useProxiedBot({ RATE_LIMIT_PER_MINUTE: '2', MAX_CONCURRENT_COMMANDS: '1' });

  it('asks a user to slow down on their third command in a minute, with the wait, and leaves others alone', async () => {
    const { fake } = suite;
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

  it('acknowledges simultaneous /ask commands at once, then answers them one at a time, losing none', async () => {
    const { fake, proxy } = suite;
    // Hold each final edit for 1 s: with one slot, the answers must come out one after another.
    proxy.setRule((r) => (isOriginalEdit(r) ? 1000 : 0));
    const sent: SentInteraction[] = [];
    for (let n = 10; n < 14; n++) sent.push(fake.sendSlashCommand({ name: 'ask', options: QUESTION, user: user(n) }));
    const outcomes = await Promise.all(sent.map((s) => waitForMessages(fake, s.id, 1, 15_000)));
    proxy.setRule(() => 0);

    expectAcknowledgedInTime(fake, sent);
    // Acknowledging did not wait for the slot: every deferral came before the first answer let the slot go.
    const firstAnswer = Math.min(...sent.map((s) => fake.requests.find((r) => r.interactionId === s.id && isOriginalEdit(r))!.time));
    for (const s of sent) expect(fake.callbacksFor(s.id)[0]!.time).toBeLessThan(firstAnswer);
    for (const messages of outcomes) {
      expect(messages).toHaveLength(1);
      expect(isEphemeral(messages[0]!)).toBe(false);
      expect(messages[0]!.embeds.length).toBeGreaterThan(0);
    }
    // One at a time: each answer was sent only after the previous one had been answered (an order of events, not a duration).
    const edits = proxy.seen.filter(isOriginalEdit).slice(-sent.length);
    for (let i = 1; i < edits.length; i++) expect(edits[i]!.arrivedAt).toBeGreaterThanOrEqual(edits[i - 1]!.answeredAt!);
  });

  it('tells a command that cannot defer first that the bot is busy when no slot frees up within 1.5 s', async () => {
    const { fake, proxy } = suite;
    // /about takes its slot before running (it does not set acknowledgesFirst); /ask holds the only slot for 2.5 s.
    proxy.setRule((r) => (isOriginalEdit(r) ? 2500 : 0));
    const holder = fake.sendSlashCommand({ name: 'ask', options: QUESTION, user: user(20) });
    await proxy.waitForRequest((r) => isOriginalEdit(r) && r.delayed === 2500, 10_000);
    const blocked = fake.sendSlashCommand({ name: 'about', user: user(21) });
    const busy = await fake.waitForReply(blocked.id, { timeout: 10_000 });
    proxy.setRule(() => 0);
    expect(busy.ephemeral).toBe(true);
    expect(busy.message.content).toMatch(/busy/);
    expect((await fake.waitForReply(holder.id, { timeout: 10_000 })).message.embeds.length).toBeGreaterThan(0);
    expectAcknowledgedInTime(fake, [holder, blocked]);
    expectEveryMessageSafe(fake);
  });
});

import { describe, expect, it } from 'vitest';
import { useProxiedBot } from './proxiedBot.js';
import { expectAcknowledgedInTime, expectEveryMessageSafe } from './e2e.js';

const QUESTION = { question: 'ينمو ويتسع' };
const isOriginalEdit = (r: { method: string; path: string }) => r.method === 'PATCH' && r.path.endsWith('/messages/@original');

describe('the bot process across a gateway disconnect and a SIGTERM', () => {
  const suite = useProxiedBot({}, 'SIGKILL');

  it('resumes after the gateway drops, answering what was sent while it was away and what comes after', async () => {
    const { fake, bot } = suite;
    const before = fake.sendSlashCommand({ name: 'ask', options: QUESTION });
    await fake.waitForReply(before.id, { timeout: 10_000 });
    fake.disconnectGateway();
    const during = fake.sendSlashCommand({ name: 'ask', options: QUESTION });
    expect(await fake.waitForReady({ timeout: 10_000 })).toBe('resumed');
    const after = fake.sendSlashCommand({ name: 'ask', options: QUESTION });
    for (const interaction of [during, after]) {
      const reply = await fake.waitForReply(interaction.id, { timeout: 10_000 });
      expect(reply.message.embeds[0]?.description?.replaceAll('**', '')).toContain('ينمو ويتسع');
    }
    expectAcknowledgedInTime(fake, [before, during, after]);
    await bot.waitForLog(/"msg":"gateway resumed"/);
  });

  it('on SIGTERM finishes the reply in flight, turns newcomers away politely, and exits 0', async () => {
    const { fake, proxy, bot } = suite;
    proxy.setRule((r) => (isOriginalEdit(r) ? 1500 : 0));
    const inFlight = fake.sendSlashCommand({ name: 'ask', options: QUESTION });
    await proxy.waitForRequest(isOriginalEdit, 10_000);
    expect(fake.messagesFor(inFlight.id)).toEqual([]);

    bot.child.kill('SIGTERM');
    await bot.waitForLog(/shutting down/);
    const late = fake.sendSlashCommand({ name: 'ask', options: QUESTION });
    const exit = await bot.exited;
    expect(exit).toEqual({ code: 0, signal: null });

    const reply = await fake.waitForReply(inFlight.id, { timeout: 1000 });
    expect(reply.message.embeds[0]?.description?.replaceAll('**', '')).toContain('ينمو ويتسع');
    const lateReply = await fake.waitForReply(late.id, { timeout: 1000 });
    expect(lateReply).toMatchObject({ ephemeral: true, message: { content: expect.stringMatching(/restarting/) } });
    expectAcknowledgedInTime(fake, [inFlight, late]);
    expectEveryMessageSafe(fake);
  });
});

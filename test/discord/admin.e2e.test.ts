import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCommands } from '../../src/discord/loadCommands.js';
import { silentLogger } from '../../src/engine/index.js';
import { startFakeDiscord, type FakeDiscord, type Invoker, type SentInteraction } from '../support/fakeDiscord.js';
import { removeDir, startBot, tempCorpus, type BotProcess } from './botProcess.js';
import { freePort, plain, subcommand } from './commandHelpers.js';
import { expectAcknowledgedInTime, expectEveryMessageSafe, failOnMalformedBodies, isEphemeral, waitForMessages } from './e2e.js';

const REPLY = { timeout: 10_000 };
const NEW_FILE = 'reload-saffron.jsonl';
const BROKEN_FILE = 'broken.txt';
const NEW_ARTICLE = {
  id: 'e2e-reload-saffron',
  title: 'حصاد الزعفران في خراسان',
  source: 'Reload Wire',
  date: '2023-11-05',
  lang: 'ar',
  body: 'بدأ المزارعون في خراسان حصاد الزعفران هذا الأسبوع، وقالوا إن المحصول أوفر من العام الماضي بسبب الأمطار.',
};
const SAFFRON_QUESTION = 'حصاد الزعفران';
const GUILD = '500000000000000001';
/** A member who may run the archive. */
const MANAGER: Invoker = { guildId: GUILD, permissions: PermissionFlagsBits.ManageGuild | PermissionFlagsBits.UseApplicationCommands };

/** Fetches a path of the bot's health listener. */
async function health(port: number, path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, text: await response.text() };
}

/** Polls `probe` every 50 ms until it returns true, failing after `timeout` ms with `what`. */
async function eventually(what: string, probe: () => Promise<boolean>, timeout = 5000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeout} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('/about, /archive and the health listener through the real bot process and the fake Discord', () => {
  let fake: FakeDiscord;
  let bot: BotProcess | undefined;
  let corpusDir: string;
  let port: number;
  const sent: SentInteraction[] = [];

  const archive = (sub: string, invoker: Invoker = MANAGER) => {
    const interaction = fake.sendSlashCommand({ name: 'archive', options: subcommand(sub), ...invoker });
    sent.push(interaction);
    return interaction;
  };
  const ask = (question: string) => {
    const interaction = fake.sendSlashCommand({ name: 'ask', options: { question } });
    sent.push(interaction);
    return interaction;
  };

  failOnMalformedBodies(() => fake);

  beforeAll(async () => {
    fake = await startFakeDiscord();
    corpusDir = tempCorpus();
    port = await freePort();
    // No watcher: the new file must be picked up by /archive reload, not by the folder watch.
    bot = await startBot(fake, { corpusDir, env: { RATE_LIMIT_PER_MINUTE: '1000', CORPUS_WATCH: 'false', HEALTH_PORT: String(port) } });
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.stop();
    removeDir(corpusDir);
  });

  it('registers /archive for Manage Server only (default_member_permissions "32"), in servers only, and /about for everyone', async () => {
    const definitions = [...(await loadCommands(silentLogger)).values()].map((c) => c.data.toJSON());
    const byName = new Map(definitions.map((d) => [d.name, d]));
    expect(byName.get('archive')?.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    expect(byName.get('archive')?.default_member_permissions).toBe('32');
    expect(byName.get('archive')?.contexts).toEqual([0]);
    expect(byName.get('archive')?.integration_types).toEqual([0]);
    expect(byName.get('about')?.default_member_permissions ?? null).toBeNull();
  });

  it('/healthz answers 200 with gateway and index up once the bot is ready', async () => {
    const { status, text } = await health(port, '/healthz');
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual({ ok: true, gateway: true, index: true });
    expect((await health(port, '/nowhere')).status).toBe(404);
  });

  it('/about posts a public embed with the number of articles', async () => {
    const interaction = fake.sendSlashCommand({ name: 'about' });
    sent.push(interaction);
    const reply = await fake.waitForReply(interaction.id, REPLY);
    expect(reply.ephemeral).toBe(false);
    const embed = reply.message.embeds[0]!;
    expect(embed.title).toMatch(/About/);
    expect(embed.description).toMatch(/\*\*1 article\*\* from 1 source, 2021-10-20 to 2021-10-20/);
    expect(embed.description).toContain('/whosaid');
    expectAcknowledgedInTime(fake, [interaction]);
  });

  it('/archive stats answers privately with articles, passages and quotations', async () => {
    const interaction = archive('stats');
    const reply = await fake.waitForReply(interaction.id, REPLY);
    expect(reply.ephemeral).toBe(true);
    const fields = new Map((reply.message.embeds[0]?.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields.get('Articles')).toBe('1');
    expect(Number(fields.get('Passages'))).toBeGreaterThan(0);
    expect(fields.get('Quotations')).toBe('18');
    expect(fields.get('Sources')).toBe('1');
    expect(fields.get('Dates')).toBe('2021-10-20 → 2021-10-20');
    expect(fake.messagesFor(interaction.id).every(isEphemeral)).toBe(true);
    expectAcknowledgedInTime(fake, [interaction]);
  });

  it.each([
    ['in a DM', {}, /works only in a server/],
    ['to a member without Manage Server', { guildId: GUILD }, /needs the \*Manage Server\* permission/],
  ])('/archive is refused %s, and no reload happens', async (_, invoker: Invoker, said) => {
    writeFileSync(join(corpusDir, 'refused-reload.jsonl'), `${JSON.stringify({ ...NEW_ARTICLE, id: 'refused', title: 'خبر لا يجب أن يظهر', body: 'نص خبر عن الفستق الحلبي لا يجب أن يظهر قبل إعادة التحميل.' })}\n`);
    try {
      for (const sub of ['reload', 'stats']) {
        const interaction = archive(sub, invoker);
        const reply = await fake.waitForReply(interaction.id, REPLY);
        expect(reply.ephemeral).toBe(true);
        expect(reply.message.content).toMatch(said);
        expect(reply.message.embeds).toEqual([]);
      }
      const probe = ask('الفستق الحلبي');
      const answer = await waitForMessages(fake, probe.id, 1, REPLY.timeout);
      expect(answer.map(isEphemeral)).toEqual([true]);
    } finally {
      rmSync(join(corpusDir, 'refused-reload.jsonl'));
    }
  });

  it('/archive sources lists the outlets privately', async () => {
    const interaction = archive('sources');
    const reply = await fake.waitForReply(interaction.id, REPLY);
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toContain('Iran International');
  });

  it('/archive reload picks up a new file, reports a broken one with its reason, and /ask then finds the new article', async () => {
    const before = ask(SAFFRON_QUESTION);
    const nothing = await waitForMessages(fake, before.id, 1, REPLY.timeout);
    expect(nothing.map(isEphemeral)).toEqual([true]);

    writeFileSync(join(corpusDir, NEW_FILE), `${JSON.stringify(NEW_ARTICLE)}\n`);
    writeFileSync(join(corpusDir, BROKEN_FILE), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    const interaction = archive('reload');
    const reply = await fake.waitForReply(interaction.id, { timeout: 20_000 });
    expect(reply.ephemeral).toBe(true);
    const embed = reply.message.embeds[0]!;
    expect(embed.title).toMatch(/reloaded/);
    expect(embed.description).toMatch(/^2 articles/);
    // The report is by file: a new file counts as added even when it is rejected (engine.reload's contract).
    const fields = new Map((embed.fields ?? []).map((f) => [f.name.replace(/ \(\d+\)$/, ''), plain(f.value)]));
    expect(fields.get('Added')).toContain(NEW_FILE);
    expect(fields.get('Removed')).toBe('—');
    expect(embed.fields?.find((f) => f.name.startsWith('Rejected'))?.name).toBe('Rejected (1)');
    expect(fields.get('Rejected')).toContain(`${BROKEN_FILE}\`: binary file`);
    expectAcknowledgedInTime(fake, [interaction]);

    const after = ask(SAFFRON_QUESTION);
    const found = await fake.waitForReply(after.id, REPLY);
    expect(found.ephemeral).toBe(false);
    expect(found.message.embeds[0]?.title).toContain('الزعفران');
    expect(found.message.embeds[0]?.description).toContain('Reload Wire');

    const stats = await fake.waitForReply(archive('stats').id, REPLY);
    const statFields = new Map((stats.message.embeds[0]?.fields ?? []).map((f) => [f.name, f.value]));
    expect(statFields.get('Articles')).toBe('2');
    expect(statFields.get('Rejected files')).toBe('1');
  });

  it('/metrics counts /ask served ok, in Prometheus text', async () => {
    const interaction = ask('ينمو ويتسع');
    expect((await fake.waitForReply(interaction.id, REPLY)).ephemeral).toBe(false);
    let text = '';
    await eventually('bot_commands_total for ask/ok on /metrics', async () => {
      const metrics = await health(port, '/metrics');
      text = metrics.text;
      return metrics.status === 200 && /^bot_commands_total\{command="ask",outcome="ok"\} [1-9]\d*$/m.test(text);
    });
    expect(text).toMatch(/^bot_command_seconds_count\{command="ask"\} [1-9]/m);
    expect(text).toMatch(/^# TYPE bot_commands_total counter$/m);
    expect(text).toMatch(/^bot_commands_total\{command="archive",outcome="ok"\} [1-9]/m);
  });

  it('/healthz is healthy again after the gateway drops and the bot resumes', async () => {
    fake.disconnectGateway();
    expect(await fake.waitForReady({ timeout: 10_000 })).toBe('resumed');
    await eventually('/healthz 200 after resuming', async () => (await health(port, '/healthz')).status === 200);
    const interaction = ask('ينمو ويتسع');
    expect((await fake.waitForReply(interaction.id, REPLY)).ephemeral).toBe(false);
  });

  it('sends only messages that mention nobody and respect Discord limits; every command answered in time', () => {
    expectEveryMessageSafe(fake);
    expectAcknowledgedInTime(fake, sent);
    for (const interaction of sent) expect(fake.messagesFor(interaction.id).length, `reply to ${interaction.id}`).toBeGreaterThan(0);
  });
});

import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord, type OptionValues, type SentInteraction } from '../support/fakeDiscord.js';
import { removeDir, startBot, tempCorpus, type BotProcess } from './botProcess.js';
import {
  MENTIONS_QUESTION,
  OLIVE_ARTICLE,
  OLIVE_QUESTION,
  OTHER_USER,
  TEST_ARTICLES,
  WHEAT_QUESTION,
  WIRE_SOURCES,
  expectAcknowledgedInTime,
  expectEveryMessageSafe,
  failOnMalformedBodies,
  isEphemeral,
  waitForMessages,
} from './e2e.js';

/** 2021-10-20 as a Discord timestamp tag (00:00 UTC). */
const SEED_DAY = '20 October 2021';

describe('/ask through the real bot process and the fake Discord', () => {
  let fake: FakeDiscord;
  let bot: BotProcess | undefined;
  let corpusDir: string;
  const sent: SentInteraction[] = [];

  const ask = (options: OptionValues, user?: { id: string; username: string }) => {
    const interaction = fake.sendSlashCommand({ name: 'ask', options, ...(user && { user }) });
    sent.push(interaction);
    return interaction;
  };
  const buttons = (message: APIMessage) =>
    (message.components ?? []).flatMap((row) => (row as APIActionRowComponent<APIButtonComponentWithCustomId>).components);
  const button = (message: APIMessage, label: RegExp) => {
    const found = buttons(message).find((b) => label.test(b.label ?? ''));
    if (!found) throw new Error(`no button ${label} on message ${message.id}`);
    return found;
  };

  failOnMalformedBodies(() => fake);

  beforeAll(async () => {
    fake = await startFakeDiscord();
    corpusDir = tempCorpus(TEST_ARTICLES);
    bot = await startBot(fake, { corpusDir, env: { RATE_LIMIT_PER_MINUTE: '1000' } });
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.stop();
    removeDir(corpusDir);
  });

  it('answers from the seed with the passage, its source and its date, acknowledged within 3 s', async () => {
    const interaction = ask({ question: 'التعاون العسكري بين إيران وروسيا' });
    const reply = await fake.waitForReply(interaction.id, { timeout: 10_000 });
    expect(reply.ephemeral).toBe(false);
    const first = reply.message.embeds[0]!;
    expect(first.description).toContain('ينمو ويتسع');
    expect(first.description).toContain('Iran International');
    expect(first.description).toContain(SEED_DAY);
    expect(first.title).toContain('الأركان');
    expectAcknowledgedInTime(fake, [interaction]);
    expect(reply.elapsed).toBeLessThan(3000);
  });

  it('keeps the answer to itself when asked privately', async () => {
    const interaction = ask({ question: 'ينمو ويتسع', private: true });
    const reply = await fake.waitForReply(interaction.id, { timeout: 10_000 });
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.embeds[0]?.description).toContain('ينمو');
  });

  it('pages with Next and Previous, and refuses another user with an ephemeral message', async () => {
    const interaction = ask({ question: WHEAT_QUESTION });
    const first = (await fake.waitForReply(interaction.id, { timeout: 10_000 })).message;
    expect(first.embeds).toHaveLength(3);
    expect(first.embeds.at(-1)?.footer?.text).toBe(`1–3 of ${WIRE_SOURCES.length}`);
    expect(button(first, /Previous/).disabled).toBe(true);

    const next = fake.sendButton({ customId: button(first, /Next/).custom_id, message: first });
    const second = await fake.waitForReply(next.id);
    expect(fake.callbacksFor(next.id).map((r) => (r.body as { type: number }).type)).toEqual([6]);
    expect(second.message.id).toBe(first.id);
    expect(second.message.embeds.at(-1)?.footer?.text).toBe(`4–6 of ${WIRE_SOURCES.length}`);
    const titles = (m: APIMessage) => m.embeds.map((e) => e.title);
    expect(titles(second.message)).not.toEqual(titles(first));

    const back = fake.sendButton({ customId: button(second.message, /Previous/).custom_id, message: second.message });
    const third = await fake.waitForReply(back.id);
    expect(third.message.embeds.at(-1)?.footer?.text).toBe(`1–3 of ${WIRE_SOURCES.length}`);
    expect(titles(third.message)).toEqual(titles(first));

    const stranger = fake.sendButton({ customId: button(third.message, /Next/).custom_id, message: third.message, user: OTHER_USER });
    const refused = await fake.waitForReply(stranger.id);
    expect(refused.ephemeral).toBe(true);
    expect(refused.message.content).toMatch(/Only the person who asked/);
    expectAcknowledgedInTime(fake, [next, back, stranger]);
  });

  it('offers at most 25 sources in autocomplete, filtered by what is typed', async () => {
    const all = fake.sendAutocomplete({ name: 'ask', options: { question: 'x', source: '' }, focused: 'source' });
    const choices = async (id: string) => ((await fake.waitForCallback(id, { timeout: 5000 })).body as { data: { choices: Array<{ name: string; value: string }> } }).data.choices;
    const offered = await choices(all.id);
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.length).toBeLessThanOrEqual(25);
    const iran = fake.sendAutocomplete({ name: 'ask', options: { question: 'x', source: 'iran' }, focused: 'source' });
    expect(await choices(iran.id)).toEqual([{ name: 'Iran International', value: 'Iran International' }]);
    expect(fake.callbacksFor(all.id)[0]?.status).toBe(204);
  });

  it.each<[string, OptionValues, RegExp]>([
    ['from after to', { question: WHEAT_QUESTION, from: '2021-01-02', to: '2021-01-01' }, /`from`: got "2021-01-02"; expected a day on or before `to` \(2021-01-01\)/],
    ['a malformed date', { question: WHEAT_QUESTION, from: '20-10-2021' }, /YYYY-MM-DD/],
    ['an impossible date', { question: WHEAT_QUESTION, to: '2021-02-30' }, /`to`: got "2021-02-30"; expected a real calendar date written YYYY-MM-DD/],
    ['an unknown source', { question: WHEAT_QUESTION, source: 'Nowhere News' }, /`source`: got "Nowhere News"; expected one of the archive's sources/],
  ])('answers %s with an ephemeral error and nothing public', async (_, options, message) => {
    const interaction = ask(options);
    const reply = await fake.waitForReply(interaction.id, { timeout: 10_000 });
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toMatch(message);
    const firstCallback = fake.callbacksFor(interaction.id)[0]!.body as { type: number; data?: { flags?: number } };
    expect(firstCallback.data?.flags ?? 0).toBe(64);
    expect(fake.messagesFor(interaction.id).every(isEphemeral)).toBe(true);
  });

  it('answers a question of stop words only with an ephemeral error and leaves nothing public', async () => {
    const interaction = ask({ question: 'من في على' });
    const messages = await waitForMessages(fake, interaction.id, 1, 10_000);
    expect(messages).toHaveLength(1);
    expect(isEphemeral(messages[0]!)).toBe(true);
    expect(messages[0]!.content).toMatch(/no searchable words/);
    expectAcknowledgedInTime(fake, [interaction]);
  });

  it('answers a question nothing matches with an ephemeral notice', async () => {
    const interaction = ask({ question: 'ينمو ويتسع', from: '1990-01-01', to: '1990-12-31' });
    const messages = await waitForMessages(fake, interaction.id, 1, 10_000);
    expect(messages.map(isEphemeral)).toEqual([true]);
    expect(messages[0]!.content).toMatch(/Nothing in the archive/);
  });

  it('shows several passages of one article, its long headline cut to fit and its link kept', async () => {
    const interaction = ask({ question: OLIVE_QUESTION });
    const { message } = await fake.waitForReply(interaction.id, { timeout: 10_000 });
    const shown = message.embeds.map((e) => e.description ?? '').join('\n');
    for (const phrase of ['قطاف الزيتون', 'صفيحة زيت الزيتون', 'فتح المعابر']) expect(shown.replaceAll('**', '')).toContain(phrase);
    expect(message.embeds[0]?.title).toMatch(/^موسم زيت الزيتون في عفرين/);
    expect(message.embeds.some((e) => e.url !== undefined && decodeURI(e.url) === OLIVE_ARTICLE.url), JSON.stringify(message.embeds.map((e) => e.url))).toBe(true);
  });

  it('never lets corpus text ping anyone, and shows it as inert text', async () => {
    const interaction = ask({ question: MENTIONS_QUESTION });
    const { message } = await fake.waitForReply(interaction.id, { timeout: 10_000 });
    expect(message).toMatchObject({ mention_everyone: false, mentions: [], mention_roles: [] });
    const embed = message.embeds[0]!;
    const shown = `${embed.title}\n${embed.description}\n${message.content}`;
    expect(shown).toContain('الفستق');
    expect(shown).not.toMatch(/@(everyone|here)/);
    expect(shown).not.toMatch(/<@[!&]?\d/);
    expect(shown).not.toMatch(/(?<!\\)\*\*x/);
    expect(embed.description).toContain('@\u200Beveryone');
    expect(embed.description).toContain('\\*\\*x\\*\\*');
  });

  it('sends only messages that mention nobody and respect Discord limits, each acknowledged in time', () => {
    expectEveryMessageSafe(fake);
    const commands = sent.filter((s) => s.payload.type === 2);
    expectAcknowledgedInTime(fake, commands);
    for (const command of commands) expect(fake.messagesFor(command.id).length, `reply to ${command.id}`).toBeGreaterThan(0);
  });
});

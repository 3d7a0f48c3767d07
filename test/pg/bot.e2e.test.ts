import { type APIActionRowComponent, type APIButtonComponentWithCustomId, type APIMessage, PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/engine/index.js';
import { runIngest } from '../../src/pg/commands.js';
import { type FakeDiscord, startFakeDiscord } from '../support/fakeDiscord.js';
import { type BotProcess, removeDir, spawnBot, startBot, tempCorpus } from '../discord/botProcess.js';
import { SEED_ID, autocompleteChoices, buttonOf, freePort, subcommand } from '../discord/commandHelpers.js';
import { TEST_ARTICLES, WHEAT_QUESTION, WIRE_SOURCES, expectEveryMessageSafe, failOnMalformedBodies, isEphemeral, waitForMessages } from '../discord/e2e.js';
import { freshDatabase, useEmbeddedServer } from './database.js';

const server = useEmbeddedServer();
/** A member of a server who may run `/archive`. */
const MANAGER = { guildId: '500000000000000001', permissions: PermissionFlagsBits.ManageGuild | PermissionFlagsBits.UseApplicationCommands };

describe('/ask through the real bot process on PostgreSQL (DATABASE_URL), no corpus folder', () => {
  let fake: FakeDiscord;
  let bot: BotProcess | undefined;
  let corpusDir: string;
  let port: number;
  let databaseUrl: string;

  failOnMalformedBodies(() => fake);

  beforeAll(async () => {
    corpusDir = tempCorpus(TEST_ARTICLES);
    const { url } = await freshDatabase(server());
    databaseUrl = url;
    expect(await runIngest([corpusDir], { DATABASE_URL: url }, silentLogger)).toBe(0);
    fake = await startFakeDiscord();
    // The corpus folder the bot is pointed at does not exist: every answer comes from PostgreSQL.
    port = await freePort();
    bot = await startBot(fake, { corpusDir: `${corpusDir}-absent`, env: { DATABASE_URL: databaseUrl, RATE_LIMIT_PER_MINUTE: '1000', HEALTH_PORT: String(port) } });
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.stop();
    removeDir(corpusDir);
  });

  it('answers from the seed with the passage, its source and its date', async () => {
    const interaction = fake.sendSlashCommand({ name: 'ask', options: { question: 'التعاون العسكري بين إيران وروسيا' } });
    const reply = await fake.waitForReply(interaction.id, { timeout: 10_000 });
    expect(reply.ephemeral).toBe(false);
    const first = reply.message.embeds[0]!;
    expect(first.description).toContain('ينمو ويتسع');
    expect(first.description).toContain('Iran International');
    expect(first.title).toContain('الأركان');
    expectEveryMessageSafe(fake);
  });

  it('pages with Next, each page asked of PostgreSQL again', async () => {
    const interaction = fake.sendSlashCommand({ name: 'ask', options: { question: WHEAT_QUESTION } });
    const first = (await fake.waitForReply(interaction.id, { timeout: 10_000 })).message;
    expect(first.embeds.at(-1)?.footer?.text).toBe(`1–3 of ${WIRE_SOURCES.length}`);
    const next = (first.components ?? [])
      .flatMap((row) => (row as APIActionRowComponent<APIButtonComponentWithCustomId>).components)
      .find((b) => /Next/.test(b.label ?? ''))!;
    const click = fake.sendButton({ customId: next.custom_id, message: first });
    const second = await fake.waitForReply(click.id);
    expect(second.message.embeds.at(-1)?.footer?.text).toBe(`4–6 of ${WIRE_SOURCES.length}`);
    const titles = (m: APIMessage) => m.embeds.map((e) => e.title);
    expect(titles(second.message)).not.toEqual(titles(first));
  });

  it('filters by a source as typed and offers the sources PostgreSQL holds in autocomplete', async () => {
    const interaction = fake.sendSlashCommand({ name: 'ask', options: { question: WHEAT_QUESTION, source: 'wire 07' } });
    const reply = await fake.waitForReply(interaction.id, { timeout: 10_000 });
    expect(reply.message.embeds).toHaveLength(1);
    expect(reply.message.embeds[0]!.description).toContain('Wire 07');
    const typed = fake.sendAutocomplete({ name: 'ask', options: { question: 'x', source: 'iran' }, focused: 'source' });
    const choices = ((await fake.waitForCallback(typed.id, { timeout: 5000 })).body as { data: { choices: unknown[] } }).data.choices;
    expect(choices).toEqual([{ name: 'Iran International', value: 'Iran International' }]);
  });

  it('refuses an unknown source with an ephemeral error naming the option', async () => {
    const interaction = fake.sendSlashCommand({ name: 'ask', options: { question: WHEAT_QUESTION, source: 'Nowhere News' } });
    const reply = await fake.waitForReply(interaction.id, { timeout: 10_000 });
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toMatch(/`source`: got "Nowhere News"; expected one of the archive's sources/);
  });

  it('answers /whosaid, /quotes and "Who said this?" from the quotations PostgreSQL keeps', async () => {
    const whosaid = fake.sendSlashCommand({ name: 'whosaid', options: { quote: 'ينمو ويتصع' } });
    const found = await fake.waitForReply(whosaid.id, { timeout: 10_000 });
    expect(found.ephemeral).toBe(false);
    expect(found.message.content).toContain('محمد باقري');
    expect(found.message.embeds[0]!.description).toContain('Iran International');
    const quotes = fake.sendSlashCommand({ name: 'quotes', options: { speaker: 'باقري' } });
    const listed = await fake.waitForReply(quotes.id, { timeout: 10_000 });
    expect(listed.ephemeral).toBe(false);
    expect(JSON.stringify(listed.message.embeds)).toContain('ينمو ويتسع');
    const message = fake.sendMessageCommand({ name: 'Who said this?', targetMessage: { content: '"ينمو ويتسع"' } });
    expect((await fake.waitForReply(message.id, { timeout: 10_000 })).message.content).toContain('محمد باقري');
    expectEveryMessageSafe(fake);
  });

  it('pages /quotes to the last page of محمد باقري, each page read from PostgreSQL, every quotation shown once', async () => {
    const interaction = fake.sendSlashCommand({ name: 'quotes', options: { speaker: 'محمد باقري' } });
    let page = (await fake.waitForReply(interaction.id, { timeout: 10_000 })).message;
    const total = Number(/^1–3 of (\d+)$/.exec(page.embeds.at(-1)?.footer?.text ?? '')?.[1]);
    const pages = Math.ceil(total / 3);
    expect(pages).toBeGreaterThanOrEqual(2);
    const shown = [...page.embeds];
    for (let n = 2; n <= pages; n++) {
      const click = fake.sendButton({ customId: buttonOf(page, /Next/).custom_id, message: page });
      page = (await fake.waitForReply(click.id, { timeout: 10_000 })).message;
      shown.push(...page.embeds);
    }
    expect(page.embeds.at(-1)?.footer?.text).toBe(`${(pages - 1) * 3 + 1}–${total} of ${total}`);
    expect(buttonOf(page, /Next/).disabled).toBe(true);
    expect(buttonOf(page, /Previous/).disabled).toBeFalsy();
    expect(new Set(shown.map((e) => `${e.title}\n${e.description}`)).size).toBe(total);
    expectEveryMessageSafe(fake);
  });

  it('summarises an article from PostgreSQL, leading with Bagheri, and a topic with its sources', async () => {
    const interaction = fake.sendSlashCommand({ name: 'summary', options: { article: SEED_ID } });
    const reply = await fake.waitForReply(interaction.id, { timeout: 10_000 });
    expect(reply.ephemeral).toBe(false);
    const embed = reply.message.embeds[0]!;
    expect(embed.title).toContain('الأركان');
    expect(embed.description).toContain('Iran International');
    expect(embed.description).toMatch(/باقري/);
    const topic = fake.sendSlashCommand({ name: 'summary', options: { topic: 'التعاون العسكري بين إيران وروسيا' } });
    const cited = (await fake.waitForReply(topic.id, { timeout: 10_000 })).message.embeds[0]!;
    expect(cited.title).toContain('التعاون العسكري');
    expect(JSON.stringify(cited.fields)).toContain('Iran International');
  });

  it('offers the articles PostgreSQL holds in /summary article: autocomplete, and lists its sources in /archive sources', async () => {
    const typed = fake.sendAutocomplete({ name: 'summary', options: { article: 'محصول القمح' }, focused: 'article' });
    const choices = await autocompleteChoices(fake, typed.id);
    expect(choices).toHaveLength(25);
    expect(choices.every((c) => String(c.value).startsWith('e2e-wheat-'))).toBe(true);
    expect(choices[0]!.name).toMatch(/محصول القمح .*\(Wire \d\d, 2020-06-28\)$/);
    const seed = fake.sendAutocomplete({ name: 'summary', options: { article: 'الأركان' }, focused: 'article' });
    expect(await autocompleteChoices(fake, seed.id)).toEqual([expect.objectContaining({ value: SEED_ID })]);
    const sources = fake.sendSlashCommand({ name: 'archive', options: subcommand('sources'), ...MANAGER });
    const listed = await fake.waitForReply(sources.id, { timeout: 10_000 });
    expect(listed.ephemeral).toBe(true);
    expect(listed.message.content).toContain('• Iran International');
    expect(listed.message.content).toContain('• Wire 30');
  });

  it('hears of a batch ingested while it runs (its figures follow), and answers from it', async () => {
    const articles = async () => Number(/archive_size\{kind="articles"\} (\d+)/.exec(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text())?.[1]);
    const before = await articles();
    const added = tempCorpus([{ id: 'saffron-harvest', title: 'حصاد الزعفران', source: 'Wire 01', date: '2021-11-05', body: 'بدأ موسم حصاد الزعفران في خراسان مبكرا هذا العام.' }], 'e2e-added-');
    try {
      expect(await runIngest([added], { DATABASE_URL: databaseUrl }, silentLogger)).toBe(0);
    } finally {
      removeDir(added);
    }
    await eventually('the new article counted', async () => (await articles()) === before + 1);
    const interaction = fake.sendSlashCommand({ name: 'ask', options: { question: 'حصاد الزعفران' } });
    const reply = await fake.waitForReply(interaction.id, { timeout: 10_000 });
    expect(reply.message.embeds[0]!.description).toContain('خراسان');
  });

  it('answers "archive unavailable" while PostgreSQL is down, /healthz 503, then answers again once it is back', async () => {
    await server().pause();
    try {
      const during = fake.sendSlashCommand({ name: 'ask', options: { question: WHEAT_QUESTION } });
      // Deferred publicly first, so the notice is an ephemeral follow-up and the public placeholder is gone.
      const [refused, ...others] = await waitForMessages(fake, during.id, 1, 10_000);
      expect(others).toEqual([]);
      expect(isEphemeral(refused!)).toBe(true);
      expect(refused!.content).toMatch(/archive is unavailable right now\. Please try again/);
      await eventually('/healthz 503 while PostgreSQL is down', async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 503);
      // Autocomplete cannot say "unavailable": it offers no choice rather than failing.
      const typed = fake.sendAutocomplete({ name: 'summary', options: { article: 'محصول القمح' }, focused: 'article' });
      expect(await autocompleteChoices(fake, typed.id)).toEqual([]);
    } finally {
      await server().resume();
    }
    await eventually('/healthz 200 once PostgreSQL is back', async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200);
    const after = fake.sendSlashCommand({ name: 'ask', options: { question: WHEAT_QUESTION } });
    const answered = await fake.waitForReply(after.id, { timeout: 10_000 });
    expect(answered.ephemeral).toBe(false);
    expect(answered.message.embeds.at(-1)?.footer?.text).toBe(`1–3 of ${WIRE_SOURCES.length}`);
  });

  it('waits for PostgreSQL when started before it, then answers', async () => {
    await bot?.stop();
    bot = undefined;
    await server().pause();
    const waiting = spawnBot({ apiUrl: fake.apiUrl, corpusDir: `${corpusDir}-absent`, env: { DATABASE_URL: databaseUrl, RATE_LIMIT_PER_MINUTE: '1000' } });
    bot = waiting;
    try {
      // A second attempt logged: the bot found its database down and went on waiting instead of exiting.
      await waiting.waitForLog(/"attempts":2,.*cannot be reached yet: waiting for it/, 60_000);
    } finally {
      await server().resume();
    }
    await waiting.waitForLog(/"msg":"connected to Discord"/, 60_000);
    const interaction = fake.sendSlashCommand({ name: 'ask', options: { question: 'التعاون العسكري بين إيران وروسيا' } });
    expect((await fake.waitForReply(interaction.id, { timeout: 10_000 })).message.embeds[0]!.description).toContain('ينمو ويتسع');
  });
});

/** Waits until `probe` holds (polled every 100 ms), failing with `what` after `timeout` ms. */
async function eventually(what: string, probe: () => Promise<boolean>, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord, type OptionValues, type SentInteraction } from '../support/fakeDiscord.js';
import { removeDir, startBot, tempCorpus, type BotProcess, type TestArticle } from './botProcess.js';
import { SEED_DAY, SEED_ID, SEED_TEXT, autocompleteChoices, plain } from './commandHelpers.js';
import { expectAcknowledgedInTime, expectEveryMessageSafe, failOnMalformedBodies, isEphemeral, waitForMessages } from './e2e.js';

const REPLY = { timeout: 10_000 };
/** Two days later, another outlet repeats the seed's two sentences about ظريف word for word. */
const ZARIF_COPY: TestArticle = {
  id: 'e2e-zarif-copy',
  title: 'ظريف: روسيا عرقلت الاتفاق النووي',
  source: 'Copy Wire',
  date: '2021-10-22',
  url: 'https://www.example-news.com/ar/إيران/ظريف-روسيا-عرقلت-الاتفاق-النووي',
  body: 'وفي أواخر أبريل (نيسان) 2021، أثار نشر ملف صوتي لوزير الخارجية آنذاك، محمد جواد ظريف، حول عرقلة روسيا للاتفاق النووي ردود فعل كثيرة.\n\nوقال ظريف في جزء من الملف الصوتي: "لم يكن هدف الروس التوصل إلى اتفاق نووي، وعندما رأوا أننا نتوصل إلى اتفاق، بدأوا في خلق العراقيل".',
};
/** A later story on the same topic from a third outlet. */
const VIENNA: TestArticle = {
  id: 'e2e-vienna',
  title: 'مفاوضات فيينا حول الاتفاق النووي تستأنف',
  source: 'Vienna Wire',
  date: '2021-11-29',
  body: 'استؤنفت في فيينا اليوم المفاوضات الرامية إلى إحياء الاتفاق النووي بين إيران والقوى الكبرى.\n\nوقال المتحدث باسم الخارجية الإيرانية سعيد خطيب زاده إن "رفع العقوبات هو أولوية طهران في مفاوضات الاتفاق النووي".',
};
/** The seed's text with every run of white space as one space, to look sentences up in. */
const SEED_FLAT = SEED_TEXT.replace(/\s+/g, ' ');

/** The sentences of an article summary's description: its `• ` lines, markdown escapes undone, a `name: ` speaker prefix dropped. */
function bullets(description: string): string[] {
  return description
    .split('\n')
    .filter((line) => line.startsWith('• '))
    .map((line) => plain(line.slice(2)));
}

/** A sentence as the article has it: the bot may put the speaker's surname after it (`… — باقري`), never inside. */
const withoutSpeaker = (sentence: string) => sentence.replace(/ — [^\s]+( \([^)]+\))?$/, '');
const inArticle = (sentence: string) => SEED_FLAT.includes(withoutSpeaker(sentence));

describe('/summary through the real bot process and the fake Discord', () => {
  let fake: FakeDiscord;
  let bot: BotProcess | undefined;
  let corpusDir: string;
  const sent: SentInteraction[] = [];

  const summary = (options: OptionValues) => {
    const interaction = fake.sendSlashCommand({ name: 'summary', options });
    sent.push(interaction);
    return interaction;
  };

  failOnMalformedBodies(() => fake);

  beforeAll(async () => {
    fake = await startFakeDiscord();
    corpusDir = tempCorpus([ZARIF_COPY, VIENNA]);
    bot = await startBot(fake, { corpusDir, env: { RATE_LIMIT_PER_MINUTE: '1000' } });
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.stop();
    removeDir(corpusDir);
  });

  it('autocompletes the article by its title: الأركان offers the seed article\'s id as a value', async () => {
    const typed = fake.sendAutocomplete({ name: 'summary', options: { article: 'الأركان' }, focused: 'article' });
    const choices = await autocompleteChoices(fake, typed.id);
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((c) => c.value)).toContain(SEED_ID);
    const seed = choices.find((c) => c.value === SEED_ID)!;
    expect(seed.name).toContain('الأركان');
    expect([...seed.name].length).toBeLessThanOrEqual(100);
    expectAcknowledgedInTime(fake, [typed]);
  });

  it('summarises the seed article in public with sentences quoted verbatim in its order, leading with Bagheri', async () => {
    const interaction = summary({ article: SEED_ID });
    const reply = await fake.waitForReply(interaction.id, REPLY);
    expect(reply.ephemeral).toBe(false);
    const embed = reply.message.embeds[0]!;
    expect(embed.title).toContain('الأركان');
    expect(embed.description).toContain('Iran International');
    expect(embed.description).toContain(SEED_DAY);
    const sentences = bullets(embed.description ?? '');
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    for (const sentence of sentences) expect(inArticle(sentence), sentence).toBe(true);
    expect(sentences[0]).toMatch(/باقري/);
    // In the article's order.
    const positions = sentences.map((s) => SEED_FLAT.indexOf(withoutSpeaker(s)));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(embed.footer?.text).toMatch(new RegExp(`${sentences.length} sentences?`));
    expectAcknowledgedInTime(fake, [interaction]);
  });

  it('links an article summary to the article', async () => {
    const interaction = summary({ article: ZARIF_COPY.id });
    const embed = (await fake.waitForReply(interaction.id, REPLY)).message.embeds[0]!;
    expect(embed.title).toBe(ZARIF_COPY.title);
    expect(decodeURI(embed.url ?? '')).toBe(ZARIF_COPY.url);
    const sentences = bullets(embed.description ?? '');
    expect(sentences.length).toBeGreaterThan(0);
    for (const sentence of sentences) expect(ZARIF_COPY.body.replace(/\s+/g, ' ')).toContain(sentence.replace(/^[^\s:]+: /, ''));
  });

  it('respects sentences: 2', async () => {
    const interaction = summary({ article: SEED_ID, sentences: 2 });
    const reply = await fake.waitForReply(interaction.id, REPLY);
    const sentences = bullets(reply.message.embeds[0]?.description ?? '');
    expect(sentences).toHaveLength(2);
    for (const sentence of sentences) expect(inArticle(sentence), sentence).toBe(true);
  });

  it('summarises a topic with numbered citations and a Sources field naming the seed', async () => {
    const interaction = summary({ topic: 'الاتفاق النووي' });
    const reply = await fake.waitForReply(interaction.id, REPLY);
    expect(reply.ephemeral).toBe(false);
    const embed = reply.message.embeds[0]!;
    expect(embed.title).toContain('الاتفاق النووي');
    const lines = (embed.description ?? '').split('\n\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/\*\*\[\d+\]\*\*$/);
    expect(embed.description).toContain('**[1]**');
    expect(plain(embed.description ?? '')).toMatch(/اتفاق نووي|الاتفاق النووي/);
    const sources = embed.fields?.find((f) => f.name === 'Sources');
    expect(sources, JSON.stringify(embed.fields)).toBeDefined();
    expect(sources!.value).toContain('`[1]`');
    expect(sources!.value).toContain('Iran International');
    expect(sources!.value).toContain(SEED_DAY);
  });

  it('never repeats a sentence carried by two outlets, cites every sentence, and lists sources in date order', async () => {
    const interaction = summary({ topic: 'الاتفاق النووي', sentences: 10 });
    const embed = (await fake.waitForReply(interaction.id, REPLY)).message.embeds[0]!;
    const lines = (embed.description ?? '').split('\n\n').filter(Boolean);
    const sentences = lines.map((line) => plain(line.replace(/ \*\*\[\d+\]\*\*$/, '')));
    expect(new Set(sentences).size).toBe(sentences.length);
    expect(sentences.filter((s) => s.includes('لم يكن هدف الروس'))).toHaveLength(1);
    const cites = lines.map((line) => Number(/\[(\d+)\]\*\*$/.exec(line)?.[1]));
    expect(cites).toEqual([...cites].sort((a, b) => a - b));
    const sourceText = (embed.fields ?? []).filter((f) => f.name.startsWith('Sources')).map((f) => f.value).join('\n');
    const listed = [...sourceText.matchAll(/`\[(\d+)\]`/g)].map((m) => Number(m[1]));
    expect(listed).toEqual(listed.map((_, i) => i + 1));
    for (const cite of cites) expect(listed).toContain(cite);
    const days = [...sourceText.matchAll(/ · (\d{1,2} \w+ \d{4})/g)].map((m) => Date.parse(m[1]!));
    expect(days.length).toBe(listed.length);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    expect(sourceText).toContain('Vienna Wire');
  });

  it('respects sentences: 2 for a topic too', async () => {
    const interaction = summary({ topic: 'الاتفاق النووي', sentences: 2 });
    const reply = await fake.waitForReply(interaction.id, REPLY);
    const lines = (reply.message.embeds[0]?.description ?? '').split('\n\n').filter(Boolean);
    expect(lines).toHaveLength(2);
  });

  it.each<[string, OptionValues]>([
    ['both an article and a topic', { article: SEED_ID, topic: 'الاتفاق النووي' }],
    ['neither an article nor a topic', { sentences: 3 }],
    ['an article id the archive does not hold', { article: 'no-such-article' }],
    ['a topic nothing in the archive covers', { topic: 'بطولة كرة السلة في اليابان' }],
  ])('answers %s with an ephemeral error and nothing public', async (_, options) => {
    const interaction = summary(options);
    const messages = await waitForMessages(fake, interaction.id, 1, REPLY.timeout);
    expect(messages.map(isEphemeral)).toEqual([true]);
    expect(messages[0]!.content.length).toBeGreaterThan(0);
    const first = fake.callbacksFor(interaction.id)[0]!.body as { type: number; data?: { flags?: number } };
    expect((first.data?.flags ?? 0) & 64).toBe(64);
    expectAcknowledgedInTime(fake, [interaction]);
  });

  it('keeps a summary to the asker with private: true', async () => {
    const interaction = summary({ article: SEED_ID, private: true });
    const reply = await fake.waitForReply(interaction.id, REPLY);
    expect(reply.ephemeral).toBe(true);
    expect(bullets(reply.message.embeds[0]?.description ?? '').length).toBeGreaterThan(0);
  });

  it('sends only messages that mention nobody and respect Discord limits; every command answered in time', () => {
    expectEveryMessageSafe(fake);
    expectAcknowledgedInTime(fake, sent);
    for (const interaction of sent) expect(fake.messagesFor(interaction.id).length, `reply to ${interaction.id}`).toBeGreaterThan(0);
  });
});

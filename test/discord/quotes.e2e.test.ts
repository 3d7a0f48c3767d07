import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord, type OptionValues, type SentInteraction } from '../support/fakeDiscord.js';
import { removeDir, startBot, tempCorpus, type BotProcess, type TestArticle } from './botProcess.js';
import { BAGHERI_TITLE, SEED_DAY, autocompleteChoices, buttonOf, plain } from './commandHelpers.js';
import { OTHER_USER, expectAcknowledgedInTime, expectEveryMessageSafe, failOnMalformedBodies, isEphemeral, messageRequests, waitForMessages } from './e2e.js';

/** A later article quoting محمد باقري, so "newest first" has something to order. */
const LATER_BAGHERI: TestArticle = {
  id: 'e2e-bagheri-beijing',
  title: 'باقري يزور بكين',
  source: 'Test Wire',
  date: '2022-05-01',
  url: 'https://www.example-news.com/ar/سياسة/باقري-يزور-بكين',
  body: 'قال محمد باقري، رئيس الأركان العامة للقوات المسلحة الإيرانية، إن "العلاقات مع الصين تتقدم بثبات" في ختام زيارته.\n\nوأضاف باقري أن "التدريبات المشتركة ستستمر العام المقبل".',
};
/** A day-later copy of the seed's «ينمو ويتسع» statement from another outlet: "also reported by". */
const COPY: TestArticle = {
  id: 'e2e-bagheri-copy',
  title: 'رئيس الأركان الإيراني في موسكو',
  source: 'Copy Wire',
  date: '2021-10-21',
  body: 'ووصف محمد باقري، رئيس الأركان العامة للقوات المسلحة الإيرانية، التعاون العسكري بين إيران وروسيا بأنه "ينمو ويتسع" خلال زيارته إلى موسكو.',
};
/** A quotation with a right-to-left override inside it and in the title: nothing may reach Discord. */
const BIDI: TestArticle = {
  id: 'e2e-bidi',
  title: 'تصريح \u202Eمقلوب\u202C عن الميناء',
  source: 'Bidi Wire',
  date: '2022-02-02',
  body: 'قالت سارة أحمد، المتحدثة باسم الوزارة، إن "الميناء \u202Eسيفتح\u202C أبوابه للسفن التجارية الأسبوع المقبل".',
};
const REPLY = { timeout: 10_000 };
/** Bidi overrides and isolates. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
/** The days (`· 20 October 2021`) in a message's embeds, in order, as times. */
const daysOf = (message: APIMessage) => message.embeds.map((e) => Date.parse(/ · (\d{1,2} \w+ \d{4})/.exec(e.description ?? '')?.[1] ?? ''));

describe('/whosaid, /quotes and "Who said this?" through the real bot process and the fake Discord', () => {
  let fake: FakeDiscord;
  let bot: BotProcess | undefined;
  let corpusDir: string;
  const sent: SentInteraction[] = [];

  const command = (name: string, options: OptionValues, user?: { id: string; username: string }) => {
    const interaction = fake.sendSlashCommand({ name, options, ...(user && { user }) });
    sent.push(interaction);
    return interaction;
  };
  /** Everything a reader sees of a message, markdown escapes undone. */
  const shown = (message: APIMessage) =>
    plain([message.content, ...message.embeds.flatMap((e) => [e.author?.name, e.title, e.description, ...(e.fields ?? []).map((f) => f.value)])].join('\n'));

  failOnMalformedBodies(() => fake);

  beforeAll(async () => {
    fake = await startFakeDiscord();
    corpusDir = tempCorpus([LATER_BAGHERI, COPY, BIDI]);
    bot = await startBot(fake, { corpusDir, env: { RATE_LIMIT_PER_MINUTE: '1000' } });
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.stop();
    removeDir(corpusDir);
  });

  describe('/whosaid', () => {
    it('names محمد باقري for «ينمو ويتسع», with his title, the quotation, the source and the date, in public', async () => {
      const interaction = command('whosaid', { quote: 'ينمو ويتسع' });
      const reply = await fake.waitForReply(interaction.id, REPLY);
      expect(reply.ephemeral).toBe(false);
      expect(reply.message.content).toContain('محمد باقري');
      const embed = reply.message.embeds[0]!;
      expect(embed.author?.name).toContain('محمد باقري');
      expect(embed.author?.name).toContain(BAGHERI_TITLE);
      expect(plain(embed.description ?? '')).toContain('ينمو ويتسع');
      expect(embed.description).toContain('Iran International');
      expect(embed.description).toContain(SEED_DAY);
      expect(embed.title).toContain('الأركان');
      // The earliest article first; the next day's copy from another outlet listed below it.
      expect(embed.fields?.find((f) => f.name === 'Also reported by')?.value).toContain('Copy Wire');
      expectAcknowledgedInTime(fake, [interaction]);
    });

    it('finds a quotation typed with alef and ya/ta-marbuta spelled differently, or with a typo', async () => {
      const variants = [command('whosaid', { quote: 'يوليان اهميه خاصه لطوير العلاقات مع موسكو' }), command('whosaid', { quote: 'ينمو ويتصع' })];
      for (const interaction of variants) {
        const reply = await fake.waitForReply(interaction.id, REPLY);
        expect(reply.ephemeral).toBe(false);
        expect(reply.message.content).toContain('محمد باقري');
      }
    });

    it('shows a quotation full of bidi overrides with none of them left, attributed to the speaker', async () => {
      const interaction = command('whosaid', { quote: 'الميناء سيفتح أبوابه للسفن التجارية' });
      const reply = await fake.waitForReply(interaction.id, REPLY);
      expect(reply.message.content).toContain('سارة أحمد');
      expect(shown(reply.message)).toContain('سيفتح أبوابه');
      expect(shown(reply.message)).not.toMatch(BIDI_CONTROLS);
    });

    it('names محمد جواد ظريف for the quotation the article attributes to "ظريف" only', async () => {
      const interaction = command('whosaid', { quote: 'لم يكن هدف الروس التوصل إلى اتفاق نووي' });
      const reply = await fake.waitForReply(interaction.id, REPLY);
      expect(reply.ephemeral).toBe(false);
      expect(reply.message.content).toContain('محمد جواد ظريف');
      expect(reply.message.embeds[0]?.author?.name).toContain('محمد جواد ظريف');
      expect(plain(reply.message.embeds[0]?.description ?? '')).toContain('لم يكن هدف الروس التوصل إلى اتفاق نووي');
    });

    it('finds a quotation typed without its diacritics and between other quote marks', async () => {
      // The article has «لقد بذلنا جهودًا واسعةً للحفاظ على السيادة السورية» (tanwin on two words) in straight quotes.
      const interaction = command('whosaid', { quote: '“لقد بذلنا جهودا واسعة للحفاظ على السيادة السورية”' });
      const reply = await fake.waitForReply(interaction.id, REPLY);
      expect(reply.message.content).toContain('محمد باقري');
      expect(plain(reply.message.embeds[0]?.description ?? '')).toContain('لقد بذلنا جهودًا واسعةً');
    });

    it('names محمد جواد ظريف for a whole headline around his quotation, with the words that matched', async () => {
      const interaction = command('whosaid', { quote: 'ظريف: لم يكن هدف الروس التوصل إلى اتفاق نووي' });
      const reply = await fake.waitForReply(interaction.id, REPLY);
      expect(reply.message.content).toContain('محمد جواد ظريف');
      expect(plain(reply.message.content)).toContain('Matched words: يكن هدف الروس التوصل اتفاق نووي');
    });

    it('answers a quotation nobody in the archive said with an ephemeral message only', async () => {
      const interaction = command('whosaid', { quote: 'الطقس في القطب الجنوبي بارد جدا هذا الشتاء' });
      const messages = await waitForMessages(fake, interaction.id, 1, REPLY.timeout);
      expect(messages.map(isEphemeral)).toEqual([true]);
      expect(messages[0]!.content.length).toBeGreaterThan(0);
      expect(messages[0]!.embeds).toEqual([]);
      expectAcknowledgedInTime(fake, [interaction]);
    });

    it('keeps the answer to the asker with private: true', async () => {
      const interaction = command('whosaid', { quote: 'ينمو ويتسع', private: true });
      const reply = await fake.waitForReply(interaction.id, REPLY);
      expect(reply.ephemeral).toBe(true);
      expect(reply.message.content).toContain('محمد باقري');
      expect(fake.messagesFor(interaction.id).every(isEphemeral)).toBe(true);
    });
  });

  describe('/quotes', () => {
    it('lists محمد باقري\'s quotations newest first, three a page, paging with Next/Previous and refusing another user', async () => {
      const interaction = command('quotes', { speaker: 'باقري' });
      const first = (await fake.waitForReply(interaction.id, REPLY)).message;
      expect(isEphemeral(first)).toBe(false);
      expect(first.content).toContain('محمد باقري');
      expect(first.embeds).toHaveLength(3);
      const footer = /^1–3 of (\d+)$/.exec(first.embeds.at(-1)?.footer?.text ?? '');
      expect(footer, first.embeds.at(-1)?.footer?.text).not.toBeNull();
      const total = Number(footer![1]);
      expect(total).toBeGreaterThanOrEqual(8);
      for (const embed of first.embeds) expect(embed.author?.name).toContain('محمد باقري');
      // Newest first: the 2022 article's two quotations come before the 2021 ones.
      expect(first.embeds.slice(0, 2).map((e) => e.title)).toEqual([LATER_BAGHERI.title, LATER_BAGHERI.title]);
      expect(decodeURI(first.embeds[0]?.url ?? '')).toBe(LATER_BAGHERI.url);
      expect(buttonOf(first, /Previous/).disabled).toBe(true);
      expect(buttonOf(first, /Next/).disabled).toBeFalsy();

      const next = fake.sendButton({ customId: buttonOf(first, /Next/).custom_id, message: first });
      const second = await fake.waitForReply(next.id, REPLY);
      expect(second.message.id).toBe(first.id);
      expect(second.message.embeds.at(-1)?.footer?.text).toBe(`4–6 of ${total}`);
      expect(second.message.embeds.map((e) => e.description)).not.toEqual(first.embeds.map((e) => e.description));
      const days = [...daysOf(first), ...daysOf(second.message)];
      expect(days.every(Number.isFinite), JSON.stringify(days)).toBe(true);
      expect(days).toEqual([...days].sort((a, b) => b - a));

      const back = fake.sendButton({ customId: buttonOf(second.message, /Previous/).custom_id, message: second.message });
      const third = await fake.waitForReply(back.id, REPLY);
      expect(third.message.embeds.at(-1)?.footer?.text).toBe(`1–3 of ${total}`);
      expect(third.message.embeds.map((e) => e.description)).toEqual(first.embeds.map((e) => e.description));

      const stranger = fake.sendButton({ customId: buttonOf(third.message, /Next/).custom_id, message: third.message, user: OTHER_USER });
      const refused = await fake.waitForReply(stranger.id, REPLY);
      expect(refused.ephemeral).toBe(true);
      expect(refused.message.content).toMatch(/Only the person who asked/);
      // The stranger's click left the page as it was.
      expect(fake.messagesFor(interaction.id)[0]!.embeds.at(-1)?.footer?.text).toBe(`1–3 of ${total}`);
      expectAcknowledgedInTime(fake, [interaction, next, back, stranger]);
    });

    it('pages a private answer to its last page, where Next is disabled', async () => {
      const interaction = command('quotes', { speaker: 'محمد باقري', private: true });
      let page = await fake.waitForReply(interaction.id, REPLY);
      expect(page.ephemeral).toBe(true);
      const total = Number(/of (\d+)$/.exec(page.message.embeds.at(-1)?.footer?.text ?? '')?.[1]);
      const pages = Math.ceil(total / 3);
      expect(pages).toBeGreaterThanOrEqual(3);
      for (let n = 2; n <= pages; n++) {
        const next = fake.sendButton({ customId: buttonOf(page.message, /Next/).custom_id, message: page.message });
        page = await fake.waitForReply(next.id, REPLY);
        expectAcknowledgedInTime(fake, [next]);
      }
      expect(page.ephemeral).toBe(true);
      expect(page.message.embeds.at(-1)?.footer?.text).toBe(`${(pages - 1) * 3 + 1}–${total} of ${total}`);
      expect(buttonOf(page.message, /Next/).disabled).toBe(true);
      expect(buttonOf(page.message, /Previous/).disabled).toBeFalsy();
    });

    it('autocompletes the speaker from what is typed: باق offers محمد باقري among at most 25 choices', async () => {
      const typed = fake.sendAutocomplete({ name: 'quotes', options: { speaker: 'باق' }, focused: 'speaker' });
      const choices = await autocompleteChoices(fake, typed.id);
      expect(choices.length).toBeGreaterThan(0);
      expect(choices.length).toBeLessThanOrEqual(25);
      expect(choices.map((c) => c.value)).toContain('محمد باقري');
      for (const choice of choices) {
        expect([...choice.name].length).toBeLessThanOrEqual(100);
        expect([...String(choice.value)].length).toBeLessThanOrEqual(100);
      }
      const empty = fake.sendAutocomplete({ name: 'quotes', options: { speaker: '' }, focused: 'speaker' });
      expect((await autocompleteChoices(fake, empty.id)).length).toBeLessThanOrEqual(25);
      expectAcknowledgedInTime(fake, [typed, empty]);
    });

    it('answers a speaker the archive does not quote with an ephemeral message only', async () => {
      const interaction = command('quotes', { speaker: 'شخص مجهول تماما' });
      const messages = await waitForMessages(fake, interaction.id, 1, REPLY.timeout);
      expect(messages.map(isEphemeral)).toEqual([true]);
    });
  });

  describe('message command "Who said this?"', () => {
    it('names محمد باقري for a message that quotes "ينمو ويتسع"', async () => {
      const interaction = fake.sendMessageCommand({ name: 'Who said this?', targetMessage: { content: '"ينمو ويتسع"' } });
      sent.push(interaction);
      const reply = await fake.waitForReply(interaction.id, REPLY);
      expect(reply.ephemeral).toBe(false);
      expect(reply.message.content).toContain('محمد باقري');
      expect(reply.message.embeds[0]?.author?.name).toContain(BAGHERI_TITLE);
      expect(shown(reply.message)).toContain('ينمو ويتسع');
      expectAcknowledgedInTime(fake, [interaction]);
    });

    it.each([
      ['a whole reporting sentence', 'رئيس الأركان قال إن التعاون العسكري مع روسيا "ينمو ويتسع"'],
      ['the article\'s own sentence, pasted whole', 'ووصف المسؤول العسكري الإيراني الكبير التعاون العسكري بين إيران وروسيا بأنه "ينمو ويتسع"'],
      ['a tweet with the quotation inside', '🇮🇷🇷🇺 رئيس الأركان الإيراني من موسكو: «ينمو ويتسع» 👇 @IranIntl_Ar #إيران #روسيا https://t.co/Xy12'],
      ['the bare quotation', 'ينمو ويتسع'],
    ])('names محمد باقري for %s, saying which words matched', async (_, content) => {
      const interaction = fake.sendMessageCommand({ name: 'Who said this?', targetMessage: { content } });
      sent.push(interaction);
      const reply = await fake.waitForReply(interaction.id, REPLY);
      expect(reply.ephemeral).toBe(false);
      expect(plain(reply.message.content)).toMatch(/محمد باقري.*Matched words: ينمو ويتسع$/);
      expect(reply.message.embeds[0]?.author?.name).toContain(BAGHERI_TITLE);
      expect(plain(reply.message.embeds[0]?.description ?? '')).toContain('«ينمو ويتسع»');
    });

    it('answers a message of links, mentions and emoji only with an ephemeral message', async () => {
      const interaction = fake.sendMessageCommand({ name: 'Who said this?', targetMessage: { content: '👀 @someone https://t.co/Xy12 #إيران' } });
      sent.push(interaction);
      const messages = await waitForMessages(fake, interaction.id, 1, REPLY.timeout);
      expect(messages.map(isEphemeral)).toEqual([true]);
      expect(messages[0]!.content).toMatch(/words of the quotation/);
    });

    it('answers a message with no text with an ephemeral message', async () => {
      const interaction = fake.sendMessageCommand({ name: 'Who said this?', targetMessage: { content: '' } });
      sent.push(interaction);
      const messages = await waitForMessages(fake, interaction.id, 1, REPLY.timeout);
      expect(messages.map(isEphemeral)).toEqual([true]);
    });
  });

  it('sends only messages that mention nobody and respect Discord limits; every command answered in time', () => {
    expectEveryMessageSafe(fake);
    for (const { body } of messageRequests(fake)) expect(JSON.stringify(body)).not.toMatch(BIDI_CONTROLS);
    expectAcknowledgedInTime(fake, sent);
    for (const interaction of sent) expect(fake.messagesFor(interaction.id).length, `reply to ${interaction.id}`).toBeGreaterThan(0);
  });
});

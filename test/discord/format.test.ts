import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { discordDate, embedLength, inert, inertMessage, maskedLink, quoteBlock, stripSpoofing, truncate } from '../../src/discord/format.js';
import { askReply, failureReply } from '../../src/discord/replies.js';
import { type AskAnswer, failure } from '../../src/engine/index.js';

describe('inert', () => {
  it.each([
    ['@everyone look', '@\u200Beveryone look'],
    ['hi <@123456789012345678>', 'hi <@\u200B123456789012345678>'],
    ['**bold** and _it_', '\\*\\*bold\\*\\* and \\_it\\_'],
    ['# heading', '\\# heading'],
    ['see https://evil.example/x', 'see https\u200B://evil.example/x'],
    ['join discord.gg/abc', 'join discord\u200B.gg/abc'],
    ['join discord.com/invite/abc', 'join discord\u200B.com/invite/abc'],
    ['\u202Eevil\u202C text', 'evil text'],
    ['قال «ينمو ويتسع»', 'قال «ينمو ويتسع»'],
  ])('%j → %j', (input, expected) => {
    expect(inert(input)).toBe(expected);
  });
});

describe('stripSpoofing', () => {
  it('removes bidi overrides and isolates but keeps Arabic and newlines', () => {
    expect(stripSpoofing('\u2066أ\u2069\n\u202Bب\u202C')).toBe('أ\nب');
  });
});

describe('truncate', () => {
  it('keeps short text and cuts long text at a word with an ellipsis', () => {
    expect(truncate('قصير', 10)).toBe('قصير');
    const cut = truncate('كلمة '.repeat(100), 50);
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(cut.endsWith('…')).toBe(true);
  });
});

describe('quoteBlock', () => {
  it('quotes each line and bolds the highlighted words', () => {
    const text = 'التعاون العسكري ينمو\nويتسع';
    expect(quoteBlock(text, [[8, 15]], 1000)).toBe('> التعاون **العسكري** ينمو\n> ويتسع');
  });

  it('stays within its length even for a huge passage', () => {
    expect(quoteBlock('كلمة '.repeat(2000), [[0, 4]], 1500).length).toBeLessThanOrEqual(1500);
  });
});

describe('discordDate', () => {
  it.each([
    ['2021-10-20', '20 October 2021'],
    // The publisher's day as written, whatever the offset: not shifted to UTC or to the reader's zone.
    ['2018-02-28T00:16:06+04:00', '28 February 2018'],
    ['2018-02-28T23:50:00-05:00', '28 February 2018'],
  ])('renders %s as the day the publisher wrote: %s', (date, shown) => {
    expect(discordDate(date)).toBe(shown);
  });
});

describe('askReply', () => {
  const result = (n: number) => ({
    passage: `${'نص طويل جدا '.repeat(300)} @everyone ${n}`,
    score: 1,
    article: { id: `a${n}`, title: 'ع'.repeat(400), source: 'Iran International', date: '2021-10-20', url: 'https://example.org/a' },
    start: 0,
    end: 10,
    highlights: [[0, 2]] as Array<[number, number]>,
    alsoIn: [],
  });
  const answer: AskAnswer = { query: 'سؤال', total: 7, results: [result(1), result(2), result(3)] };

  it('respects every embed limit and never allows mentions', () => {
    const reply = askReply(answer, 0, 'sess');
    const embeds = reply.embeds as APIEmbed[];
    expect(embeds).toHaveLength(3);
    expect(embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(6000);
    for (const embed of embeds) {
      expect(embed.title!.length).toBeLessThanOrEqual(256);
      expect(embed.description!.length).toBeLessThanOrEqual(4096);
      expect(embed.description).not.toMatch(/@everyone/);
    }
    expect(reply.allowedMentions).toEqual({ parse: [] });
    expect(embeds[2]!.footer!.text).toBe('1–3 of 7');
  });

  it('offers Previous (disabled on the first page) and Next', () => {
    const [row] = askReply(answer, 0, 'sess').components;
    expect(row!.components.map((b) => ['label' in b ? b.label : '', b.disabled, 'custom_id' in b ? b.custom_id : ''])).toEqual([
      ['◀ Previous', true, 'ask:sess:0'],
      ['Next ▶', false, 'ask:sess:3'],
    ]);
  });
});

describe('article links in a message', () => {
  const article = (id: string, url: string | null) => ({ id, title: `عنوان ${id}`, source: 'Al Arabiya', date: '2018-02-18', url });
  const result = (id: string, url: string | null, passage: string) => ({ passage, score: 1, article: article(id, url), highlights: [], alsoIn: [], speaker: null, passageId: `${id}@0` });
  const ARABIC_URL = 'http://www.alarabiya.net/ar/culture-and-art/2018/02/18/هكذا-تحالفت.html';

  it('links each article once, so Discord shows every passage of one article instead of merging them', () => {
    const answer = { query: 'تحالفت', total: 3, results: [result('a', ARABIC_URL, 'أولى'), result('a', ARABIC_URL, 'ثانية'), result('b', 'https://example.com/b', 'ثالثة')] } as unknown as AskAnswer;
    const embeds = askReply(answer, 0, 's').embeds as APIEmbed[];
    expect(embeds.map((e) => e.url)).toEqual(['http://www.alarabiya.net/ar/culture-and-art/2018/02/18/%D9%87%D9%83%D8%B0%D8%A7-%D8%AA%D8%AD%D8%A7%D9%84%D9%81%D8%AA.html', undefined, 'https://example.com/b']);
    expect(embeds.map((e) => e.description)).toEqual([expect.stringContaining('أولى'), expect.stringContaining('ثانية'), expect.stringContaining('ثالثة')]);
  });

  it.each([
    ['javascript:alert(1)', undefined],
    ['not a link', undefined],
    ['https://example.com/ok', 'https://example.com/ok'],
  ])('an article link %j becomes embed url %j, never a failed reply', (url, shown) => {
    const embeds = askReply({ query: 'x', total: 1, results: [result('a', url, 'نص')] } as unknown as AskAnswer, 0, 's').embeds as APIEmbed[];
    expect(embeds[0]!.url).toBe(shown);
  });

  it('encodes parentheses of a masked link so they cannot end it', () => {
    expect(maskedLink('عنوان', article('a', 'https://example.com/x_(1)'))).toBe('[عنوان](https://example.com/x_%281%29)');
    expect(maskedLink('عنوان', article('a', null))).toBe('عنوان');
  });
});

describe('error notices', () => {
  it('show option names as code, not as escaped backticks, and keep the value inert', () => {
    const reply = failureReply(failure({ kind: 'bad-option', option: 'from', given: '2021-02-30 @everyone', expected: 'a real calendar date written YYYY-MM-DD, e.g. 2021-10-20' }));
    expect(reply.content).toBe('`from`: got "2021-02-30 @\u200Beveryone"; expected a real calendar date written YYYY-MM-DD, e.g. 2021-10-20.');
    expect(inertMessage('give an `article` or a `topic`')).toBe('give an `article` or a `topic`');
  });
});

import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { discordDate, embedLength, inert, quoteBlock, stripSpoofing, truncate } from '../../src/discord/format.js';
import { askReply } from '../../src/discord/replies.js';
import type { AskAnswer } from '../../src/engine/index.js';

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
  it('renders a day as a Discord date timestamp', () => {
    expect(discordDate('2021-10-20')).toBe('<t:1634688000:D>');
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

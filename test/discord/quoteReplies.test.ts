import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { namesakesNote, quoteEmbed, quotesPage, whosaidReply } from '../../src/discord/quoteReplies.js';
import { shownQuote } from '../../src/render/quoteText.js';
import type { QuoteMatch } from '../../src/engine/index.js';

const match = (n: number, extra: Partial<QuoteMatch> = {}): QuoteMatch => ({
  speaker: 'محمد باقري',
  speakerTitle: 'رئيس الأركان العامة للقوات المسلحة الإيرانية',
  quote: `ينمو ويتسع ${n}`,
  direct: true,
  article: { id: `a${n}`, title: 'الأركان الإيراني', source: 'Iran International', date: '2021-10-20', url: null },
  start: 0,
  end: 10,
  score: 1,
  ...extra,
});

describe('quoteEmbed', () => {
  it('shows the speaker with the title, the quotation in «» as a quote block, the source and date', () => {
    const embed = quoteEmbed(match(1, { alsoIn: [{ id: 'b', title: 'نسخة', source: 'Al Arabiya', date: '2021-10-21', url: null }] }));
    expect(embed.author!.name).toBe('محمد باقري، رئيس الأركان العامة للقوات المسلحة الإيرانية');
    expect(embed.description).toMatch(/^> «ينمو ويتسع 1»/);
    expect(embed.description).toContain('Iran International · 20 October 2021');
    expect(embed.fields![0]).toMatchObject({ name: 'Also reported by', value: expect.stringContaining('Al Arabiya') });
  });

  it('says when the speaker is unknown and marks reported speech', () => {
    const embed = quoteEmbed(match(2, { speaker: null, speakerTitle: null, direct: false }));
    expect(embed.author!.name).toBe('Speaker unknown');
    expect(embed.description).toContain('reported speech');
  });
});

describe('whosaidReply', () => {
  it('names the speaker of the best match first, with no mentions allowed', () => {
    const reply = whosaidReply([match(1), match(2), match(3), match(4)]);
    expect(reply.content).toContain('**محمد باقري** said it');
    expect(reply.embeds).toHaveLength(3);
    expect(reply.allowedMentions).toEqual({ parse: [] });
  });
});

describe('quotesPage', () => {
  it('pages three at a time with a footer and buttons', () => {
    const all = Array.from({ length: 7 }, (_, i) => match(i + 1));
    const reply = quotesPage('محمد باقري', all.slice(3, 6), 3, all.length, 'sess');
    expect((reply.embeds as APIEmbed[]).at(-1)!.footer!.text).toBe('4–6 of 7');
    const ids = reply.components[0]!.components.map((b) => ('custom_id' in b ? b.custom_id : ''));
    expect(ids).toEqual(['quotes:sess:0', 'quotes:sess:6']);
  });
});

describe('namesakes under /quotes', () => {
  it('lists the others sharing a typed surname, with counts, inert, on the first page', () => {
    const note = namesakesNote('عباس', [{ name: 'محمد عباس', count: 4 }, { name: 'عباس @everyone', count: 2 }]);
    expect(note).toBe('Others called عباس: **محمد عباس** (4), **عباس @\u200Beveryone** (2). Run /quotes with the full name for one of them.');
    expect(quotesPage('محمود عباس', [], 0, 0, 's', false, note).content).toBe(`Quotations of **محمود عباس**, newest first\n${note}`);
  });
});

describe('denials', () => {
  it('are shown as denials, never as statements, in Discord and in text', () => {
    const match = { speaker: 'محمد جواد ظريف', speakerTitle: null, quote: 'أن تكون بلاده قد أرسلت أسلحة', direct: false, polarity: 'denial' as const, article: { id: 'a', title: 'ظريف ينفي', source: 'Wire', date: '2021-10-20', url: null }, start: 0, end: 10, score: 1 };
    expect(quoteEmbed(match).description).toMatch(/^> نفى: أن تكون بلاده قد أرسلت أسلحة/);
    expect(shownQuote(match)).toBe('نفى: أن تكون بلاده قد أرسلت أسلحة');
    expect(shownQuote({ quote: 'the talks had failed', direct: false, polarity: 'denial' })).toBe('denied: the talks had failed');
    expect(shownQuote({ quote: 'ينمو ويتسع', direct: true })).toBe('«ينمو ويتسع»');
  });
});

import type { APIEmbed } from 'discord.js';
import type { QuoteMatch } from '../engine/index.js';
import { shownQuote, speakerLabel } from '../render/quoteText.js';
import { EMBED_COLOR, LIMITS, NO_MENTIONS, embedLink, embedTitle, inert, linkEachArticleOnce, quoteBlock, sourceLine, truncate } from './format.js';
import { type ReplyBody, pageButtons } from './replies.js';

/** Quotations shown per message (whosaid) or per page (quotes). */
export const QUOTES_PAGE_SIZE = 3;

/** One quotation as an embed: who said it (bold), the quotation as a quote block, the article and date. */
export function quoteEmbed(match: QuoteMatch): APIEmbed {
  const quote = quoteBlock(shownQuote(match), [], 1800);
  const fields: NonNullable<APIEmbed['fields']> = [];
  if (match.alsoIn?.length) fields.push({ name: 'Also reported by', value: truncate([...new Set(match.alsoIn.map(sourceLine))].join('\n'), LIMITS.fieldValue) });
  return {
    color: EMBED_COLOR,
    author: { name: truncate(speakerLabel(match).replace(/[\u202A-\u202E\u2066-\u2069]/g, ''), LIMITS.author) },
    title: embedTitle(match.article),
    ...embedLink(match.article),
    description: `${quote}\n\n${sourceLine(match.article)}${match.direct ? '' : ' · reported speech'}`,
    fields,
  };
}

/** The answer to `/whosaid` and "Who said this?": the best matches, the best first, and the words of the query the best one matched. */
export function whosaidReply(matches: QuoteMatch[]): ReplyBody {
  const top = matches.slice(0, QUOTES_PAGE_SIZE);
  const speaker = top[0]?.speaker;
  const said = speaker ? `**${inert(speaker)}** said it${top.length > 1 ? ' (best match first)' : ''}.` : 'Found the quotation, but the article does not say who said it.';
  const matched = top[0]?.matchedWords?.length ? ` Matched words: ${inert(truncate(top[0].matchedWords.join(' '), 300))}` : '';
  const content = said + matched;
  return { content, embeds: linkEachArticleOnce(top.map(quoteEmbed)), components: [], allowedMentions: NO_MENTIONS };
}

/** Others sharing the surname a user typed, as Discord shows them under `/quotes`: each with a count, to pick from. */
export function namesakesNote(surname: string, namesakes: ReadonlyArray<{ name: string; count: number }>): string {
  const list = namesakes.map((n) => `**${inert(n.name)}** (${n.count})`).join(', ');
  return truncate(`Others called ${inert(surname)}: ${list}. Run /quotes with the full name for one of them.`, 1200);
}

/** One page of a speaker's quotations (`page`: those from number `offset` of `total`), newest first, with Previous/Next (and, on the first page, others of the same name). */
export function quotesPage(speaker: string, page: QuoteMatch[], offset: number, total: number, sessionId: string, disabled = false, note = ''): ReplyBody {
  const embeds = linkEachArticleOnce(page.map(quoteEmbed));
  const last = embeds.at(-1);
  if (last) last.footer = { text: `${offset + 1}–${offset + embeds.length} of ${total}` };
  return {
    content: [`Quotations of **${inert(speaker)}**, newest first`, note].filter(Boolean).join('\n'),
    embeds,
    components: pageButtons('quotes', sessionId, offset, QUOTES_PAGE_SIZE, total, disabled),
    allowedMentions: NO_MENTIONS,
  };
}

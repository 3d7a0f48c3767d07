/** Alert messages posted in following channels, and the `/follow list` reply. */
import type { APIEmbed, RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { AskResult } from '../engine/index.js';
import type { Follow } from '../follow/store.js';
import { EMBED_COLOR, LIMITS, embedLink, embedTitle, inert, maskedLink, quoteBlock, sourceLine, truncate } from './format.js';

/** How a follow names itself in messages: its query, source and language. */
export function followLabel(follow: Follow): string {
  const filters = [follow.source ? `source: ${follow.source}` : '', follow.lang ? `lang: ${follow.lang}` : ''].filter(Boolean).join(', ');
  return `“${truncate(follow.query, 100)}”${filters ? ` (${filters})` : ''}`;
}

/** One new article for a follow: the best passage (matched words in bold), title, source, date and link. */
export function alertMessage(follow: Follow, result: AskResult): RESTPostAPIChannelMessageJSONBody {
  const embed: APIEmbed = {
    color: EMBED_COLOR,
    title: embedTitle(result.article),
    ...embedLink(result.article),
    description: `${sourceLine(result.article)}\n\n${quoteBlock(result.passage, result.highlights, 1500)}`,
    footer: { text: truncate(`New for ${followLabel(follow)} · /follow list`, LIMITS.footer) },
  };
  return { embeds: [embed], allowed_mentions: { parse: [] } };
}

/** The articles held back while a follow was at its hourly limit, as one message. */
export function digestMessage(follow: Follow, results: readonly AskResult[]): RESTPostAPIChannelMessageJSONBody {
  const lines = results.map((r) => `• ${maskedLink(embedTitle(r.article), r.article)} · ${sourceLine(r.article)}`);
  const embed: APIEmbed = {
    color: EMBED_COLOR,
    title: truncate(`${results.length} more new article(s) for ${inert(followLabel(follow))}`, LIMITS.embedTitle),
    description: truncate(lines.join('\n'), LIMITS.embedDescription),
  };
  return { embeds: [embed], allowed_mentions: { parse: [] } };
}

/** `/follow list`: the channel's follows with their ids (for `/follow stop`). */
export function followListText(follows: readonly Follow[]): string {
  if (!follows.length) return 'This channel follows nothing. Start with `/follow add query: …`.';
  const lines = follows.map((f) => `\`${f.id}\` ${inert(followLabel(f))}`);
  return truncate(`This channel follows:\n${lines.join('\n')}\nStop one with \`/follow stop id: …\`.`, LIMITS.content);
}

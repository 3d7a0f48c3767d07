import type { APIEmbed } from 'discord.js';
import type { ArticleRef, ArticleSummary, TopicSummary } from '../engine/index.js';
import { withSpeaker } from '../render/summaryText.js';
import { EMBED_COLOR, LIMITS, NO_MENTIONS, embedLink, embedTitle, inert, maskedLink, sourceLine, truncate } from './format.js';

/** A summary message: one embed, nobody mentioned. */
export interface SummaryReply {
  embeds: APIEmbed[];
  allowedMentions: typeof NO_MENTIONS;
}

/** A cited article as one line: `[n] [title](url) — source · date`. */
function sourceEntry(cite: number, article: ArticleRef): string {
  return `\`[${cite}]\` ${maskedLink(inert(truncate(article.title, 120)), article)}\n${sourceLine(article)}`;
}

/** Joins entries into field values of at most 1024 characters each (as many fields as needed, up to 5). */
function sourceFields(entries: string[]): NonNullable<APIEmbed['fields']> {
  const fields: NonNullable<APIEmbed['fields']> = [];
  let value = '';
  for (const entry of entries) {
    const piece = truncate(entry, LIMITS.fieldValue);
    if (value && value.length + piece.length + 1 > LIMITS.fieldValue) {
      fields.push({ name: fields.length ? 'Sources (cont.)' : 'Sources', value });
      value = '';
    }
    value = value ? `${value}\n${piece}` : piece;
  }
  if (value) fields.push({ name: fields.length ? 'Sources (cont.)' : 'Sources', value });
  return fields.slice(0, 5);
}

/** One article's summary: its key sentences, a link to the article and its date. */
export function articleSummaryReply(summary: ArticleSummary): SummaryReply {
  const body = summary.sentences.map((s) => `• ${inert(withSpeaker(s))}`).join('\n');
  const embed: APIEmbed = {
    color: EMBED_COLOR,
    title: embedTitle(summary.article),
    ...embedLink(summary.article),
    description: truncate(`${sourceLine(summary.article)}\n\n${body}`, LIMITS.embedDescription),
    footer: { text: `Summary: ${summary.sentences.length} sentence${summary.sentences.length === 1 ? '' : 's'} quoted from the article` },
  };
  return { embeds: [embed], allowedMentions: NO_MENTIONS };
}

/** A topic summary: cited sentences, the most on-topic first and the rest in date order, and the numbered sources below. */
export function topicSummaryReply(summary: TopicSummary): SummaryReply {
  const body = summary.sentences.map((s) => `${inert(withSpeaker(s))} **[${s.cite}]**`).join('\n\n');
  const embed: APIEmbed = {
    color: EMBED_COLOR,
    title: truncate(inert(summary.topic), LIMITS.embedTitle),
    description: truncate(body, 3000),
    fields: sourceFields(summary.sources.map((s) => sourceEntry(s.cite, s.article))),
    footer: { text: `${summary.sentences.length} sentences from ${summary.sources.length} stories: the most on-topic first, then by date` },
  };
  return { embeds: [embed], allowedMentions: NO_MENTIONS };
}

import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
  type InteractionReplyOptions,
  MessageFlags,
  type RepliableInteraction,
} from 'discord.js';
import type { AskAnswer, AskResult } from '../engine/index.js';
import type { Failure } from '../engine/index.js';
import { type FailureTerms, type FailureWords, failureWords } from '../render/failureWords.js';
import { relaxedNotice } from '../render/text.js';
import { EMBED_COLOR, LIMITS, NO_MENTIONS, embedLength, embedLink, embedTitle, inert, inertMessage, linkEachArticleOnce, quoteBlock, sourceLine, truncate } from './format.js';

/** Answers shown per page of `/ask`. */
export const ASK_PAGE_SIZE = 3;

/** A message body for `reply`, `editReply` or `update`: embeds, components, no mentions. */
export type ReplyBody = Pick<InteractionReplyOptions, 'content' | 'embeds' | 'components' | 'allowedMentions'> & {
  embeds: APIEmbed[];
  components: Array<APIActionRowComponent<APIButtonComponent>>;
};

/** Previous/Next buttons for a paged answer; `customId` is `<command>:<session>:<offset>`. */
export function pageButtons(command: string, sessionId: string, offset: number, pageSize: number, total: number, disabled = false): Array<APIActionRowComponent<APIButtonComponent>> {
  if (total <= pageSize) return [];
  const button = (label: string, target: number, off: boolean): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label,
    custom_id: `${command}:${sessionId}:${target}`,
    disabled: disabled || off,
  });
  return [
    {
      type: ComponentType.ActionRow,
      components: [button('◀ Previous', Math.max(0, offset - pageSize), offset === 0), button('Next ▶', offset + pageSize, offset + pageSize >= total)],
    },
  ];
}

function askEmbed(result: AskResult): APIEmbed {
  const head = sourceLine(result.article);
  const fields: APIEmbed['fields'] = [];
  if (result.speaker) fields.push({ name: 'Speaker', value: truncate(inert(result.speaker), LIMITS.fieldValue), inline: true });
  if (result.alsoIn.length) {
    const copies = [...new Set(result.alsoIn.map(sourceLine))].join('\n');
    fields.push({ name: 'Also in', value: truncate(copies, LIMITS.fieldValue), inline: true });
  }
  return {
    color: EMBED_COLOR,
    title: embedTitle(result.article),
    ...embedLink(result.article),
    description: `${head}\n\n${quoteBlock(result.passage, result.highlights, 1500)}`,
    fields,
  };
}

/** One page of an `/ask` answer: up to three embeds, footer `1–3 of N`, paging buttons. */
export function askReply(answer: AskAnswer, offset: number, sessionId: string, disabled = false): ReplyBody {
  const embeds = linkEachArticleOnce(answer.results.map(askEmbed));
  const last = embeds.at(-1);
  if (last) last.footer = { text: `${offset + 1}–${offset + embeds.length} of ${answer.total}` };
  while (embeds.reduce((n, e) => n + embedLength(e), 0) > LIMITS.embedTotal - 100) {
    const longest = embeds.reduce((a, b) => ((a.description?.length ?? 0) >= (b.description?.length ?? 0) ? a : b));
    longest.description = truncate(longest.description ?? '', Math.floor((longest.description?.length ?? 0) * 0.8));
  }
  return {
    content: [`**${inert(truncate(answer.query, 200))}**`, answer.relaxedPhrases ? inert(relaxedNotice(answer.relaxedPhrases)) : ''].filter(Boolean).join('\n'),
    embeds,
    components: pageButtons('ask', sessionId, offset, ASK_PAGE_SIZE, answer.total, disabled),
    allowedMentions: NO_MENTIONS,
  };
}

/** How the bot words the engine's failures: searches are `/ask`, and names and titles are picked from the lists that appear as one types. */
const DISCORD_TERMS: FailureTerms = {
  ask: '/ask',
  more: {
    'unknown-speaker': ['pick a name from the list that appears as you type'],
    'unknown-article': ['pick the article from the list that appears as you type its title'],
    'ambiguous-title': ['pick the article from the list that appears as you type its title'],
  },
};

/** An expected failure of the engine, or the bot's own words for one, as an ephemeral message a person can act on. */
export function failureReply(failure: Failure | FailureWords): InteractionReplyOptions & { flags: MessageFlags.Ephemeral } {
  const said = 'ok' in failure ? failureWords(failure, DISCORD_TERMS) : failure;
  const hints = said.hints.map((h) => `• ${inertMessage(h)}`);
  const content = truncate([inertMessage(said.message), ...hints].join('\n'), LIMITS.content);
  return { content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS };
}

/** A short ephemeral notice (wrong user on a button, expired page, slow down, internal error). */
export function noticeReply(text: string): InteractionReplyOptions & { flags: MessageFlags.Ephemeral } {
  return { content: truncate(text, LIMITS.content), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS };
}

/**
 * Shows an error only to the user, whatever the interaction's state: a reply when nothing was sent yet; after a
 * public deferral (which a follow-up cannot make ephemeral) the "thinking…" message is deleted first, so the
 * follow-up is a new, ephemeral message; otherwise an ephemeral follow-up.
 */
export async function sendError(interaction: RepliableInteraction, body: InteractionReplyOptions & { flags: MessageFlags.Ephemeral }): Promise<void> {
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply(body);
    return;
  }
  if (interaction.deferred && !interaction.replied && interaction.ephemeral === false) await interaction.deleteReply();
  await interaction.followUp(body);
}

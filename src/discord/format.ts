import { type APIEmbed, escapeMarkdown } from 'discord.js';
import { type ArticleRef, articleLink } from '../engine/index.js';
import { humanDate } from '../render/text.js';

/** Discord's message and embed limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  choiceName: 100,
  choiceValue: 100,
  choices: 25,
} as const;

/** Allowed mentions for every reply: nobody is ever pinged, whatever the text says. */
export const NO_MENTIONS = { parse: [] as never[] };

/** The project's accent colour on embeds. */
export const EMBED_COLOR = 0x2b6cb0;

/** Invisible and direction-changing characters that could make a reply appear to say something else. */
const SPOOFING = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Removes bidi overrides/isolates and control characters (keeps newlines and tabs). */
export function stripSpoofing(text: string): string {
  return text.replace(SPOOFING, '');
}

/**
 * Makes corpus or user text inert in Discord: markdown escaped; mentions, links and invites broken
 * with a zero-width space (nothing in a quoted article can ping, link or invite); spoofing characters removed.
 */
export function inert(text: string): string {
  const escaped = escapeMarkdown(stripSpoofing(text), { italic: false, bold: false, underline: false, numberedList: true, bulletedList: true, heading: true, maskedLink: true });
  return escaped
    .replace(/[*_]/g, '\\$&')
    .replace(/@(everyone|here)/g, '@\u200B$1')
    .replace(/\b(https?|ftp|discord)(:\/\/)/gi, '$1\u200B$2')
    .replace(/\b(discord(?:app)?)\.(gg\/|com\/invite)/gi, '$1\u200B.$2')
    .replace(/<(@[!&]?|#)(\d+)>/g, '<$1\u200B$2>');
}

/**
 * The project's own messages made inert as `inert` does, except their `code` spans (option names such as `` `from` ``),
 * which Discord shows as code: nothing inside a code span renders as markdown, a mention or a link.
 */
export function inertMessage(text: string): string {
  return text
    .split(/(`[^`\n]+`)/)
    .map((part, i) => (i % 2 ? `\`${stripSpoofing(part.slice(1, -1))}\`` : inert(part)))
    .join('');
}

/** Cuts text to at most `max` characters at a word boundary, ending with `…`. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/**
 * The passage as a Discord quote block (`> ` before every line), the highlighted ranges in bold,
 * everything else inert; at most `max` characters, cut at a word with `…` when longer.
 */
export function quoteBlock(text: string, highlights: ReadonlyArray<readonly [number, number]>, max: number): string {
  let cut = Math.min(text.length, max);
  for (;;) {
    const block = quoted(text.slice(0, cut), highlights, cut < text.length);
    if (block.length <= max || cut === 0) return block.slice(0, max);
    cut = Math.floor(cut * 0.8);
  }
}

function quoted(text: string, highlights: ReadonlyArray<readonly [number, number]>, ellipsis: boolean): string {
  let body = '';
  let at = 0;
  for (const [start, end] of highlights) {
    if (start >= text.length) break;
    body += `${inert(text.slice(at, start))}**${inert(text.slice(start, Math.min(end, text.length)))}**`;
    at = Math.min(end, text.length);
  }
  body += inert(text.slice(at));
  if (ellipsis) body = `${body.replace(/\s+\S*$/, '')}…`;
  return body.split('\n').map((line) => `> ${line}`).join('\n');
}

/**
 * An article's day as the publisher wrote it (`20 October 2021`), inert. Not a Discord timestamp: `<t:…:D>` shows the
 * day in each reader's time zone, so a story published on the 28th would read as the 27th in the Americas and disagree
 * with the `from`/`to` filters, which use the publisher's day.
 */
export function discordDate(date: string): string {
  return inert(humanDate(date));
}

/** `Source · <date>` line shown with every cited article. */
export function sourceLine(article: ArticleRef): string {
  return `${inert(article.source)} · ${discordDate(article.date)}`;
}

/** An article title as an embed title (≤ 256 characters, inert). */
export function embedTitle(article: ArticleRef): string {
  return truncate(inert(article.title), LIMITS.embedTitle);
}

/** The longest link put in a masked link (longer ones would crowd out a field's other entries). */
const MAX_MASKED_URL = 512;

/** An article's link as Discord accepts it: a valid http(s) URI, or undefined when it has none that is usable. */
export function articleUrl(article: ArticleRef): string | undefined {
  return article.url ? (articleLink(article.url).url ?? undefined) : undefined;
}

/** An embed's `url` for an article: spread into the embed (nothing when the article has no usable link). */
export function embedLink(article: ArticleRef): { url?: string } {
  const url = articleUrl(article);
  return url ? { url } : {};
}

/**
 * Keeps each URL on the first embed that has it: Discord merges the embeds of a message that share a `url` and
 * shows only the first, so two passages of one article would otherwise show as one.
 */
export function linkEachArticleOnce(embeds: APIEmbed[]): APIEmbed[] {
  const seen = new Set<string>();
  return embeds.map((embed) => {
    if (!embed.url) return embed;
    if (!seen.has(embed.url)) {
      seen.add(embed.url);
      return embed;
    }
    const { url: _shared, ...rest } = embed;
    return rest;
  });
}

/** `[text](url)` for an article (parentheses in the URL encoded so they cannot end the link), or the text alone without a usable link. */
export function maskedLink(text: string, article: ArticleRef): string {
  const url = articleUrl(article);
  return url && url.length <= MAX_MASKED_URL ? `[${text}](${url.replace(/\(/g, '%28').replace(/\)/g, '%29')})` : text;
}

/** Characters an embed counts towards the 6000 total. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** A short, inert text for an autocomplete choice name (1–100 characters). */
export function choiceName(text: string): string {
  return truncate(stripSpoofing(text).replace(/\s+/g, ' ').trim(), LIMITS.choiceName) || '…';
}

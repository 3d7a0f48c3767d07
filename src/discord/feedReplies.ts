/** The `/archive feeds …` replies and the feeds line of `/archive stats`. */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import { type FeedListing, intervalText } from '../feeds/index.js';
import { EMBED_COLOR, LIMITS, NO_MENTIONS, inert, truncate } from './format.js';

/** A time as a Discord relative timestamp (`in 5 minutes`), or a dash. */
const when = (iso: string | undefined): string => (iso ? `<t:${Math.floor(Date.parse(iso) / 1000)}:R>` : '—');

/** One feed as an embed field: where it is, when it was and will be fetched, what it added, what went wrong. */
function feedField({ feed, intervalMs, status }: FeedListing): APIEmbedField {
  const lines = [
    `\`${feed.url.replace(/`/g, '%60')}\``,
    `every ${intervalText(intervalMs)}${feed.lang ? ` · ${feed.lang}` : ''} · last fetch ${when(status?.lastFetch)} · next ${status?.nextFetch ? when(status.nextFetch) : 'now'}`,
    `articles added ${status?.added ?? 0}, updated ${status?.updated ?? 0}`,
    status?.lastError ? `⚠️ ${status.failures} failure(s) in a row: ${inert(truncate(status.lastError, 300))}` : status?.lastSuccess ? `✅ last success ${when(status.lastSuccess)}` : 'not fetched yet',
  ];
  return { name: truncate(inert(feed.source), LIMITS.fieldName), value: truncate(lines.join('\n'), LIMITS.fieldValue) };
}

/** `/archive feeds list`: each followed feed with its status (25 at most; the rest counted). */
export function feedListEmbed(listings: readonly FeedListing[]): { embeds: APIEmbed[]; allowedMentions: typeof NO_MENTIONS } {
  const shown = listings.slice(0, LIMITS.embedFields);
  const more = listings.length - shown.length;
  const description = listings.length
    ? `${listings.length} feed(s) followed${more ? `; the first ${shown.length} shown, ${more} more in feeds.yaml` : ''}.`
    : 'No feed is followed. Add one with `/archive feeds add`, or list feeds in `feeds.yaml` at the top of the corpus folder.';
  const embed: APIEmbed = { color: EMBED_COLOR, title: 'Feeds', description, fields: shown.map(feedField) };
  // Fields of up to 1 KB each can pass the 6000-character total: keep the first ones that fit.
  let total = embed.title!.length + description.length;
  embed.fields = embed.fields!.filter((field) => (total += field.name.length + field.value.length) <= LIMITS.embedTotal - 100);
  return { embeds: [embed], allowedMentions: NO_MENTIONS };
}

/** The `/archive stats` field about feeds: how many, how many failing, the last fetch. */
export function feedStatsField(listings: readonly FeedListing[]): APIEmbedField {
  const failing = listings.filter((l) => l.status?.lastError).length;
  const last = listings.map((l) => l.status?.lastFetch ?? '').sort().at(-1);
  const value = listings.length ? `${listings.length} followed, ${failing} failing · last fetch ${when(last || undefined)}` : 'none followed';
  return { name: 'Feeds', value, inline: false };
}

/** RSS 2.0 (and 1.0), Atom and JSON Feed documents as one list of items: link, title, summary, date. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { htmlParagraphs, htmlText } from './html.js';

/** One entry of a feed, as the feed itself tells it. */
export interface FeedItem {
  /** The article's link (absolute). */
  link: string;
  title: string;
  /** The item's own text, paragraphs separated by blank lines (the full content when the feed carries it). */
  summary: string;
  /** ISO 8601 date-time (UTC), or null when the feed gives none that parses. */
  date: string | null;
}

/** A parsed feed: its title and its items with a link. */
export interface ParsedFeed {
  format: 'rss' | 'atom' | 'json';
  title: string;
  items: FeedItem[];
}

/** A document that is not a feed this reader understands; the message says why. */
export class FeedParseError extends Error {}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  htmlEntities: true,
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
});

type Node = Record<string, unknown>;
const asNode = (value: unknown): Node => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : {});
/** The text of an element: a string, or the `#text` of one with attributes. */
const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : String(asNode(value)['#text'] ?? ''));
const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);

/** An ISO date-time from RFC 822 (RSS) or ISO 8601 (Atom, JSON Feed) text, or null. */
export function feedDate(raw: unknown): string | null {
  const value = text(first(raw)).trim();
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** An absolute http(s) link, resolved against the feed's own URL; null for none (not the feed's own URL) or another scheme. */
function absolute(raw: string, base: string): string | null {
  if (!raw.trim()) return null;
  try {
    const url = new URL(raw.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** An item's text as paragraphs joined by blank lines. */
const body = (html: string): string => htmlParagraphs(html).join('\n\n');

/** The link of an Atom entry: its `rel="alternate"` link, or its first link without a `rel`. */
function atomLink(links: unknown): string {
  const list = (Array.isArray(links) ? links : [links]).map(asNode);
  const chosen = list.find((l) => l['@rel'] === 'alternate') ?? list.find((l) => !l['@rel']) ?? list[0];
  return String(chosen?.['@href'] ?? '');
}

function rssItem(item: Node, base: string): FeedItem | null {
  const link = absolute(text(first(item.link)) || (asNode(item.guid)['@isPermaLink'] !== 'false' ? text(item.guid) : ''), base);
  if (!link) return null;
  const content = text(item['content:encoded']) || text(item.description);
  return { link, title: htmlText(text(item.title)), summary: body(content), date: feedDate(item.pubDate ?? item['dc:date']) };
}

function atomEntry(entry: Node, base: string): FeedItem | null {
  const link = absolute(atomLink(entry.link), base);
  if (!link) return null;
  const content = text(entry.content) || text(entry.summary);
  return { link, title: htmlText(text(entry.title)), summary: body(content), date: feedDate(entry.published ?? entry.updated) };
}

/** JSON Feed 1.x (https://jsonfeed.org/version/1.1), the fields this reader takes. */
const JsonFeed = z.object({
  version: z.string().regex(/jsonfeed\.org/, 'a JSON Feed "version" URL'),
  title: z.string().optional(),
  items: z.array(
    z.looseObject({
      url: z.string().optional(),
      external_url: z.string().optional(),
      title: z.string().optional(),
      content_html: z.string().optional(),
      content_text: z.string().optional(),
      summary: z.string().optional(),
      date_published: z.string().optional(),
      date_modified: z.string().optional(),
    }),
  ),
});

function parseJsonFeed(source: string, base: string): ParsedFeed {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    throw new FeedParseError(`not valid JSON: ${(error as Error).message}`);
  }
  const feed = JsonFeed.safeParse(value);
  if (!feed.success) throw new FeedParseError(`not a JSON Feed: ${z.prettifyError(feed.error).split('\n').slice(0, 2).join(' ')}`);
  const items = feed.data.items.flatMap((item): FeedItem[] => {
    const link = absolute(item.url ?? item.external_url ?? '', base);
    if (!link) return [];
    const summary = item.content_text?.trim() ? item.content_text.trim() : body(item.content_html ?? item.summary ?? '');
    return [{ link, title: htmlText(item.title ?? ''), summary, date: feedDate(item.date_published ?? item.date_modified) }];
  });
  return { format: 'json', title: feed.data.title ?? '', items };
}

/** Parses a feed document fetched from `base`; throws FeedParseError for malformed XML, JSON or an unknown root. */
export function parseFeed(source: string, base: string): ParsedFeed {
  const trimmed = source.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('{')) return parseJsonFeed(trimmed, base);
  const valid = XMLValidator.validate(trimmed);
  if (valid !== true) throw new FeedParseError(`malformed XML at line ${valid.err.line}: ${valid.err.msg}`);
  const document = asNode(parser.parse(trimmed));
  const rss = asNode(document.rss);
  const rdf = asNode(document['rdf:RDF']);
  const atom = asNode(document.feed);
  if ('channel' in rss || 'channel' in rdf) {
    const channel = asNode(first(rss.channel ?? rdf.channel));
    const items = (channel.item ?? rdf.item ?? []) as unknown[];
    return { format: 'rss', title: htmlText(text(channel.title)), items: items.flatMap((i) => rssItem(asNode(i), base) ?? []) };
  }
  if ('entry' in atom || 'title' in atom) {
    const entries = (atom.entry ?? []) as unknown[];
    return { format: 'atom', title: htmlText(text(atom.title)), items: entries.flatMap((e) => atomEntry(asNode(e), base) ?? []) };
  }
  throw new FeedParseError(`not a feed: the document's root is <${Object.keys(document).find((k) => !k.startsWith('?')) ?? 'nothing'}>, not <rss>, <rdf:RDF> or <feed>`);
}

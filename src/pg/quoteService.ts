import type pg from 'pg';
import { speakerAnswer, speakerName, whosaidAnswer, whosaidText } from '../engine/engine.js';
import { type QuoteMatch, type SpeakerQuotes, flagsRead, quoteMatch } from '../engine/quotes/index.js';
import { QuoteLookup } from '../engine/quotes/lookup.js';
import type { QuoteService } from '../engine/quotes/service.js';
import { type ListingWindow, type SpeakerEntry, chooseSpeaker, namesakesOf } from '../engine/quotes/speakerChoice.js';
import { type NameWords, nameKey, nameWords } from '../engine/quotes/speakers.js';
import { WHOSAID } from '../engine/options.js';
import { failure } from '../engine/types.js';
import { FetchedTexts } from './quoteTexts.js';
import { readSnapshot } from './availability.js';
import { LISTING_ORDER } from './speakerListing.js';

/** A stored quotation with its article and its speaker's cluster name, as the statements below select it. */
interface QuotationRow {
  number: string;
  position: number;
  grp: number;
  start_offset: number;
  end_offset: number;
  text: string;
  flags: number;
  speaker: string | null;
  speaker_title: string | null;
  speaker_id: number | null;
  cluster: string | null;
  id: string;
  title: string;
  source: string;
  day: string;
  url: string | null;
}

const QUOTATIONS = `SELECT q.article AS number, q.position, q.grp, q.start_offset, q.end_offset, q.text, q.flags, q.speaker, q.speaker_title, qs.speaker_id, s.name AS cluster, a.id, a.title, a.source, a.day, a.url
  FROM quotations q JOIN articles a ON a.number = q.article
  LEFT JOIN quotation_speakers qs ON qs.article = q.article AND qs.position = q.position LEFT JOIN quote_speakers s ON s.id = qs.speaker_id`;

/** A stored quotation as a match scoring `score`, spoken as the embedded engine tells it. */
function matchOf(r: QuotationRow, score: number): QuoteMatch {
  const row = { article: 0, start: r.start_offset, end: r.end_offset, text: r.text, ...flagsRead(r.flags), speaker: r.speaker, speakerTitle: r.speaker_title };
  return quoteMatch(row, articleOf(r), r.speaker_id === null ? undefined : (r.cluster ?? undefined), score);
}

const articleOf = (r: QuotationRow) => ({ id: r.id, title: r.title, source: r.source, date: r.day, url: r.url });

/**
 * /whosaid, /quotes and speaker autocomplete on PostgreSQL, from the quotation index ingestion
 * stores (migration 005), with the embedded engine's answers: whosaid runs the engine's own lookup
 * over the texts fetched for the query (see `FetchedTexts`), the speakers are the clusters stored
 * at the end of each ingestion run. Each answer reads one snapshot; nothing is kept between
 * answers but the lookup's work space. A database that cannot be reached is an `ArchiveUnavailableError`.
 */
export function postgresQuotes(pool: pg.Pool): QuoteService {
  const lookup = new QuoteLookup();
  return {
    whosaid(quote, limit = WHOSAID.answers) {
      const text = whosaidText(quote);
      if (typeof text !== 'string') return text;
      return readSnapshot(pool, async (client) => whosaidAnswer(text, await whosaid(client, lookup, text, limit)));
    },
    quotesBy(speaker, window) {
      const name = speakerName(speaker);
      if (typeof name !== 'string') return name;
      return readSnapshot(pool, async (client) => speakerAnswer(name, await bySpeaker(client, name, window)));
    },
    quotesIn(articleId) {
      const id = articleId.trim();
      return readSnapshot(pool, async (client) => {
        const article = await client.query<{ number: string }>('SELECT number FROM articles WHERE id = $1', [id]);
        if (!article.rowCount) return failure({ kind: 'unknown-article-id', id });
        const rows = await client.query<QuotationRow>(`${QUOTATIONS} WHERE q.article = $1 ORDER BY q.start_offset, q.position`, [article.rows[0]!.number]);
        return { ok: true, article: id, matches: rows.rows.map((r) => matchOf(r, 1)) };
      });
    },
    speakers: (typed, limit = WHOSAID.speakerChoices) => readSnapshot(pool, (client) => speakers(client, typed, limit)),
  };
}

/** Quotations a text quotes, best first, as `QuoteIndex.whosaid` gives them. */
async function whosaid(client: pg.ClientBase, lookup: QuoteLookup, text: string, limit: number): Promise<QuoteMatch[]> {
  const found = await new FetchedTexts().find(client, lookup, text, limit);
  if (!found.length) return [];
  // Each group's quotations, earliest article first: the first is shown, the others' articles are where it is also found.
  const rows = await client.query<QuotationRow>(`${QUOTATIONS} WHERE q.grp = ANY($1::integer[]) ORDER BY q.grp, a.day COLLATE "C", q.article, q.position`, [found.map((f) => f.group)]);
  const members = new Map<number, QuotationRow[]>();
  for (const r of rows.rows) (members.get(r.grp) ?? members.set(r.grp, []).get(r.grp)!).push(r);
  return found.map(({ group, score, matchedWords }) => {
    const [first, ...others] = members.get(group) ?? [];
    const m = { ...matchOf(first!, score), matchedWords };
    return others.length ? { ...m, alsoIn: others.map(articleOf) } : m;
  });
}

/**
 * That person's quotations, as `QuoteIndex.bySpeaker` gives them: those their listing keeps
 * (`hidden`, src/pg/speakerListing.ts) counted, and the window shown read in the listing's order.
 */
async function bySpeaker(client: pg.ClientBase, name: string, window?: ListingWindow): Promise<SpeakerQuotes | null> {
  const key = (await withNameWords(client, (names) => nameKey(name, names))).join(' ');
  if (!key) return null;
  const tokens = key.split(' ');
  const withKey = await speakersWith(client, 'variants', key);
  // Those with a variant holding the first word: to choose from when no variant is the name, and the namesakes of a bare surname.
  const withFirstWord = withKey.length && tokens.length > 1 ? [] : await speakersWith(client, 'words', tokens[0]!);
  const best = chooseSpeaker(tokens, withKey, () => withFirstWord);
  if (!best) return null;
  const total = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM quotation_speakers q WHERE q.speaker_id = $1 AND NOT q.hidden', [best.id])).rows[0]!.n);
  // The window's places first, from the index alone, then only its rows read and joined: a page deep in the listing skips the rows before it unread.
  const rows = await client.query<QuotationRow>(
    `${QUOTATIONS} JOIN (SELECT q.article, q.position FROM quotation_speakers q WHERE q.speaker_id = $1 AND NOT q.hidden ORDER BY ${LISTING_ORDER} LIMIT $2 OFFSET $3) AS w
       ON w.article = q.article AND w.position = q.position ORDER BY ${LISTING_ORDER}`,
    // A window is whole numbers from 0 (as the front ends give it); anything else is read as the nearest such, not refused by the server.
    [best.id, window ? Math.max(0, Math.floor(window.limit)) : null, window ? Math.max(0, Math.floor(window.offset)) : 0],
  );
  const matches = rows.rows.map((r) => matchOf(r, 1));
  const namesakes = tokens.length === 1 ? namesakesOf(tokens[0]!, best, withFirstWord) : [];
  return { speaker: best.name, matches, total, ...(namesakes.length ? { namesakes } : {}) };
}

/** The speakers, in their order, with `value` among their name variants (`variants`) or their variants' words (`words`). */
async function speakersWith(client: pg.ClientBase, column: 'variants' | 'words', value: string): Promise<SpeakerEntry[]> {
  const rows = await client.query<SpeakerEntry>(`SELECT id, name, quotes AS count, variants FROM quote_speakers WHERE ${column} @> ARRAY[$1::text] ORDER BY rank`, [value]);
  return rows.rows;
}

/**
 * What `read` makes of a name knowing which words are words of the speakers' names: a first reading
 * notes the words it asks about, the second has them answered from the database (each word's answer
 * depends on that word only, so both readings ask about the same words).
 */
async function withNameWords<T>(client: pg.ClientBase, read: (names: NameWords) => T): Promise<T> {
  const asked = new Set<string>();
  read((w) => (asked.add(w), false));
  if (!asked.size) return read(() => false);
  const known = await client.query<{ w: string }>('SELECT w FROM unnest($1::text[]) AS w WHERE EXISTS (SELECT 1 FROM quote_speakers WHERE words @> ARRAY[w])', [[...asked]]);
  const names = new Set(known.rows.map((r) => r.w));
  return read((w) => names.has(w));
}

/** Speakers whose name (any variant) starts with or contains what is typed, as `QuoteIndex.speakers` gives them. */
async function speakers(client: pg.ClientBase, typed: string, limit: number): Promise<Array<{ name: string; count: number }>> {
  const p = (await withNameWords(client, (names) => nameWords(typed, names))).join(' ');
  const order = 'ORDER BY quotes DESC, name COLLATE "C", rank LIMIT $1';
  type Choice = { name: string; count: number };
  if (!p) return (await client.query<Choice>(`SELECT name, quotes AS count FROM quote_speakers ${order}`, [limit])).rows;
  // A variant starting with it (or, for one word, with a word starting with it) comes first; then one holding it.
  const starts = "EXISTS (SELECT 1 FROM unnest(variants) AS v WHERE starts_with(v, $2) OR (NOT $3 AND strpos(v, ' ' || $2) > 0))";
  const holds = 'EXISTS (SELECT 1 FROM unnest(variants) AS v WHERE strpos(v, $2) > 0)';
  const args = [limit, p, p.includes(' ')];
  const picked = (await client.query<Choice>(`SELECT name, quotes AS count FROM quote_speakers WHERE ${starts} ${order}`, args)).rows;
  if (picked.length >= limit) return picked;
  const later = (await client.query<Choice>(`SELECT name, quotes AS count FROM quote_speakers WHERE NOT ${starts} AND ${holds} ${order}`, args)).rows;
  return [...picked, ...later].slice(0, limit);
}

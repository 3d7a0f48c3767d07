/**
 * A speaker's listing for /quotes on PostgreSQL (migrations 014 and 021): which quotations it leaves
 * out, stored as `quotation_speakers.hidden`, and its order in SQL, so a page is a range of the
 * index `quotation_speakers_listing` instead of all the speaker's quotations ordered for each page.
 */

import type pg from 'pg';
import type { Logger } from '../engine/index.js';
import { matchTokens } from '../engine/quotes/fuzzy.js';
import { keptInArticle } from '../engine/quotes/speakerChoice.js';
import { inChunks } from './pool.js';

/**
 * The listing's order over quotations `q`, as `speakerListing` gives it: newest day first, a day's
 * quotations by start across its articles, ties in archive order (by article, then as
 * `keptInArticle` orders one article's: the longer first, which at one start is the later end,
 * then by position). The index `quotation_speakers_listing` holds it after the speaker.
 */
export const LISTING_ORDER = 'q.day DESC, q.start_offset, q.article, q.end_offset DESC, q.position';

/** A quotation as its listing compares it with its speaker's others in its article: its span, and its words' sources (the first given of these). */
export interface ListingSource {
  article: string;
  start_offset: number;
  end_offset: number;
  grp: number | null;
  matching: string | null;
  text: string | null;
}

/** A quotation as `markHidden` reads it: its place, speaker, span, whether hidden, and its words' sources. */
interface GroupedQuotation extends ListingSource {
  position: number;
  speaker_id: number;
  hidden: boolean;
}

/**
 * Of `quotations` with their speakers (`speakerOf`), those the listings leave out: in each article,
 * all of a speaker's quotations but those `keptInArticle` keeps (none of a quotation alone).
 */
export function leftOut<T extends ListingSource>(quotations: readonly T[], speakerOf: (q: T) => number): Set<T> {
  const own = new Map<string, T[]>();
  for (const q of quotations) {
    const key = `${q.article}:${speakerOf(q)}`;
    (own.get(key) ?? own.set(key, []).get(key)!).push(q);
  }
  const out = new Set<T>();
  for (const group of own.values()) {
    if (group.length < 2) continue;
    const kept = new Set(keptInArticle(group.map((q) => ({ q, article: q.article, start: q.start_offset, end: q.end_offset, words: q.grp ?? q.matching ?? matchTokens(q.text!).join(' ') }))).map((k) => k.q));
    for (const q of group) if (!kept.has(q)) out.add(q);
  }
  return out;
}

/**
 * Sets `hidden` of the quotations of the articles numbered `articles` where it changed: in each
 * article, each speaker's quotations that `keptInArticle` leaves out (`leftOut`). Only quotations
 * that share their article with another of their speaker's, or are hidden, are read: a quotation
 * alone of its speaker in its article is always listed. Clustering marks those it writes itself;
 * this marks the quotations stored before the marks were (`fillHidden`).
 */
export async function markHidden(client: pg.ClientBase, articles: readonly string[]): Promise<void> {
  await inChunks(articles, async (chunk) => {
    const rows = await client.query<GroupedQuotation>(
      `SELECT s.article, s.position, s.speaker_id, s.start_offset, s.end_offset, q.grp, CASE WHEN q.grp IS NULL THEN q.matching END AS matching,
              CASE WHEN q.grp IS NULL AND q.matching IS NULL THEN q.text END AS text, s.hidden
       FROM quotation_speakers s JOIN quotations q ON q.article = s.article AND q.position = s.position
       WHERE s.article = ANY($1::bigint[])
         AND (s.hidden OR EXISTS (SELECT 1 FROM quotation_speakers o WHERE o.article = s.article AND o.speaker_id = s.speaker_id AND o.position <> s.position))
       ORDER BY s.article, s.position`,
      [chunk],
    );
    const out = leftOut(rows.rows, (q) => q.speaker_id);
    const changed = rows.rows.filter((q) => q.hidden !== out.has(q));
    if (!changed.length) return;
    await client.query('UPDATE quotation_speakers s SET hidden = u.h FROM unnest($1::bigint[], $2::integer[], $3::boolean[]) AS u(a, p, h) WHERE s.article = u.a AND s.position = u.p', [
      changed.map((q) => q.article),
      changed.map((q) => q.position),
      changed.map((q) => !q.hidden),
    ]);
  });
}

/**
 * Migration 021's data step: marks the hidden quotations among those stored before it, in the
 * articles quoting one speaker more than once (the others have none), saying how many those are.
 * Migration 014 added `hidden`: a database migrated past both at once has none marked until here,
 * while one past 014 already brought its marks along, and is left as it is.
 */
export async function fillHidden(client: pg.ClientBase, logger: Logger): Promise<void> {
  if ((await client.query('SELECT 1 FROM quotation_speakers WHERE hidden LIMIT 1')).rowCount) return;
  const articles = (await client.query<{ article: string }>('SELECT DISTINCT article FROM quotation_speakers GROUP BY article, speaker_id HAVING count(*) > 1')).rows.map((r) => r.article);
  logger.info({ articles: articles.length }, 'listing the quotations of the articles quoting a speaker more than once');
  await markHidden(client, articles);
}

import { cmp } from './lookup.js';
import { WHOSAID } from '../options.js';

/** A speaker as `/quotes` chooses among them: its number in the speakers' order, name, quotations and name variants. */
export interface SpeakerEntry {
  id: number;
  name: string;
  count: number;
  variants: string[];
}

/**
 * The speaker a name key (its words `tokens`) asks for: of the speakers with that very variant
 * (`withKey`, in the speakers' order), else of those with a variant holding all its words (among
 * `withFirstWord()`, those with a variant holding its first word), the most quoted, the first of equals.
 */
export function chooseSpeaker(tokens: readonly string[], withKey: readonly SpeakerEntry[], withFirstWord: () => readonly SpeakerEntry[]): SpeakerEntry | undefined {
  const pool = withKey.length ? withKey : withFirstWord().filter((c) => c.variants.some((v) => tokens.every((t) => v.split(' ').includes(t))));
  let best: SpeakerEntry | undefined;
  for (const c of pool) if (!best || c.count > best.count) best = c;
  return best;
}

/** Other people (quoted twice or more) of `withSurname` with a name ending in the bare surname `surname`, most quoted first, for a user to choose from. */
export function namesakesOf(surname: string, chosen: SpeakerEntry, withSurname: readonly SpeakerEntry[]): Array<{ name: string; count: number }> {
  return withSurname
    .filter((c) => c.id !== chosen.id && c.count > 1 && c.variants.some((v) => v.endsWith(` ${surname}`)))
    .sort((a, b) => b.count - a.count || cmp(a.name, b.name))
    .slice(0, WHOSAID.namesakes)
    .map((c) => ({ name: c.name, count: c.count }));
}

/** A quotation as `/quotes` orders a person's: its article (any key, one per article) and the article's day, its span, and its matching words (any key, equal exactly when the words are). */
export interface ListedQuotation {
  article: string | number;
  date: string;
  start: number;
  end: number;
  words: string | number;
}

/** The part of a listing a page shows: `limit` quotations from number `offset` (0 the newest). */
export interface ListingWindow {
  offset: number;
  limit: number;
}

/**
 * A person's quotations as `/quotes` lists them: newest first, each once (see `keptInArticle`), a
 * day's quotations by start across its articles, ties in the order given. `quotations` come in the
 * archive's quotation order. PostgreSQL stores what `keptInArticle` leaves out and orders the rest
 * the same way in SQL (src/pg/speakerListing.ts).
 */
export function speakerListing<T extends ListedQuotation>(quotations: readonly T[]): T[] {
  const byArticle = new Map<string | number, T[]>();
  for (const q of quotations) {
    const list = byArticle.get(q.article);
    if (list) list.push(q);
    else byArticle.set(q.article, [q]);
  }
  return [...byArticle.values()].flatMap(keptInArticle).sort((a, b) => cmp(b.date, a.date) || a.start - b.start);
}

/**
 * One article's quotations of one person (in archive order) as its listing keeps them, longest
 * first then by start: a quotation lying inside another (the quoted fragment of a reported clause)
 * or repeating another's words (a lead that repeats a later quote) is left out for the fuller one.
 */
export function keptInArticle<T extends Omit<ListedQuotation, 'date'>>(own: readonly T[]): T[] {
  const inside = (m: T, o: T) => o !== m && o.start <= m.start && m.end <= o.end && o.end - o.start > m.end - m.start;
  const seen = new Set<string | number>();
  return [...own]
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)
    .filter((m) => {
      if (seen.has(m.words) || own.some((o) => inside(m, o))) return false;
      seen.add(m.words);
      return true;
    });
}

/** The quotations of `listed` that `window` shows; all of them without one. */
export function windowOf<T>(listed: T[], window?: ListingWindow): T[] {
  return window ? listed.slice(window.offset, window.offset + window.limit) : listed;
}

import type pg from 'pg';
import { EditDistance, similarWords, typoForms } from '../engine/quotes/fuzzy.js';
import type { FoundText, QuoteLookup, QuoteTexts } from '../engine/quotes/lookup.js';

/** What one pass of a lookup asked for that had not been fetched. */
interface Missing {
  counts: Set<string>;
  buckets: Set<string>;
  lists: Set<string>;
  groups: Set<number>;
}

const nothingMissing = (): Missing => ({ counts: new Set(), buckets: new Set(), lists: new Set(), groups: new Set() });

/**
 * The quotation texts one whosaid query reads, fetched from PostgreSQL as the lookup asks for them:
 * a pass of the engine's own `QuoteLookup` runs over what is fetched so far, notes what it asked
 * for that is not (answering it as absent meanwhile), and the next pass runs once that is fetched.
 * The pass that asks for nothing new read only exact values: its answer is the embedded engine's.
 * Passes go word counts and typo buckets of the query's words, then the postings its vote visits
 * and its exact-sequence check reads, then the words of the candidates (with their words' counts).
 */
export class FetchedTexts implements QuoteTexts {
  private readonly counts = new Map<string, number>();
  private readonly buckets = new Map<string, string[]>();
  private readonly lists = new Map<string, number[]>();
  private readonly lengths = new Map<number, number>();
  private readonly tokens = new Map<number, string[]>();
  private readonly dates = new Map<number, string>();
  private missing = nothingMissing();
  private readonly distance = new EditDistance();

  constructor(
    readonly groupCount: number,
    readonly groupLimit: number,
  ) {}

  /** The `limit` best texts for `text` by `lookup`, after fetching through `client` what its passes ask for. */
  async find(client: pg.ClientBase, lookup: QuoteLookup, text: string, limit: number): Promise<FoundText[]> {
    for (;;) {
      const found = lookup.find(this, text, limit);
      const { counts, buckets, lists, groups } = this.missing;
      if (!counts.size && !buckets.size && !lists.size && !groups.size) return found;
      this.missing = nothingMissing();
      if (counts.size || buckets.size) await this.fetchWords(client, [...counts], [...buckets]);
      if (lists.size) await this.fetchPostings(client, [...lists]);
      if (groups.size) await this.fetchGroups(client, [...groups]);
    }
  }

  countOf(w: string): number {
    const n = this.counts.get(w);
    if (n === undefined) this.missing.counts.add(w);
    return n ?? 0;
  }

  groupsWith(w: string): ArrayLike<number> {
    const list = this.lists.get(w);
    if (!list) this.missing.lists.add(w);
    return list ?? [];
  }

  tokensOf(g: number): string[] {
    const words = this.tokens.get(g);
    if (!words) this.missing.groups.add(g);
    return words ?? [];
  }

  lengthOf(g: number): number {
    const length = this.lengths.get(g);
    if (length === undefined) this.missing.groups.add(g);
    return length ?? 1;
  }

  dateOf(g: number): string {
    const date = this.dates.get(g);
    if (date === undefined) this.missing.groups.add(g);
    return date ?? '';
  }

  forms(q: string): Array<[string, number]> {
    return typoForms(q, this.countOf(q) > 0, () => this.similar(q));
  }

  similar(q: string): Map<string, number> {
    return similarWords(q, this.countOf(q) > 0, (bucket) => {
      const words = this.buckets.get(bucket);
      if (!words) this.missing.buckets.add(bucket);
      return words;
    }, this.distance);
  }

  /** The counts of `words` (0 for a word no group holds) and the words of `buckets` with theirs. */
  private async fetchWords(client: pg.ClientBase, words: string[], buckets: string[]): Promise<void> {
    for (const w of words) this.counts.set(w, 0);
    for (const b of buckets) this.buckets.set(b, []);
    const rows = await client.query<{ word: string; groups: number; bucket: string }>(
      'SELECT word, groups, bucket FROM quote_words WHERE word = ANY($1::text[]) OR bucket = ANY($2::text[])',
      [words, buckets],
    );
    for (const r of rows.rows) {
      this.counts.set(r.word, r.groups);
      this.buckets.get(r.bucket)?.push(r.word);
    }
  }

  /** The groups holding `words`, ascending, with their lengths. */
  private async fetchPostings(client: pg.ClientBase, words: string[]): Promise<void> {
    for (const w of words) this.lists.set(w, []);
    const rows = await client.query<{ word: string; groups: number[]; lengths: number[] }>('SELECT word, groups, lengths FROM quote_postings WHERE word = ANY($1::text[]) ORDER BY word, block', [words]);
    for (const r of rows.rows) {
      const list = this.lists.get(r.word)!;
      r.groups.forEach((g, k) => {
        list.push(g);
        this.lengths.set(g, r.lengths[k]!);
      });
    }
  }

  /** The words, lengths and earliest days of `groups`, and the counts of their words. */
  private async fetchGroups(client: pg.ClientBase, groups: number[]): Promise<void> {
    const rows = await client.query<{ id: number; words: string[]; first_day: string; counts: number[] }>(
      `SELECT g.id, g.words, g.first_day,
              ARRAY(SELECT coalesce(w.groups, 0) FROM unnest(g.words) WITH ORDINALITY AS u(word, o) LEFT JOIN quote_words w ON w.word = u.word ORDER BY u.o) AS counts
       FROM quote_groups g WHERE g.id = ANY($1::integer[])`,
      [groups],
    );
    // A group gone meanwhile is read as empty (not asked for again).
    for (const g of groups) [this.tokens.set(g, []), this.lengths.set(g, 0), this.dates.set(g, '')];
    for (const r of rows.rows) {
      this.tokens.set(r.id, r.words);
      this.lengths.set(r.id, r.words.length);
      this.dates.set(r.id, r.first_day);
      r.words.forEach((w, k) => this.counts.set(w, r.counts[k]!));
    }
  }
}

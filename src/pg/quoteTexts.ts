import type pg from 'pg';
import { EditDistance, similarWords, typoForms } from '../engine/quotes/fuzzy.js';
import type { FoundText, QuoteLookup, QuoteTexts } from '../engine/quotes/lookup.js';
import { WHOSAID } from '../engine/options.js';

/** What one pass of a lookup asked for that had not been fetched. */
interface Missing {
  totals: boolean;
  counts: Set<string>;
  buckets: Set<string>;
  lists: Set<string>;
  groups: Set<number>;
  /** Word sequences (joined by spaces) by their rarest word. */
  sequences: Map<string, string>;
}

const nothingMissing = (): Missing => ({ totals: false, counts: new Set(), buckets: new Set(), lists: new Set(), groups: new Set(), sequences: new Map() });

/** What one fetch reads, each part as JSON (parsed much faster than PostgreSQL's array text); null when not asked for or none. */
interface Fetched {
  totals: [number, number] | null;
  words: Array<[string, number, string]> | null;
  lists: Array<[string, number[], number[]]> | null;
  /** Each group's number, earliest day and words joined by spaces (migration 026). */
  groups: Array<[number, string, string]> | null;
  group_counts: Record<string, number | null> | null;
  sequences: Array<[string, number[]]> | null;
}

/**
 * Everything a pass asked for, in one statement: the totals; the counts of words and the words of
 * typo buckets; postings; groups' words and earliest days, with their words' counts; and, as
 * `groupsInSequence` finds them, the groups holding a word sequence among the first of its rarest word's.
 */
const FETCH = `SELECT
  (SELECT json_build_array(groups, (SELECT coalesce(max(id) + 1, 0) FROM quote_groups)) FROM quote_totals WHERE $1) AS totals,
  (SELECT json_agg(json_build_array(word, groups, bucket)) FROM quote_words WHERE word = ANY($2::text[]) OR bucket = ANY($3::text[])) AS words,
  (SELECT json_agg(json_build_array(word, groups, lengths) ORDER BY word, block) FROM quote_postings WHERE word = ANY($4::text[])) AS lists,
  (SELECT json_agg(json_build_array(id, first_day, words)) FROM quote_groups WHERE id = ANY($5::integer[])) AS groups,
  (SELECT json_object_agg(u.x, (SELECT w.groups FROM quote_words w WHERE w.word = u.x))
     FROM (SELECT DISTINCT unnest(string_to_array(words, ' ')) AS x FROM quote_groups WHERE id = ANY($5::integer[])) AS u) AS group_counts,
  (SELECT json_agg(json_build_array(s.sequence, (
     SELECT coalesce(json_agg(h.id ORDER BY h.id), '[]') FROM (
       SELECT q.id FROM (SELECT u.g FROM quote_postings p, unnest(p.groups) WITH ORDINALITY AS u(g, o) WHERE p.word = s.rarest ORDER BY p.block, u.o LIMIT $8) AS f
       JOIN quote_groups q ON q.id = f.g
       WHERE strpos(' ' || q.words || ' ', ' ' || s.sequence || ' ') > 0 ORDER BY q.id LIMIT $9) AS h)))
   FROM unnest($6::text[], $7::text[]) AS s(sequence, rarest)) AS sequences`;

/**
 * The quotation texts one whosaid query reads, fetched from PostgreSQL as the lookup asks for them:
 * a pass of the engine's own `QuoteLookup` runs over what is fetched so far, notes what it asked
 * for that is not (answering it as absent meanwhile), and the next pass runs once that is fetched,
 * in one statement. The pass that asks for nothing new read only exact values: its answer is the
 * embedded engine's. Passes go the totals, word counts and typo buckets of the query's words; then
 * the postings its vote visits and the groups holding its word sequences (found by the database);
 * then the words of the candidates, with their words' counts.
 */
export class FetchedTexts implements QuoteTexts {
  private totals: { groups: number; limit: number } | null = null;
  private readonly counts = new Map<string, number>();
  private readonly buckets = new Map<string, string[]>();
  private readonly lists = new Map<string, number[]>();
  private readonly lengths = new Map<number, number>();
  private readonly tokens = new Map<number, string[]>();
  private readonly dates = new Map<number, string>();
  private readonly sequences = new Map<string, number[]>();
  private missing = nothingMissing();
  private readonly distance = new EditDistance();

  /** The `limit` best texts for `text` by `lookup`, after fetching through `client` what its passes ask for. */
  async find(client: pg.ClientBase, lookup: QuoteLookup, text: string, limit: number): Promise<FoundText[]> {
    for (;;) {
      const found = lookup.find(this, text, limit);
      const asked = this.missing;
      if (!asked.totals && !asked.counts.size && !asked.buckets.size && !asked.lists.size && !asked.groups.size && !asked.sequences.size) return found;
      this.missing = nothingMissing();
      await this.fetch(client, asked);
    }
  }

  get groupCount(): number {
    if (!this.totals) this.missing.totals = true;
    return this.totals?.groups ?? 0;
  }

  get groupLimit(): number {
    if (!this.totals) this.missing.totals = true;
    return this.totals?.limit ?? 0;
  }

  countOf(w: string): number {
    const n = this.counts.get(w);
    if (n === undefined) this.missing.counts.add(w);
    return n ?? 0;
  }

  groupsWith(w: string): ArrayLike<number> {
    const list = this.lists.get(w);
    if (list) return list;
    // Asked for only once its count is known (a pass that guessed the counts would ask for the lists of common words).
    if (this.countOf(w) > 0) this.missing.lists.add(w);
    return [];
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

  inSequence(words: string[]): number[] {
    const sequence = words.join(' ');
    const found = this.sequences.get(sequence);
    if (found) return found;
    // The rarest word, the first of equals (as `groupsInSequence` sorts the words' postings).
    const distinct = [...new Set(words)];
    const counts = distinct.map((w) => this.countOf(w));
    if (distinct.some((w) => !this.counts.has(w))) return [];
    const rarest = counts.indexOf(Math.min(...counts));
    if (counts[rarest] === 0) return [];
    this.missing.sequences.set(sequence, distinct[rarest]!);
    return [];
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

  /** Reads what a pass asked for; what is not found is read as absent (a count of 0, no groups, an empty text), never asked for again. */
  private async fetch(client: pg.ClientBase, asked: Missing): Promise<void> {
    const counts = [...asked.counts];
    const buckets = [...asked.buckets];
    const lists = [...asked.lists];
    const groups = [...asked.groups];
    const sequences = [...asked.sequences];
    const row = (
      await client.query<Fetched>(FETCH, [
        asked.totals,
        counts,
        buckets,
        lists,
        groups,
        sequences.map(([s]) => s),
        sequences.map(([, rarest]) => rarest),
        WHOSAID.exactChecks,
        WHOSAID.exactKept,
      ])
    ).rows[0]!;
    if (asked.totals) this.totals = { groups: row.totals?.[0] ?? 0, limit: row.totals?.[1] ?? 0 };
    for (const w of counts) this.counts.set(w, 0);
    for (const b of buckets) this.buckets.set(b, []);
    for (const [word, n, bucket] of row.words ?? []) {
      this.counts.set(word, n);
      this.buckets.get(bucket)?.push(word);
    }
    for (const w of lists) this.lists.set(w, []);
    for (const [word, ids, lengths] of row.lists ?? []) {
      const list = this.lists.get(word)!;
      ids.forEach((g, k) => {
        list.push(g);
        this.lengths.set(g, lengths[k]!);
      });
    }
    for (const g of groups) {
      this.tokens.set(g, []);
      this.lengths.set(g, 0);
      this.dates.set(g, '');
    }
    for (const [id, day, joined] of row.groups ?? []) {
      const words = joined ? joined.split(' ') : [];
      this.tokens.set(id, words);
      this.lengths.set(id, words.length);
      this.dates.set(id, day);
      for (const w of words) if (!this.counts.has(w)) this.counts.set(w, row.group_counts?.[w] ?? 0);
    }
    for (const [sequence] of sequences) this.sequences.set(sequence, []);
    for (const [sequence, ids] of row.sequences ?? []) this.sequences.set(sequence, ids);
  }
}

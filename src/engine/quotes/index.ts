import { articleRef, type Article, type ArticleRef } from '../types.js';
import { extractQuotations } from './extract.js';
import { alignScore, editDistance, matchTokens, tolerance } from './fuzzy.js';
import { clusterSpeakers, nameKey, type SpeakerCluster } from './speakers.js';
import type { Quotation, QuoteMatch } from './types.js';

export type { Quotation, QuoteMatch } from './types.js';
export { extractQuotations } from './extract.js';

/** Plain code-unit order (ISO dates sort correctly; much faster than localeCompare on large indexes). */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A stored quotation: `[article, start, end, text, direct, speaker, speakerTitle]`. */
type Row = [number, number, number, string, 0 | 1, string | null, string | null];

/** The serialisable content of a quote index (cached on disk beside the search index). */
export interface QuoteIndexData {
  version: 1;
  articles: ArticleRef[];
  quotes: Row[];
  /** Articles whose quotations could not be extracted (an internal error, logged; the rest of the index is whole). */
  failed?: Array<{ id: string; error: string }>;
}

/** The archive's quotations, searchable by text (whosaid), speaker and article. */
export class QuoteIndex {
  private readonly postings = new Map<string, number[]>();
  private readonly vocabulary = new Map<string, string[]>();
  private readonly group: Int32Array;
  private readonly groups: number[][] = [];
  private readonly clusters: SpeakerCluster[];
  private readonly speakerOf: Int32Array;
  private readonly byArticleIdx = new Map<string, number[]>();

  private constructor(private readonly data: QuoteIndexData) {
    const groupOf = new Map<string, number>();
    this.group = new Int32Array(data.quotes.length);
    data.quotes.forEach((row, i) => {
      const toks = matchTokens(row[3]);
      const key = toks.join(' ');
      let g = groupOf.get(key);
      if (g === undefined) {
        groupOf.set(key, (g = this.groups.length));
        this.groups.push([]);
        for (const t of new Set(toks)) this.post(t, g);
      }
      this.groups[g]!.push(i);
      this.group[i] = g;
      const id = data.articles[row[0]]!.id;
      const list = this.byArticleIdx.get(id);
      if (list) list.push(i);
      else this.byArticleIdx.set(id, [i]);
    });
    for (const members of this.groups) members.sort((a, b) => cmp(this.dateOf(a), this.dateOf(b)));
    ({ clusters: this.clusters, of: this.speakerOf } = clusterSpeakers(data.quotes.map((r) => ({ speaker: r[5], speakerTitle: r[6], date: data.articles[r[0]]!.date }))));
  }

  /** Builds the index from its serialised data. */
  static fromJSON(data: QuoteIndexData): QuoteIndex {
    if (data.version !== 1) throw new Error(`unsupported quote index version ${String(data.version)}`);
    return new QuoteIndex(data);
  }

  /** Extracts and indexes the quotations of `articles`. */
  static build(articles: Article[]): QuoteIndex {
    const quotes: Row[] = [];
    const failed: Array<{ id: string; error: string }> = [];
    articles.forEach((a, k) => {
      try {
        for (const q of extractQuotations(a)) quotes.push([k, q.start, q.end, q.text, q.direct ? 1 : 0, q.speaker, q.speakerTitle]);
      } catch (error) {
        failed.push({ id: a.id, error: String((error as Error).stack ?? error).slice(0, 500) });
      }
    });
    return new QuoteIndex({ version: 1, articles: articles.map(articleRef), quotes, ...(failed.length ? { failed } : {}) });
  }

  /** The data to cache; `QuoteIndex.fromJSON(index.toJSON())` gives the same index. */
  toJSON(): QuoteIndexData {
    return this.data;
  }

  /** Articles whose quotations could not be extracted, with the error. */
  get failures(): ReadonlyArray<{ id: string; error: string }> {
    return this.data.failed ?? [];
  }

  /** Number of quotations indexed. */
  get size(): number {
    return this.data.quotes.length;
  }

  /**
   * Quotations matching a (partial, misspelt, differently marked) quote, best first; repeats grouped
   * under the earliest. Candidates come from the inverted index (very common words only vote when the
   * query has nothing rarer), then each is verified by aligning the query with the quotation.
   */
  whosaid(text: string, limit = 5): QuoteMatch[] {
    const query = matchTokens(text);
    if (!query.length) return [];
    const weights = query.map((q) => this.weight(q));
    const votes = new Map<number, number>();
    const common = Math.max(2000, this.groups.length / 50);
    const rare = query.some((q) => (this.postings.get(q)?.length ?? 0) <= common);
    query.forEach((q, i) => {
      if (rare && (this.postings.get(q)?.length ?? 0) > common) return;
      for (const [form, sim] of this.forms(q)) for (const g of this.postings.get(form) ?? []) votes.set(g, (votes.get(g) ?? 0) + weights[i]! * sim);
    });
    const shortlist = [...votes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 60);
    const scored = shortlist.map(([g]) => {
      const first = this.groups[g]![0]!;
      return { g, first, score: alignScore(query, matchTokens(this.data.quotes[first]![3]), weights) };
    });
    scored.sort((a, b) => b.score - a.score || cmp(this.dateOf(a.first), this.dateOf(b.first)));
    return scored.filter((s) => s.score >= 0.5).slice(0, limit).map((s) => {
      const m = this.match(s.first, Math.round(s.score * 1000) / 1000);
      const others = this.groups[s.g]!.slice(1).map((i) => this.data.articles[this.data.quotes[i]![0]]!);
      return others.length ? { ...m, alsoIn: others } : m;
    });
  }

  /** That person's quotations, newest first, name variants merged (`باقري`, `اللواء محمد باقري`). */
  bySpeaker(name: string): { speaker: string; matches: QuoteMatch[] } | null {
    const key = nameKey(name).join(' ');
    if (!key) return null;
    const tokens = key.split(' ');
    const hits = this.clusters.filter((c) => c.variants.includes(key));
    const pool = hits.length ? hits : this.clusters.filter((c) => c.variants.some((v) => tokens.every((t) => v.split(' ').includes(t))));
    const best = pool.sort((a, b) => b.quotes.length - a.quotes.length)[0];
    if (!best) return null;
    const matches = best.quotes.map((i) => this.match(i, 1)).sort((a, b) => cmp(b.article.date, a.article.date) || a.start - b.start);
    return { speaker: best.name, matches };
  }

  /** Speakers whose name (any variant) starts with or contains `prefix`, most quoted first, for autocomplete. */
  speakers(prefix = '', limit = 25): Array<{ name: string; count: number }> {
    const p = matchTokens(prefix).join(' ');
    const rank = (c: SpeakerCluster) => (!p ? 1 : c.variants.some((v) => v.startsWith(p) || v.split(' ').some((w) => w.startsWith(p))) ? 2 : c.variants.some((v) => v.includes(p)) ? 1 : 0);
    return this.clusters
      .map((c) => ({ c, r: rank(c) }))
      .filter((x) => x.r > 0)
      .sort((a, b) => b.r - a.r || b.c.quotes.length - a.c.quotes.length || cmp(a.c.name, b.c.name))
      .slice(0, limit)
      .map(({ c }) => ({ name: c.name, count: c.quotes.length }));
  }

  /** Every quotation of one article, in text order. */
  byArticle(articleId: string): QuoteMatch[] {
    return (this.byArticleIdx.get(articleId) ?? []).map((i) => this.match(i, 1)).sort((a, b) => a.start - b.start);
  }

  /** The quotation overlapping `[start, end)` of an article most (so a search passage can show its speaker). */
  quoteAt(articleId: string, start: number, end: number): Quotation | undefined {
    let best: Row | undefined;
    let bestOverlap = 0;
    for (const i of this.byArticleIdx.get(articleId) ?? []) {
      const row = this.data.quotes[i]!;
      const overlap = Math.min(end, row[2]) - Math.max(start, row[1]);
      if (overlap > bestOverlap) [best, bestOverlap] = [row, overlap];
    }
    return best && { start: best[1], end: best[2], text: best[3], direct: best[4] === 1, speaker: best[5], speakerTitle: best[6], mention: '', cue: '' };
  }

  private match(i: number, score: number): QuoteMatch {
    const [a, start, end, quote, direct, , speakerTitle] = this.data.quotes[i]!;
    const c = this.speakerOf[i]!;
    const speaker = c >= 0 ? this.clusters[c]!.name : null;
    return { speaker, speakerTitle, quote, direct: direct === 1, article: this.data.articles[a]!, start, end, score };
  }

  private dateOf(i: number): string {
    return this.data.articles[this.data.quotes[i]![0]]!.date;
  }

  private post(token: string, g: number): void {
    const list = this.postings.get(token);
    if (list) list.push(g);
    else {
      this.postings.set(token, [g]);
      const bucket = `${token.slice(0, 2)}|${token.length}`;
      const words = this.vocabulary.get(bucket);
      if (words) words.push(token);
      else this.vocabulary.set(bucket, [token]);
    }
  }

  private weight(token: string): number {
    const df = this.postings.get(token)?.length ?? 1;
    return Math.log(1 + this.groups.length / df);
  }

  /** Indexed words a query word may stand for: itself, or spellings within its typo tolerance sharing its first two letters. */
  private forms(q: string): Array<[string, number]> {
    const max = tolerance(q);
    if (this.postings.has(q) || !max) return [[q, 1]];
    const out: Array<[string, number]> = [];
    for (let len = q.length - max; len <= q.length + max; len++) {
      for (const w of this.vocabulary.get(`${q.slice(0, 2)}|${len}`) ?? []) if (editDistance(q, w, max) <= max) out.push([w, 0.8]);
    }
    return out;
  }
}

/** Extracts and indexes the quotations of `articles`. */
export function buildQuoteIndex(articles: Article[]): QuoteIndex {
  return QuoteIndex.build(articles);
}

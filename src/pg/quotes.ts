import type pg from 'pg';
import { QuoteIndex, type Row, flagsRead } from '../engine/quotes/index.js';
import type { Article } from '../engine/types.js';

/** The quotations PostgreSQL keeps, as a quote index, and the ids of the archive's articles. */
export interface StoredQuotes {
  index: QuoteIndex;
  articleIds: Set<string>;
}

interface QuotationRecord {
  id: string;
  title: string;
  source: string;
  day: string;
  url: string | null;
  start_offset: number;
  end_offset: number;
  text: string;
  flags: number;
  speaker: string | null;
  speaker_title: string | null;
  matching: string | null;
}

/**
 * Reads the quotations the ingestion stored (the engine's own reader's rows, in article order as
 * the embedded build keeps them) into the engine's quote index: whosaid, speaker name merging and
 * namesakes then give the embedded answers. It holds the quotations and their citations only, not
 * the articles' bodies or terms.
 */
export async function readStoredQuotes(pool: pg.Pool): Promise<StoredQuotes> {
  const [quotations, ids] = await Promise.all([
    pool.query<QuotationRecord>(
      `SELECT a.id, a.title, a.source, a.day, a.url, q.start_offset, q.end_offset, q.text, q.flags, q.speaker, q.speaker_title, q.matching
       FROM quotations q JOIN articles a ON a.number = q.article ORDER BY q.article, q.position`,
    ),
    pool.query<{ id: string }>('SELECT id FROM articles'),
  ]);
  const articles: Article[] = [];
  const rows: Row[] = [];
  const matching: Array<string | null> = [];
  for (const r of quotations.rows) {
    if (articles[articles.length - 1]?.id !== r.id) {
      articles.push({ id: r.id, title: r.title, source: r.source, date: r.day, url: r.url, body: '', lang: '', author: null, file: '' });
    }
    rows.push({ article: articles.length - 1, start: r.start_offset, end: r.end_offset, text: r.text, ...flagsRead(r.flags), speaker: r.speaker, speakerTitle: r.speaker_title });
    matching.push(r.matching);
  }
  return { index: QuoteIndex.fromRows(articles, [{ quotes: rows, matching, failed: [] }]), articleIds: new Set(ids.rows.map((r) => r.id)) };
}

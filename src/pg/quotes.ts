import type pg from 'pg';
import { QuoteIndex, type Row, flagsRead } from '../engine/quotes/index.js';
import { inTransaction } from './migrate.js';
import type { Article } from '../engine/types.js';

/** The quotations PostgreSQL keeps, as a quote index, and the ids of the archive's articles. */
export interface StoredQuotes {
  index: QuoteIndex;
  articleIds: Set<string>;
}

interface QuotationRecord {
  article: string;
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
 * namesakes then give the embedded answers. It holds the quotations and the citations of their
 * articles only, not the articles' bodies or terms.
 */
export async function readStoredQuotes(pool: pg.Pool): Promise<StoredQuotes> {
  const client = await pool.connect();
  // One snapshot: a batch committed meanwhile is read whole or not at all.
  const [cited, quotations, ids] = await inTransaction(
    client,
    async () => [
      await client.query<{ number: string; id: string; title: string; source: string; day: string; url: string | null }>(
        'SELECT number, id, title, source, day, url FROM articles a WHERE EXISTS (SELECT 1 FROM quotations q WHERE q.article = a.number) ORDER BY number',
      ),
      await client.query<QuotationRecord>('SELECT article, start_offset, end_offset, text, flags, speaker, speaker_title, matching FROM quotations ORDER BY article, position'),
      await client.query<{ id: string }>('SELECT id FROM articles'),
    ] as const,
    'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
  ).finally(() => client.release());
  const numbered = new Map(cited.rows.map((a, k) => [a.number, k]));
  const articles: Article[] = cited.rows.map((a) => ({ id: a.id, title: a.title, source: a.source, date: a.day, url: a.url, body: '', lang: '', author: null, file: '' }));
  const rows: Row[] = quotations.rows.map((r) => ({ article: numbered.get(r.article)!, start: r.start_offset, end: r.end_offset, text: r.text, ...flagsRead(r.flags), speaker: r.speaker, speakerTitle: r.speaker_title }));
  const matching = quotations.rows.map((r) => r.matching);
  return { index: QuoteIndex.fromRows(articles, [{ quotes: rows, matching, failed: [] }]), articleIds: new Set(ids.rows.map((r) => r.id)) };
}

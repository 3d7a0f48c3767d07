import type pg from 'pg';
import type { Logger } from '../engine/index.js';
import { type CopyValue, copyInto } from './copy.js';
import { encodeTermKeys } from './termKeys.js';

/** Rows read and written at a time (each passage's terms are a few hundred bytes). */
const PAGE = 50_000;

/** Rows between two progress lines (about a minute's work). */
const REPORT_EVERY = 1_000_000;

/** A stored document's number, field length and terms with their counts. */
interface StoredTerms {
  number: string;
  length: number;
  terms: string[];
  tfs: number[];
}

/**
 * Fills `passage_keys` and `article_keys` (migration 009) for the articles stored before them, a
 * page at a time in number order, on `client`'s transaction: ingestion writes them for every
 * article it stores from then on.
 */
export async function fillTermKeys(client: pg.ClientBase, logger: Logger): Promise<void> {
  const passages = await fill(client, 'passage_keys', ['id', 'length', 'keys'], 'SELECT id AS number, length, terms, tfs FROM passages WHERE id > $1 ORDER BY id LIMIT $2', logger);
  const titles = await fill(client, 'article_keys', ['number', 'length', 'keys'], 'SELECT number, title_length AS length, title_terms AS terms, title_tfs AS tfs FROM articles WHERE number > $1 ORDER BY number LIMIT $2', logger);
  if (passages + titles) logger.info({ passages, titles }, 'term keys filled for the stored articles');
}

/** Copies the keys of every row `select` pages through into `table`, saying how far it is on long runs; returns how many. */
async function fill(client: pg.ClientBase, table: string, columns: string[], select: string, logger: Logger): Promise<number> {
  let after = '0';
  let filled = 0;
  for (;;) {
    const { rows } = await client.query<StoredTerms>(select, [after, PAGE]);
    if (!rows.length) return filled;
    await copyInto(client, table, columns, rows.map((r): CopyValue[] => [r.number, r.length, encodeTermKeys(r.terms, r.tfs)]));
    if (Math.floor((filled + rows.length) / REPORT_EVERY) > Math.floor(filled / REPORT_EVERY)) logger.info({ table, filled: filled + rows.length }, 'filling term keys');
    filled += rows.length;
    after = rows.at(-1)!.number;
  }
}

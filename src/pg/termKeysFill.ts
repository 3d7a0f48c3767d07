import type pg from 'pg';
import type { Logger } from '../engine/index.js';
import { type CopyValue, copyInto } from './copy.js';
import { PASSAGE_KEY_COLUMNS, encodeTermKeys, passageKeysRow } from './termKeys.js';

/** Passages read and written at a time (each one's keys are a few hundred bytes). */
const PAGE = 50_000;

/** Passages between two progress lines (about a minute's work). */
const REPORT_EVERY = 1_000_000;

/** A stored passage's number and terms, and its article's number and title terms, with counts and lengths. */
interface StoredTerms {
  id: string;
  length: number;
  terms: string[];
  tfs: number[];
  article: string;
  title_length: number;
  title_terms: string[];
  title_tfs: number[];
}

/**
 * Fills `passage_keys` (migration 009) for the passages stored before it, a page at a time in
 * number order, on `client`'s transaction, saying how far it is on long runs: ingestion writes the
 * keys of every passage it stores from then on.
 */
export async function fillTermKeys(client: pg.ClientBase, logger: Logger): Promise<void> {
  let after = '0';
  let filled = 0;
  let title: { article: string; length: number; keys: Uint8Array } = { article: '', length: 0, keys: new Uint8Array(0) };
  for (;;) {
    const { rows } = await client.query<StoredTerms>(
      `SELECT p.id, p.length, p.terms, p.tfs, p.article, a.title_length, a.title_terms, a.title_tfs
       FROM passages p JOIN articles a ON a.number = p.article WHERE p.id > $1 ORDER BY p.id LIMIT $2`,
      [after, PAGE],
    );
    if (!rows.length) break;
    const keys = rows.map((r): CopyValue[] => {
      // An article's passages are numbered in a row: its title is encoded once for all of them.
      if (title.article !== r.article) title = { article: r.article, length: r.title_length, keys: encodeTermKeys(r.title_terms, r.title_tfs) };
      return [r.id, ...passageKeysRow({ length: r.length, keys: encodeTermKeys(r.terms, r.tfs) }, title)];
    });
    await copyInto(client, 'passage_keys', PASSAGE_KEY_COLUMNS, keys);
    if (Math.floor((filled + rows.length) / REPORT_EVERY) > Math.floor(filled / REPORT_EVERY)) logger.info({ filled: filled + rows.length }, 'filling term keys');
    filled += rows.length;
    after = rows.at(-1)!.id;
  }
  if (filled) logger.info({ passages: filled }, 'term keys filled for the stored passages');
}

/**
 * The candidates of a PostgreSQL `/ask` and their term counts: the candidates the generating terms'
 * postings bring, then the commoner terms counted for them, from their rows of term keys or from
 * those terms' postings merged with them.
 */

import type pg from 'pg';
import { Candidates } from './candidates.js';
import { countOf, termKey } from './termKeys.js';
import { type PostingTable, type StoredPostings, TEXT_POSTINGS, TITLE_POSTINGS, readPostingRows } from './postingTables.js';
import { forEachMatch } from '../engine/util/sorted.js';
import { matchPacked } from './packedPostings.js';
import { copyBinaryOut } from './copyBinary.js';

/** The candidates the generating terms `textTerms` and `titleTerms` bring from their postings, with those terms' counts (in the columns `column` gives) and the fields' lengths the postings tell. */
export async function generatedCandidates(db: pg.ClientBase, textTerms: string[], titleTerms: string[], column: Map<string, number>): Promise<Candidates> {
  const text = (await termRows(db, TEXT_POSTINGS, textTerms)).map(({ term, columns: [passages, tfs, lengths, articles] }) => ({ term, passages: passages!, tfs: tfs!, lengths: lengths!, articles: articles! }));
  const title = (await termRows(db, TITLE_POSTINGS, titleTerms)).map(({ term, columns: [articles, tfs, lengths, firsts, counts] }) => ({ term, articles: articles!, tfs: tfs!, lengths: lengths!, firsts: firsts!, counts: counts! }));
  let total = 0;
  for (const row of text) total += row.passages.length;
  for (const row of title) for (const count of row.counts) total += count;
  const numbers = new Float64Array(total);
  let at = 0;
  for (const row of text) {
    numbers.set(row.passages, at);
    at += row.passages.length;
  }
  for (const row of title) row.firsts.forEach((first, i) => {
    for (let passage = first; passage < first + row.counts[i]!; passage++) numbers[at++] = passage;
  });
  const found = Candidates.of(numbers, column.size);
  for (const row of text) {
    const at = column.get(row.term)!;
    forEachMatch(found.ids, row.passages, (i, c) => {
      found.articles[c] = row.articles[i]!;
      found.lengths[c] = row.lengths[i]!;
      found.textTfs[c * found.width + at] = row.tfs[i]!;
    });
  }
  for (const row of title) {
    const at = column.get(row.term)!;
    row.firsts.forEach((first, i) => {
      // An article's passages are numbered in a run, so they are candidates in a run.
      for (let c = found.indexOf(first), end = c + row.counts[i]!; c < end; c++) {
        found.articles[c] = row.articles[i]!;
        found.titleLengths[c] = row.lengths[i]!;
        found.titleTfs[c * found.width + at] = row.tfs[i]!;
      }
    });
  }
  return found;
}

/**
 * Counts `textTerms` and `titleTerms` for every candidate of `found`, in the columns `column` gives,
 * from their rows of term keys (one compact row a passage, holding its article's title keys too),
 * `perStatement` candidates a statement: each term's count found by its key, so the server only
 * fetches rows, a cost that follows the candidates, not the archive.
 */
export async function countFromKeys(db: pg.ClientBase, found: Candidates, textTerms: string[], titleTerms: string[], column: Map<string, number>, perStatement: number): Promise<void> {
  // A binary COPY (`copyBinaryOut`): the keys arrive as stored; a field with no term to count is not sent.
  const keysOf = (name: string, terms: string[]) => (terms.length ? name : 'NULL::bytea');
  const wanted = (terms: string[]) => terms.map((term) => ({ key: termKey(term), at: column.get(term)! }));
  const [wantedText, wantedTitle] = [wanted(textTerms), wanted(titleTerms)];
  const none = Buffer.alloc(0);
  for (let from = 0; from < found.size; from += perStatement) {
    const to = Math.min(found.size, from + perStatement);
    const rows = await copyBinaryOut(db, `SELECT id, length, ${keysOf('keys', textTerms)}, title_length, ${keysOf('title_keys', titleTerms)} FROM passage_keys WHERE id = ANY($1::bigint[])`, [
      found.ids.subarray(from, to),
    ]);
    for (const [id, length, textKeys, titleLength, titleKeys] of rows) {
      const c = found.indexOf(Number(id!.readBigInt64BE(0)), from, to);
      found.lengths[c] = length!.readInt32BE(0);
      found.titleLengths[c] = titleLength!.readInt32BE(0);
      for (const { key, at } of wantedText) found.textTfs[c * found.width + at] = countOf(textKeys ?? none, key);
      for (const { key, at } of wantedTitle) found.titleTfs[c * found.width + at] = countOf(titleKeys ?? none, key);
    }
  }
}

/**
 * Counts `textTerms` and `titleTerms` for every candidate of `found`, in the columns `column`
 * gives, from those terms' postings: their rows' packed postings (about 3 bytes each), every term's
 * rows in the same statements (`readPackedRows`, `pageRows` rows a statement), each row merged here
 * with the candidates (both in document order).
 */
export async function countFromPostings(db: pg.ClientBase, found: Candidates, textTerms: string[], titleTerms: string[], column: Map<string, number>, pageRows: number): Promise<void> {
  const [first, last] = [found.ids[0]!, found.ids[found.size - 1]!];
  const textColumns = textTerms.map((term) => column.get(term)!);
  for await (const { term, block, packed } of readPackedRows(db, 'text_postings', textTerms, first, last, pageRows)) {
    const at = textColumns[term]!;
    matchPacked(packed, block, found.ids, (c, tf, length) => {
      found.lengths[c] = length;
      found.textTfs[c * found.width + at] = tf;
    });
  }
  if (!titleTerms.length) return;
  const byArticle = ArticleRuns.of(found);
  const [firstArticle, lastArticle] = [byArticle.articles[0]!, byArticle.articles[byArticle.articles.length - 1]!];
  const titleColumns = titleTerms.map((term) => column.get(term)!);
  for await (const { term, block, packed } of readPackedRows(db, 'title_postings', titleTerms, firstArticle, lastArticle, pageRows)) {
    const at = titleColumns[term]!;
    matchPacked(packed, block, byArticle.articles, (k, tf, length) => {
      for (let r = byArticle.starts[k]!; r < byArticle.starts[k + 1]!; r++) {
        const c = byArticle.rows[r]!;
        found.titleLengths[c] = length;
        found.titleTfs[c * found.width + at] = tf;
      }
    });
  }
}

/** The candidates grouped by article: the distinct articles ascending, and the rows of article `k` at `rows[starts[k]]` to `rows[starts[k + 1] - 1]`. */
class ArticleRuns {
  private constructor(
    readonly articles: Float64Array,
    readonly starts: Int32Array,
    readonly rows: Int32Array,
  ) {}

  static of(found: Candidates): ArticleRuns {
    const rows = Int32Array.from({ length: found.size }, (_, c) => c);
    // Passages are numbered after their article, so the candidates are in article order already; sorting is a safeguard.
    let ordered = true;
    for (let c = 1; c < found.size && ordered; c++) ordered = found.articles[c - 1]! <= found.articles[c]!;
    if (!ordered) rows.sort((x, y) => found.articles[x]! - found.articles[y]! || x - y);
    const articles: number[] = [];
    const starts: number[] = [];
    rows.forEach((c, r) => {
      if (r === 0 || found.articles[c] !== articles[articles.length - 1]) {
        articles.push(found.articles[c]!);
        starts.push(r);
      }
    });
    starts.push(rows.length);
    return new ArticleRuns(Float64Array.from(articles), Int32Array.from(starts), rows);
  }
}


/** A postings row as `readPackedRows` gives it: the index of its term in the terms asked, its block, its packed postings. */
interface CountedRow {
  term: number;
  block: number;
  packed: Buffer;
}

/**
 * The rows of `terms`' postings in `table` that may hold documents numbered `first` to `last`, in
 * no set order across rows (each is matched on its own), every term's in the same statements: up
 * to `pageRows` rows a statement, shared evenly by the terms still to read, each term's in block
 * order, so a term whose share was full goes on after its last block in the next. A row's block is
 * its first document, so a term's rows start at its last block starting at or before `first`.
 * One statement for all of a question's terms rather than one a term (each costs a round trip and
 * wakes the server), read as a binary COPY (`copyBinaryOut`): the packed bytes arrive as they are
 * stored, where a result sends them as text (300 questions at 1M, three alternated runs: median
 * 25.0-27.1 ms against 29.4-31.3 in base64).
 */
async function* readPackedRows(db: pg.ClientBase, table: 'text_postings' | 'title_postings', terms: readonly string[], first: number, last: number, pageRows: number): AsyncGenerator<CountedRow> {
  let asked = terms.map((_, k) => k);
  let bounds = asked.map(() => first);
  let from = `t.block >= coalesce((SELECT max(b.block) FROM ${table} b WHERE b.term = q.term AND b.block <= q.bound), 0)`;
  while (asked.length) {
    const share = Math.max(1, Math.floor(pageRows / asked.length));
    const rows = await copyBinaryOut(
      db,
      `SELECT q.k, p.block, p.packed FROM unnest($1::text[], $2::bigint[], $3::integer[]) AS q(term, bound, k)
       CROSS JOIN LATERAL (SELECT t.block, t.packed FROM ${table} t WHERE t.term = q.term AND ${from} AND t.block <= $4::bigint ORDER BY t.block LIMIT $5::integer) AS p`,
      [asked.map((k) => terms[k]!), bounds, asked, last, share],
    );
    const read = new Map<number, { rows: number; lastBlock: number }>();
    for (const [k, sentBlock, packed] of rows) {
      const [term, block] = [k!.readInt32BE(0), Number(sentBlock!.readBigInt64BE(0))];
      const seen = read.get(term);
      read.set(term, { rows: (seen?.rows ?? 0) + 1, lastBlock: Math.max(seen?.lastBlock ?? block, block) });
      yield { term, block, packed: packed! };
    }
    asked = asked.filter((k) => read.get(k)?.rows === share);
    bounds = asked.map((k) => read.get(k)!.lastBlock);
    from = 't.block > q.bound';
  }
}

/** The rows of postings of `terms` in `table`, unpacked, in no set order. */
function termRows(db: pg.ClientBase, table: PostingTable, terms: string[]): Promise<StoredPostings[]> {
  return terms.length ? readPostingRows(db, table, `${table.name} b WHERE b.term = ANY($1::text[])`, [terms]) : Promise.resolve([]);
}

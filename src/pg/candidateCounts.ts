/**
 * The candidates of a PostgreSQL `/ask` and their term counts: the candidates the generating terms'
 * postings bring, then the commoner terms counted for them, from their rows of term keys or from
 * those terms' postings merged with them.
 */

import type { Db } from './pool.js';
import { Candidates } from './candidates.js';
import { countOf, termKey } from './termKeys.js';
import { sentIntegers } from './sentArrays.js';
import { forEachMatch } from '../engine/util/sorted.js';
import { matchPacked } from './packedPostings.js';
import { copyBinaryOut } from './copyBinary.js';

/**
 * A bytea expression as a statement sends it: in base64. node-pg reads every value as text, and
 * bytea's own text, hex, doubles the bytes: the 6 MB of packed postings of a nine-word question at
 * 1M took 23 ms in base64 against 52 ms in hex, and the median question 33 against 41 ms.
 */
const inBase64 = (bytes: string) => `encode(${bytes}, 'base64')`;

/** An integer array column in its binary form (`array_send`), sent in base64. */
const sent = (column: string) => inBase64(`array_send(${column})`);

/** The integers of an array column sent as `sent` sends it. */
const received = (base64: string) => sentIntegers(Buffer.from(base64, 'base64'));

/** The candidates the generating terms `textTerms` and `titleTerms` bring from their postings, with those terms' counts (in the columns `column` gives) and the fields' lengths the postings tell. */
export async function generatedCandidates(db: Db, textTerms: string[], titleTerms: string[], column: Map<string, number>): Promise<Candidates> {
  const [text, title] = [await textPostings(db, textTerms), await titlePostings(db, titleTerms)];
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
export async function countFromKeys(db: Db, found: Candidates, textTerms: string[], titleTerms: string[], column: Map<string, number>, perStatement: number): Promise<void> {
  // In base64 (`inBase64`: 49 against 76 ms a question in hex for 60 questions at 1M, loaded machine); a field with no term to count is not sent.
  const keysOf = (name: string, terms: string[]) => (terms.length ? inBase64(name) : 'NULL');
  const wanted = (terms: string[]) => terms.map((term) => ({ key: termKey(term), at: column.get(term)! }));
  const [wantedText, wantedTitle] = [wanted(textTerms), wanted(titleTerms)];
  for (let from = 0; from < found.size; from += perStatement) {
    const to = Math.min(found.size, from + perStatement);
    const result = await db.query<{ id: string; length: number; keys: string | null; title_length: number; title_keys: string | null }>(
      `SELECT id, length, ${keysOf('keys', textTerms)} AS keys, title_length, ${keysOf('title_keys', titleTerms)} AS title_keys FROM passage_keys WHERE id = ANY($1::bigint[])`,
      [Array.from(found.ids.subarray(from, to))],
    );
    for (const r of result.rows) {
      const c = found.indexOf(Number(r.id), from, to);
      found.lengths[c] = r.length;
      found.titleLengths[c] = r.title_length;
      const [textKeys, titleKeys] = [Buffer.from(r.keys ?? '', 'base64'), Buffer.from(r.title_keys ?? '', 'base64')];
      for (const { key, at } of wantedText) found.textTfs[c * found.width + at] = countOf(textKeys, key);
      for (const { key, at } of wantedTitle) found.titleTfs[c * found.width + at] = countOf(titleKeys, key);
    }
  }
}

/**
 * Counts `textTerms` and `titleTerms` for every candidate of `found`, in the columns `column`
 * gives, from those terms' postings: their rows' packed postings (about 3 bytes each), every term's
 * rows in the same statements (`readPackedRows`, `pageRows` rows a statement), each row merged here
 * with the candidates (both in document order).
 */
export async function countFromPostings(db: Db, found: Candidates, textTerms: string[], titleTerms: string[], column: Map<string, number>, pageRows: number): Promise<void> {
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
interface PackedRow {
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
async function* readPackedRows(db: Db, table: 'text_postings' | 'title_postings', terms: readonly string[], first: number, last: number, pageRows: number): AsyncGenerator<PackedRow> {
  let asked = terms.map((_, k) => k);
  let bounds = asked.map(() => first);
  let from = `t.block >= coalesce((SELECT max(b.block) FROM ${table} b WHERE b.term = q.term AND b.block <= q.bound), 0)`;
  while (asked.length) {
    const share = Math.max(1, Math.floor(pageRows / asked.length));
    const rows = await copyBinaryOut(
      db,
      `SELECT q.k, p.block, p.packed FROM jsonb_to_recordset($1::jsonb) AS q(term text, bound bigint, k integer)
       CROSS JOIN LATERAL (SELECT t.block, t.packed FROM ${table} t WHERE t.term = q.term AND ${from} AND t.block <= $2::bigint ORDER BY t.block LIMIT $3::integer) AS p`,
      [JSON.stringify(asked.map((k, i) => ({ term: terms[k]!, bound: bounds[i]!, k }))), last, share],
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

/** A generating term's text postings in one row: the passages holding it, ascending, with their article, the term's count and the passage's length. */
interface TextPostings {
  term: string;
  passages: Float64Array;
  articles: Float64Array;
  tfs: Float64Array;
  lengths: Float64Array;
}

/** A generating term's title postings in one row: the articles holding it, the term's count, the title's length and the article's passages (`counts` from `firsts`). */
interface TitlePostings {
  term: string;
  articles: Float64Array;
  tfs: Float64Array;
  lengths: Float64Array;
  firsts: Float64Array;
  counts: Float64Array;
}

/** All the text postings of `terms`: the rows' arrays, sent in binary and unpacked here. */
async function textPostings(db: Db, terms: string[]): Promise<TextPostings[]> {
  if (!terms.length) return [];
  const result = await db.query<{ term: string; passages: string; articles: string; tfs: string; lengths: string }>(
    `SELECT term, ${sent('passages')} AS passages, ${sent('articles')} AS articles, ${sent('tfs')} AS tfs, ${sent('lengths')} AS lengths FROM text_postings WHERE term = ANY($1::text[])`,
    [terms],
  );
  return result.rows.map((r) => ({ term: r.term, passages: received(r.passages), articles: received(r.articles), tfs: received(r.tfs), lengths: received(r.lengths) }));
}

/** All the title postings of `terms`, with each article's passage range: the rows' arrays, sent in binary and unpacked here. */
async function titlePostings(db: Db, terms: string[]): Promise<TitlePostings[]> {
  if (!terms.length) return [];
  const result = await db.query<{ term: string; articles: string; tfs: string; lengths: string; first_passages: string; passage_counts: string }>(
    `SELECT term, ${sent('articles')} AS articles, ${sent('tfs')} AS tfs, ${sent('lengths')} AS lengths, ${sent('first_passages')} AS first_passages, ${sent('passage_counts')} AS passage_counts
     FROM title_postings WHERE term = ANY($1::text[])`,
    [terms],
  );
  return result.rows.map((r) => ({
    term: r.term,
    articles: received(r.articles),
    tfs: received(r.tfs),
    lengths: received(r.lengths),
    firsts: received(r.first_passages),
    counts: received(r.passage_counts),
  }));
}


import { describe, expect, it } from 'vitest';
import { joinPacked, matchPacked, packBatchPostings, packColumns, packPostings, unpackColumns, unpackPostings } from '../../src/pg/packedPostings.js';
import { freshDatabase, useEmbeddedServer } from './database.js';

const server = useEmbeddedServer();

/** Rows of postings at the edges of the code's byte lengths: each document's distance, count and length cross 2^7, 2^14 and 2^29. */
const ROWS = [
  { block: 0, documents: [0, 1, 2], tfs: [1, 1, 2], lengths: [12, 40, 7] },
  { block: 1000, documents: [1000 + 127, 1000 + 255, 1000 + 255 + 128], tfs: [127, 128, 1], lengths: [0, 127, 128] },
  { block: 5, documents: [5 + 16383, 5 + 16383 + 16384], tfs: [16383, 16384], lengths: [32767, 65536] },
  { block: 2 ** 31, documents: [2 ** 31 + 2 ** 29 - 1, 2 ** 31 + 2 ** 29 - 1 + 2 ** 29], tfs: [32767, 3], lengths: [2 ** 31 - 1, 2 ** 29] },
  { block: 7, documents: [7 + 2 ** 40, 2 ** 53 - 1], tfs: [1, 1], lengths: [150, 2 ** 30] },
  { block: 9, documents: [], tfs: [], lengths: [] },
];

/** What `matchPacked` finds of `wanted` in a packed row: [wanted index, count, length] each. */
function matched(packed: Buffer, block: number, wanted: number[]): number[][] {
  const found: number[][] = [];
  matchPacked(packed, block, wanted, (index, tf, length) => found.push([index, tf, length]));
  return found;
}

describe('packed postings', () => {
  it.each(ROWS)('finds every posting of a row of block $block again, with its count and length', ({ block, documents, tfs, lengths }) => {
    const packed = packPostings(block, documents, tfs, lengths);
    expect(matched(packed, block, documents)).toEqual(documents.map((_, i) => [i, tfs[i], lengths[i]]));
  });

  it.each(ROWS)('skips the documents not wanted in a row of block $block, whatever their numbers\' lengths', ({ block, documents, tfs, lengths }) => {
    const packed = packPostings(block, documents, tfs, lengths);
    const found = (wanted: number[]) =>
      wanted.flatMap((d, k) => {
        const i = documents.indexOf(d);
        return i < 0 ? [] : [[k, tfs[i], lengths[i]]];
      });
    // Only the last document: every one before it is passed over while the next wanted is ahead.
    const last = documents.slice(-1);
    expect(matched(packed, block, last)).toEqual(found(last));
    // Every other document, and a number between each two that no posting has.
    const sparse = documents.filter((_, i) => i % 2 === 0).concat(documents.slice(1).map((d, i) => (d + documents[i]!) / 2)).sort((x, y) => x - y);
    expect(matched(packed, block, sparse)).toEqual(found(sparse));
  });

  it('finds only the wanted documents the row holds, wanted from before its block to after its end', () => {
    const packed = packPostings(100, [100, 103, 300, 20_000], [1, 2, 3, 4], [10, 20, 30, 40]);
    expect(matched(packed, 100, [3, 99, 103, 104, 299, 20_000, 20_001])).toEqual([[2, 2, 20], [5, 4, 40]]);
    expect(matched(packed, 100, [])).toEqual([]);
    expect(matched(packed, 100, [50_000])).toEqual([]);
  });

  it('refuses documents that do not ascend from the block, and numbers the code cannot hold', () => {
    expect(() => packPostings(10, [9], [1], [1])).toThrow(/ascend from their block 10: 9 after 10/);
    expect(() => packPostings(10, [12, 12], [1, 1], [1, 1])).toThrow(/12 after 12/);
    expect(() => packPostings(0, [1], [-1], [1])).toThrow(/integer from 0 to 2\^53 - 1: -1/);
    expect(() => packPostings(0, [1], [1], [1.5])).toThrow(/1.5/);
  });

  it('packs the same bytes as the database function pack_postings, which filled the rows stored before migration 012', async () => {
    const { pool } = await freshDatabase(server());
    for (const { block, documents, tfs, lengths } of ROWS) {
      const sql = await pool.query<{ packed: Buffer }>('SELECT pack_postings($1::bigint, $2::bigint[], $3::integer[]::smallint[], $4::integer[]) AS packed', [
        block,
        documents.map(String),
        tfs,
        lengths,
      ]);
      expect(sql.rows[0]!.packed.toString('hex')).toBe(packPostings(block, documents, tfs, lengths).toString('hex'));
    }
  });
  it.each(ROWS)('unpacks a row of block $block to its documents, counts and lengths', ({ block, documents, tfs, lengths }) => {
    expect(unpackPostings(block, packPostings(block, documents, tfs, lengths)).map((column) => [...column])).toEqual([documents, tfs, lengths]);
  });

  it.each(ROWS)('packs and unpacks the further numbers of a row of block $block: ascending ones as distances, others as they are', ({ documents, tfs, lengths }) => {
    // The documents ascend (distances of 1 to 9 bytes); the lengths do not, so they are packed as they are.
    const columns = [documents, lengths, tfs];
    const packed = packColumns(columns, ['ascending', 'value', 'value']);
    expect(unpackColumns(packed, ['ascending', 'value', 'value']).map((column) => [...column])).toEqual(columns);
    expect(packed.length).toBe(packPostings(0, documents, lengths, tfs).length);
  });

  it.each(ROWS)('packs a term’s postings of block $block read in place from a batch as packing the written documents’ columns does, with their count and sum', ({ block, documents, tfs, lengths }) => {
    // The batch's documents: the row's, each after one of another term (documents 0, 2, 4… of the batch are not in the row).
    const byDocument = {
      documents: documents.flatMap((d) => [d - 1, d]),
      lengths: lengths.flatMap((l) => [1, l]),
      further: [documents.flatMap((d) => [Math.floor(d / 3) - 1, Math.floor(d / 3)]), lengths.flatMap((l) => [9, l % 1000])],
    };
    const docs = [7, ...documents.map((_, i) => 2 * i + 1), 3];
    const counts = [5, ...tfs, 6];
    const codings = ['ascending', 'value'] as const;
    for (const written of [null, Uint8Array.from(byDocument.documents, (_, d) => (d % 4 === 3 ? 0 : 1))]) {
      const kept = documents.flatMap((_, i) => (written === null || written[2 * i + 1] ? [i] : []));
      const row = packBatchPostings(block, docs, counts, 1, 1 + documents.length, byDocument, written, codings, byDocument.further[1]!);
      const further = [kept.map((i) => byDocument.further[0]![2 * i + 1]!), kept.map((i) => byDocument.further[1]![2 * i + 1]!)];
      expect(row.packed).toEqual(packPostings(block, kept.map((i) => documents[i]!), kept.map((i) => tfs[i]!), kept.map((i) => lengths[i]!)));
      expect(row.further).toEqual(packColumns(further, codings));
      expect([row.postings, row.sum]).toEqual([kept.length, further[1]!.reduce((a, b) => a + b, 0)]);
    }
  });

  it('refuses postings of a batch that do not ascend, as packing their columns does', () => {
    const byDocument = { documents: [10, 12, 11], lengths: [1, 1, 1], further: [[1, 2, 3]] };
    expect(() => packBatchPostings(10, [0, 1, 2], [1, 1, 1], 0, 3, byDocument, null, ['ascending'], null)).toThrow(/ascend from their block 10: 11 after 12/);
    expect(() => packBatchPostings(20, [0], [1], 0, 1, byDocument, null, ['ascending'], null)).toThrow(/ascend from their block 20: 10 after 20/);
    expect(() => packBatchPostings(10, [0, 1], [1, 1], 0, 2, { ...byDocument, further: [[5, 3, 0]] }, null, ['ascending'], null)).toThrow(/must ascend: 3 after 5/);
  });

  it('refuses further numbers that should ascend and do not, and says damaged bytes are damaged', () => {
    expect(() => packColumns([[5, 3]], ['ascending'])).toThrow(/must ascend: 3 after 5/);
    expect(() => unpackColumns(packColumns([[1, 2, 3]], ['value']), ['value', 'value'])).toThrow(/damaged: 3 numbers is not a whole number of postings of 2/);
    expect(() => unpackPostings(0, Buffer.from([0x01, 0x01, 0xc0]))).toThrow(/damaged: the last number is cut/);
  });

  it('joins rows byte for byte as packing their postings afresh does, the first further column recounted too', () => {
    // Rows of one term: an empty one, then distances from the row before of 1, 2, 4 and 9 bytes; each document's article (ascending, one shared across rows) and a count.
    const rows = [
      { block: 1, documents: [] as number[] },
      { block: 3, documents: [3, 10] },
      { block: 11, documents: [200, 201] },
      { block: 300, documents: [20_000, 20_050] },
      { block: 2 ** 40, documents: [2 ** 40 + 7] },
    ].map(({ block, documents }, k) => ({ block, documents, tfs: documents.map((_, i) => 1 + ((i + k) % 3)), lengths: documents.map((_, i) => 128 * i + k), articles: documents.map((d) => Math.floor(d / 10)), counts: documents.map((_, i) => i + k) }));
    const all = (key: 'documents' | 'tfs' | 'lengths' | 'articles' | 'counts') => rows.flatMap((row) => row[key]);
    for (const codings of [['ascending'], ['ascending', 'value']] as const) {
      const further = (row: (typeof rows)[number]) => (codings.length === 1 ? [row.articles] : [row.articles, row.counts]);
      const joined = joinPacked(1, rows.map((row) => ({ block: row.block, packed: packPostings(row.block, row.documents, row.tfs, row.lengths), further: packColumns(further(row), codings) })), codings);
      expect(joined.packed.toString('hex')).toBe(packPostings(1, all('documents'), all('tfs'), all('lengths')).toString('hex'));
      expect(joined.further.toString('hex')).toBe(packColumns(codings.length === 1 ? [all('articles')] : [all('articles'), all('counts')], codings).toString('hex'));
    }
    const overlapping = [3, 2].map((block) => ({ block, packed: packPostings(block, [block + 5], [1], [1]), further: packColumns([[1]], ['ascending']) }));
    expect(() => joinPacked(2, overlapping, ['ascending'])).toThrow(/must follow each other from block 2: document 7 after 8/);
    const row = { block: 2, packed: packPostings(2, [4, 6], [1, 1], [1, 1]), further: packColumns([[1, 2]], ['ascending']) };
    expect(() => joinPacked(2, [{ ...row, further: Buffer.alloc(0) }], ['ascending'])).toThrow(/damaged: a row of block 2 has postings in one packed column only/);
    expect(() => joinPacked(2, [{ ...row, further: packColumns([[1]], ['ascending']) }], ['ascending'])).toThrow(/damaged: a row of block 2 has 2 postings in one packed column and 1 in the other/);
    expect(() => joinPacked(2, [row, { ...row, block: 10, packed: packPostings(10, [10], [1], [1]), further: packColumns([[1]], ['ascending']) }], ['ascending'])).toThrow(/further number 1 after 2/);
  });

  it('packs the further numbers as migration 018 packed the arrays it replaced (pack_ascending, pack_passage_runs)', async () => {
    const { pool } = await freshDatabase(server());
    for (const { documents, lengths } of ROWS) {
      const sql = await pool.query<{ articles: Buffer; runs: Buffer }>('SELECT pack_ascending($1::bigint[]) AS articles, pack_passage_runs($1::bigint[], $2::integer[]) AS runs', [documents.map(String), lengths]);
      expect(sql.rows[0]!.articles.toString('hex')).toBe(packColumns([documents], ['ascending']).toString('hex'));
      expect(sql.rows[0]!.runs.toString('hex')).toBe(packColumns([documents, lengths], ['ascending', 'value']).toString('hex'));
    }
  });
});

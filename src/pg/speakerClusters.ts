import type pg from 'pg';
import { type SpeakerCluster, clusterSpeakers, nameKey } from '../engine/quotes/speakers.js';
import { labelsOf, nameFactsOnce } from './speakerClusterKeys.js';
import { copyBinaryInto } from './copyBinary.js';
import { namesLabelled, readNamesAgain, storedNameCount, vocabularyFor } from './speakerClusterNames.js';
import { PAGE, inChunks } from './pool.js';
import { type ListingSource, leftOut } from './speakerListing.js';
import { sharesElement } from './sharesElement.js';

/**
 * Runs a read beside a transaction: on a connection of its own when one is free at once (the
 * transaction goes on meanwhile), else on the transaction's. Only for reads of rows the
 * transaction has not changed, whose committed state it would read too (READ COMMITTED).
 */
export type ReadAside = <T>(read: (client: pg.ClientBase) => Promise<T>) => Promise<T>;

/** A quotation as clustering reads it: its place, speaker name and day, its cluster (`quotation_speakers`), and what its listing compares (`ListingSource`). */
interface SpeakerRecord extends ListingSource {
  position: number;
  speaker: string;
  speaker_title: string | null;
  day: string;
  speaker_id: number | null;
}

/**
 * Clusters again the speakers that the quotations written or deleted since the last run (noted by
 * the triggers of migration 011) may have changed: the names sharing a label with a changed name
 * (or with one whose reading a vocabulary change altered), directly or through other names, as
 * `clusterSpeakers` clusters them over every quotation; a cluster keeps its number while its first
 * quotation stays first. When the changed names or those sharing their labels are half of all or
 * more (a first ingestion), every name is clustered again. The quotations of the articles where
 * one changed speaker are written again with their speakers and their places in the listings.
 * `readAside` runs a read of committed rows the transaction has not changed, on a connection of
 * its own when there is one free (see `ReadAside`).
 */
export async function clusterChangedSpeakers(client: pg.ClientBase, readAside: ReadAside = (read) => read(client)): Promise<void> {
  // One run at a time; the bots read on.
  await client.query('LOCK TABLE quote_speakers IN SHARE ROW EXCLUSIVE MODE');
  const changed = (await client.query<{ name: string }>('DELETE FROM quote_speaker_changes RETURNING name')).rows.map((r) => r.name);
  if (!changed.length) return;
  // Changed names as many as the names stored before are half of all names or more once read
  // again, whatever appears or goes: every quotation is read, beside the names' bookkeeping.
  const every = changed.length >= (await storedNameCount(client)) ? readAside(everyQuotation) : undefined;
  every?.catch(() => undefined); // awaited below, unless the bookkeeping fails first
  // A name's facts are asked for up to three times (read again, appeared, the vocabulary): worked out once.
  const factsOf = nameFactsOnce();
  const labels = await readNamesAgain(client, changed, factsOf);
  const total = await storedNameCount(client);
  const names = !every && changed.length * 2 < total ? await namesLabelled(client, labels) : undefined;
  const some = names && names.size * 2 < total ? [...names] : undefined;
  const records = some ? await quotationsOf(client, some) : await (every ?? everyQuotation(client));
  const vocabulary = await vocabularyFor(client, [...new Set(records.map((r) => r.speaker))].flatMap((name) => factsOf(name).conj));
  const clusters = clusterSpeakers(records.map((r) => ({ speaker: r.speaker, speakerTitle: r.speaker_title, date: r.day })), vocabulary);
  const idFor = await removeClusters(client, records, some ? labels : undefined);
  const keyLength = new Map<string, number>();
  const lengthOf = (name: string) => keyLength.get(name) ?? keyLength.set(name, nameKey(name, vocabulary).length).get(name)!;
  const rows = clusters.map((cluster) => {
    const first = records[cluster.quotes[0]!]!;
    const rank = [-lengthOf(first.speaker), Number(first.article), first.position];
    return { id: idFor(rank), rank, cluster };
  });
  await insertClusters(client, rows);
  const speakerOf = new Int32Array(records.length).fill(-1);
  for (const { id, cluster } of rows) for (const i of cluster.quotes) speakerOf[i] = id;
  await pointQuotations(client, records, speakerOf);
}

/**
 * Deletes the clusters of the names clustered again: those `records` point at and those holding one
 * of `labels` (every cluster without `labels`). Returns the number of a cluster by its rank: the
 * number of the cluster deleted with that rank, else one never used.
 */
async function removeClusters(client: pg.ClientBase, records: readonly SpeakerRecord[], labels: ReadonlySet<string> | undefined): Promise<(rank: readonly number[]) => number> {
  const last = (await client.query<{ max: number | null }>('SELECT max(id) AS max FROM quote_speakers')).rows[0]!.max;
  const removed = labels
    ? await client.query<{ id: number; rank: string[] }>(`DELETE FROM quote_speakers WHERE id = ANY($1::integer[]) OR ${sharesElement('labels', '$2::text[]', labels.size)} RETURNING id, rank`, [
        [...new Set(records.flatMap((r) => (r.speaker_id === null ? [] : [r.speaker_id])))],
        [...labels],
      ])
    : await client.query<{ id: number; rank: string[] }>('DELETE FROM quote_speakers RETURNING id, rank');
  const idOfRank = new Map(removed.rows.map((r) => [r.rank.join(','), r.id]));
  let next = (last ?? -1) + 1;
  return (rank) => idOfRank.get(rank.join(',')) ?? next++;
}

/** Stores clusters with their numbers and ranks (`-key length,article,position` of their first quotation). */
async function insertClusters(client: pg.ClientBase, rows: ReadonlyArray<{ id: number; rank: number[]; cluster: SpeakerCluster }>): Promise<void> {
  await copyBinaryInto(
    client,
    'quote_speakers',
    QUOTE_SPEAKER_COLUMNS,
    rows.map(({ id, rank, cluster }) => {
      const words = cluster.variants.map((v) => v.split(' '));
      return [id, cluster.name, cluster.quotes.length, cluster.variants, [...new Set(words.flat())], rank, [...new Set(words.flatMap((w) => labelsOf(w)))]];
    }),
  );
}

/** The columns of `quote_speakers` as `insertClusters` copies them. */
const QUOTE_SPEAKER_COLUMNS = [['id', 'integer'], ['name', 'text'], ['quotes', 'integer'], ['variants', 'text[]'], ['words', 'text[]'], ['rank', 'bigint[]'], ['labels', 'text[]']] as const;

/** The statement reading `SpeakerRecord`s, before its WHERE clause. */
const SPEAKER_RECORDS = `SELECT q.article, q.position, q.speaker, q.speaker_title, q.day, q.start_offset, q.end_offset, s.speaker_id,
    q.grp, CASE WHEN q.grp IS NULL THEN q.matching END AS matching, CASE WHEN q.grp IS NULL AND q.matching IS NULL THEN q.text END AS text
  FROM quotations q LEFT JOIN quotation_speakers s ON s.article = q.article AND s.position = q.position`;

/** The quotations of the speakers named `names`, in article and position order. */
async function quotationsOf(client: pg.ClientBase, names: readonly string[]): Promise<SpeakerRecord[]> {
  const rows = await client.query<SpeakerRecord>(
    `${SPEAKER_RECORDS} WHERE q.speaker = ANY($1::text[]) ORDER BY q.article, q.position`,
    [names],
  );
  return rows.rows;
}

/** Every quotation with a speaker, in article and position order (a page at a time). */
async function everyQuotation(client: pg.ClientBase): Promise<SpeakerRecord[]> {
  const records: SpeakerRecord[] = [];
  for (let after: [string, number] = ['-1', 0]; ; ) {
    const page = await client.query<SpeakerRecord>(
      `${SPEAKER_RECORDS}
       WHERE (q.article, q.position) > ($1::bigint, $2::integer) AND q.speaker IS NOT NULL ORDER BY q.article, q.position LIMIT ${PAGE}`,
      after,
    );
    for (const r of page.rows) records.push(r);
    if (page.rows.length < PAGE) return records;
    const last = page.rows[page.rows.length - 1]!;
    after = [last.article, last.position];
  }
}

/** The columns of `quotation_speakers` as `pointQuotations` copies them. */
const QUOTATION_SPEAKER_COLUMNS = [['article', 'bigint'], ['position', 'integer'], ['speaker_id', 'integer'], ['day', 'text'], ['start_offset', 'integer'], ['end_offset', 'integer'], ['hidden', 'boolean']] as const;

/**
 * Gives each quotation its speaker `speakerOf` (-1: none) where one changed: every quotation of the
 * articles where one did is written again (a quotation's place in its speaker's listing depends on
 * the speaker's others in its article, `leftOut`), its row of `quotation_speakers` deleted if it had
 * one and written if it has a speaker now. A cluster's quotations are all among `records`
 * (clustering reads every name that could share one), so each speaker's quotations in an article
 * are all at hand.
 */
async function pointQuotations(client: pg.ClientBase, records: readonly SpeakerRecord[], speakerOf: Int32Array): Promise<void> {
  const touched = new Set(records.flatMap((r, i) => ((r.speaker_id ?? -1) === speakerOf[i] ? [] : [r.article])));
  const rewritten = records.flatMap((r, i) => (touched.has(r.article) ? [i] : []));
  await inChunks(
    rewritten.filter((i) => records[i]!.speaker_id !== null),
    (chunk) =>
      client.query('DELETE FROM quotation_speakers s USING unnest($1::bigint[], $2::integer[]) AS u(a, p) WHERE s.article = u.a AND s.position = u.p', [
        chunk.map((i) => records[i]!.article),
        chunk.map((i) => records[i]!.position),
      ]),
  );
  const spoken = rewritten.filter((i) => speakerOf[i]! >= 0);
  if (!spoken.length) return;
  const speakerOfRecord = new Map(spoken.map((i) => [records[i]!, speakerOf[i]!]));
  const hidden = leftOut([...speakerOfRecord.keys()], (r) => speakerOfRecord.get(r)!);
  await copyBinaryInto(
    client,
    'quotation_speakers',
    QUOTATION_SPEAKER_COLUMNS,
    spoken.map((i) => {
      const r = records[i]!;
      return [Number(r.article), r.position, speakerOf[i]!, r.day, r.start_offset, r.end_offset, hidden.has(r)];
    }),
  );
}

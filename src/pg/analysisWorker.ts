import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { type IndexParts, indexParts } from '../engine/build/parts.js';
import { type QuotationRows, QuoteReader, extractRows, withTexts, withoutTexts } from '../engine/quotes/index.js';
import type { ReadArticle } from '../engine/quotes/extract.js';
import { TermVocabulary } from '../engine/search/index/builder.js';
import type { Article } from '../engine/types.js';
import { analyseBatch, toWrite, withoutArticles } from './rows.js';

/** The article fields the quotation reader's thread is posted: what the reader reads, and the id naming an article it fails on. */
export type QuotedArticle = ReadArticle & Pick<Article, 'id'>;

/** What the ingestion posts each thread: a batch's articles (their `QuotedArticle` fields to the quotation reader's), numbered so the answer finds its batch. */
export interface AnalysisJob<A = Article> {
  job: number;
  articles: A[];
}

/** How an analysis thread starts: the part of the analysis it does, and the port joining the quotation reader's thread to the analyser's. */
export interface AnalysisWorkerData {
  part: 'quotes' | 'index';
  port: MessagePort;
}

/** What the quotation reader's thread tells the analyser's of a batch: its quotation rows, without their texts (the analyser's thread holds the bodies). */
interface QuotedBatch {
  job: number;
  rows: QuotationRows;
}

const { part, port } = workerData as AnalysisWorkerData;
if (part === 'quotes') readQuotations(port);
else analyseAndPack(port);

/** The quotation reader's thread: one reader for every batch (its word book and English model kept), each batch's rows sent to the analyser's thread. */
function readQuotations(analyser: MessagePort): void {
  const reader = new QuoteReader();
  parentPort!.on('message', ({ job, articles }: AnalysisJob<QuotedArticle>) => {
    analyser.postMessage({ job, rows: withoutTexts(extractRows(reader, articles)) } satisfies QuotedBatch);
  });
}

/**
 * The analyser's thread: cuts and indexes each batch as it comes (on a vocabulary kept across batches
 * and replaced when it has grown too large), then, once the reader's thread has sent the batch's
 * quotations, answers with the batch ready to write: its rows packed here, their buffers moved to the
 * writing thread rather than copied, without the articles, which the ingestion holds already.
 */
function analyseAndPack(reader: MessagePort): void {
  let vocabulary = new TermVocabulary();
  const indexed = new Map<number, { articles: Article[]; parts: IndexParts }>();
  const quoted = new Map<number, QuotationRows>();
  const answer = (job: number) => {
    const batch = indexed.get(job);
    const rows = quoted.get(job);
    if (!batch || !rows) return;
    indexed.delete(job);
    quoted.delete(job);
    const quotations = withTexts(rows, (k) => batch.articles[k]!.body);
    const ready = withoutArticles(toWrite(analyseBatch(batch.articles, quotations, batch.parts)));
    parentPort!.postMessage({ job, batch: ready }, Object.values(ready.tables).flatMap((packed) => [packed.bytes.buffer, packed.starts.buffer]));
  };
  parentPort!.on('message', ({ job, articles }: AnalysisJob) => {
    if (vocabulary.full()) vocabulary = new TermVocabulary();
    indexed.set(job, { articles, parts: indexParts(articles, vocabulary) });
    answer(job);
  });
  reader.on('message', ({ job, rows }: QuotedBatch) => {
    quoted.set(job, rows);
    answer(job);
  });
}

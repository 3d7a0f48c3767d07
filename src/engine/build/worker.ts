/**
 * Worker thread entry for building an archive off the main thread: `index` cuts the articles into
 * passages and indexes them, then reads quotations as `quotes` does: chunk after chunk, as long as
 * the shared counter `claims` has some left, each chunk posted as soon as it is read (without the
 * quotation texts: slices of the bodies the main thread holds). Article text
 * comes from the shared buffer; the index goes back with its typed arrays transferred, not copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type IndexParts, WORKER_RUNNING, type WorkerMessage, claimQuotations, indexParts } from './parts.js';
import { withoutTexts } from '../quotes/index.js';
import { type SharedArticles, sharedArticle } from './sharedArticles.js';

const { job, shared, claims } = workerData as { job: 'index' | 'quotes'; shared: SharedArticles; claims: Int32Array };
const post = (message: WorkerMessage<IndexParts | null>, transfer: ArrayBuffer[] = []) => parentPort?.postMessage(message, transfer);
post(WORKER_RUNNING);
const count = shared.ids.length;
const articleAt = (k: number) => sharedArticle(shared, k);
// Article by article: each body is read from the shared buffer only while it is indexed.
const parts: IndexParts | null =
  job === 'index'
    ? indexParts((function* () {
        for (let k = 0; k < count; k++) yield articleAt(k);
      })())
    : null;
for (const [chunk, rows] of claimQuotations(count, articleAt, claims, shared.copyOf)) post({ chunk, rows: withoutTexts(rows) });
if (!parts) post({ done: null });
else {
  const { index, spans } = parts;
  const arrays = [spans.article, spans.start, spans.end, spans.copyKeys, index.firstPassage, ...(['text', 'title'] as const).flatMap((f) => Object.values(index[f]))];
  post({ done: parts }, [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))]);
}

/**
 * Worker thread entry: finds the quotations of the articles it is given (`workerData`) and posts
 * the quote index data back, so quotation extraction runs beside indexing on another core.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { QuoteIndex } from './quotes/index.js';
import type { Article } from './types.js';

parentPort?.postMessage(QuoteIndex.build(workerData as Article[]).toJSON());

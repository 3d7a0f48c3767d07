/**
 * The parts of the engine still being written (quotations, topic summaries): found at run time, so
 * the benchmark measures them once they exist and says why a row is empty until then.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Archive } from '../../src/engine/archive.js';
import type { Article } from '../../src/engine/types.js';

/** The functions found, and notes on those that were not. */
export interface OptionalFeatures {
  buildQuoteIndex?: (articles: Article[]) => { whosaid(text: string, limit?: number): unknown[] };
  extractQuotations?: (article: Article) => Array<{ text: string }>;
  summarizeTopic?: (archive: Archive, topic: string) => unknown;
  notes: string[];
}

/** Imports the first of `candidates` (paths under src/engine) that exists; null when none does. */
async function importFirst(candidates: readonly string[]): Promise<Record<string, unknown> | null> {
  for (const candidate of candidates) {
    const url = new URL(`../../src/engine/${candidate}`, import.meta.url);
    if (!existsSync(fileURLToPath(url).replace(/\.js$/, '.ts'))) continue;
    return (await import(url.href)) as Record<string, unknown>;
  }
  return null;
}

/** Looks for `buildQuoteIndex`/`whosaid` and `summarizeTopic`. */
export async function optionalFeatures(): Promise<OptionalFeatures> {
  const found: OptionalFeatures = { notes: [] };
  try {
    const quotes = await importFirst(['quotes/index.js']);
    if (typeof quotes?.buildQuoteIndex === 'function') {
      found.buildQuoteIndex = quotes.buildQuoteIndex as OptionalFeatures['buildQuoteIndex'];
      if (typeof quotes.extractQuotations === 'function') found.extractQuotations = quotes.extractQuotations as OptionalFeatures['extractQuotations'];
      else found.notes.push('/whosaid: no extractQuotations to draw queries from; skipped');
    } else found.notes.push('/whosaid: buildQuoteIndex not found in src/engine/quotes; skipped');
  } catch (error) {
    found.notes.push(`/whosaid: quotes module failed to load (${String(error)}); skipped`);
  }
  try {
    const summary = await importFirst(['summary/index.js', 'summary/topic.js']);
    if (typeof summary?.summarizeTopic === 'function') found.summarizeTopic = summary.summarizeTopic as OptionalFeatures['summarizeTopic'];
    else found.notes.push('/summary topic: summarizeTopic not found in src/engine/summary; skipped');
  } catch (error) {
    found.notes.push(`/summary topic: summary module failed to load (${String(error)}); skipped`);
  }
  if (found.buildQuoteIndex && !found.extractQuotations) delete found.buildQuoteIndex;
  return found;
}

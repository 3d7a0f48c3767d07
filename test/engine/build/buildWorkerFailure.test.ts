import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

/** A build worker that starts, claims the first quotation chunk, then dies before sending it. */
vi.mock('node:worker_threads', () => ({
  Worker: class extends EventEmitter {
    constructor(_code: unknown, options: { workerData: { claims: Int32Array } }) {
      super();
      setImmediate(() => {
        this.emit('message', 'running');
        Atomics.add(options.workerData.claims, 0, 1);
        this.emit('error', new Error('worker out of memory'));
      });
    }
    terminate(): Promise<number> {
      return Promise.resolve(1);
    }
  },
}));

const { buildArchive, buildArchiveInParallel } = await import('../../../src/engine/build/buildArchive.js');
const { parseArticleFile } = await import('../../../src/engine/corpus/index.js');

const seed = parseArticleFile('seed.txt', readFileSync('corpus/iran-international-2021-10-20-bagheri-moscow.txt', 'utf8'), { source: 'Iran International' }).articles[0]!;

describe('buildArchiveInParallel when a worker fails', () => {
  it.each([false, true])('reports the failure and reads what the worker had claimed on the main thread (serving: %s)', async (serving) => {
    const articles = Array.from({ length: 600 }, (_, i) => ({ ...seed, id: `copy-${i}` }));
    const failures: string[] = [];
    const archive = await buildArchiveInParallel(articles, { parallelFrom: 1, serving, onWorkerFailure: (job, error) => failures.push(`${job}: ${String(error)}`) });
    expect(failures).toContain('quotes: Error: worker out of memory');
    if (serving) expect(failures).toContain('index: Error: worker out of memory');
    expect(archive.quotationCount).toBe(18 * 600);
    expect(archive.quotes.toData()).toEqual(buildArchive(articles).quotes.toData());
    expect(archive.passages.length).toBe(buildArchive(articles).passages.length);
  });
});

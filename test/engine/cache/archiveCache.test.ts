import { mkdtempSync, readdirSync, rmSync, truncateSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Archive } from '../../../src/engine/archive.js';
import { buildArchive } from '../../../src/engine/build/buildArchive.js';
import { loadArchive, saveArchive } from '../../../src/engine/cache/archiveCache.js';
import { OpenFiles } from '../../../src/engine/cache/cacheFile.js';
import { parseArticleFile } from '../../../src/engine/corpus/index.js';
import { ask } from '../../../src/engine/search/ask.js';
import type { Article } from '../../../src/engine/types.js';

/** Closes the cache files the tests leave open. */
const openFiles = new OpenFiles();

const SEED = 'corpus/iran-international-2021-10-20-bagheri-moscow.txt';
const seed = parseArticleFile('seed.txt', readFileSync(SEED, 'utf8'), { source: 'Iran International' }).articles[0]!;
const other: Article = {
  id: 'wire-1',
  title: 'قمة في موسكو',
  body: 'استضافت موسكو قمة حول الطاقة النووية المدنية 🇷🇺.\nوقال الوزير: "التعاون ينمو".',
  date: '2022-01-05T10:00:00+03:00',
  source: 'Test Wire',
  url: 'https://example.com/wire-1',
  lang: 'ar',
  author: null,
  file: 'wire.jsonl',
  meta: { tags: ['طاقة'] },
};

let dir: string;
let built: Archive;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'archive-cache-'));
  built = buildArchive([seed, other]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const QUESTIONS = ['التعاون العسكري بين إيران وروسيا', 'عقود شراء أسلحة روسية', '"الطاقة النووية"', 'موسكو'];

describe('the archive cache', () => {
  it('loads an archive that answers exactly as the one built: passages, scores, speakers, dates', async () => {
    await saveArchive(built, [{ file: 'bad.md', reason: 'title is empty' }], dir, 'f'.repeat(64));
    const cached = await loadArchive(dir, 'f'.repeat(64), openFiles);
    expect(cached?.problems).toEqual([{ file: 'bad.md', reason: 'title is empty' }]);
    const loaded = cached!.archive;
    for (const question of QUESTIONS) expect(ask(loaded, { question, limit: 10 }, loaded.sources)).toEqual(ask(built, { question, limit: 10 }, built.sources));
    expect(loaded.quotationCount).toBe(built.quotes.size);
    const stored = loaded.articles.get('wire-1')!;
    expect({ ...stored, body: stored.body }).toEqual(other);
    expect(loaded.articles.get(seed.id)!.body).toBe(seed.body);
    expect(loaded.articles.get(seed.id)!.url).toBe(seed.url);
  });

  it('makes the same quote index on first use', async () => {
    const loaded = (await loadArchive(dir, 'f'.repeat(64), openFiles))!.archive;
    expect(loaded.quotes.whosaid('ينمو ويتسع', 3)).toEqual(built.quotes.whosaid('ينمو ويتسع', 3));
    expect(loaded.quotes.toData()).toEqual(built.quotes.toData());
  });

  it('ignores a cache made for other corpus files, or damaged, so the archive is rebuilt', async () => {
    expect(await loadArchive(dir, 'e'.repeat(64), openFiles)).toBeNull();
    const [file] = readdirSync(dir);
    truncateSync(join(dir, file!), 1000);
    expect(await loadArchive(dir, 'f'.repeat(64), openFiles)).toBeNull();
  });
});

import { copyFile, mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { corpusFingerprint, loadCorpus, type CorpusFile } from '../../../src/engine/corpus/index.js';
import { SEED_FILE, SEED_LAST_SENTENCE, SEED_PATH, SEED_TITLE } from './seed.js';

const TITLE = 'ظريف: روسيا لم تكن تريد الاتفاق النووي';
const BODY = 'وقال ظريف في جزء من الملف الصوتي: "لم يكن هدف الروس التوصل إلى اتفاق نووي".';
const RECORD = { title: TITLE, body: BODY, date: '2021-04-25' };
const markdown = (fields: string): string => `---\ntitle: '${TITLE}'\ndate: 2021-04-25\n${fields}---\n${BODY}\n`;

const temporary: string[] = [];
afterEach(async () => {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A corpus folder in a fresh temporary directory, from relative paths to file contents. */
async function corpusOf(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'corpus-'));
  temporary.push(dir);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

describe('loadCorpus', () => {
  it('walks nested folders in order, with nested defaults, skipping hidden and foreign files and the top feeds.yaml', async () => {
    const dir = await corpusOf({
      '_defaults.json': JSON.stringify({ source: 'Iran International', lang: 'ar' }),
      'fa/_defaults.json': JSON.stringify({ lang: 'fa', source: 'ایران اینترنشنال' }),
      'fa/2021/zarif.md': markdown(''),
      'fa/2021/bagheri.md': markdown('source: Iran International English\n'),
      'ar/feed.jsonl': `${JSON.stringify(RECORD)}\n\n${JSON.stringify({ ...RECORD, id: 'zarif-tape' })}\n`,
      'ar/archive.json': JSON.stringify([RECORD]),
      '.cache/index.json': JSON.stringify(RECORD),
      'ar/.draft.md': markdown(''),
      'ar/notes.csv': 'title,date',
      'README': 'not an article',
      'feeds.yaml': 'feeds: []',
      'ar/feeds.yaml': 'feeds: []',
    });
    const { articles, problems, files, skipped } = await loadCorpus(dir);
    expect(problems).toEqual([]);
    // The top-level feeds.yaml configures the corpus: not an article, not reported as skipped either.
    expect(skipped).toEqual(['README', 'ar/feeds.yaml', 'ar/notes.csv']);
    expect(articles.map(({ id, source, lang, file }) => ({ id, source, lang, file }))).toEqual([
      { id: 'ar/archive#1', source: 'Iran International', lang: 'ar', file: 'ar/archive.json' },
      { id: 'ar/feed#1', source: 'Iran International', lang: 'ar', file: 'ar/feed.jsonl' },
      { id: 'zarif-tape', source: 'Iran International', lang: 'ar', file: 'ar/feed.jsonl' },
      { id: 'fa/2021/bagheri', source: 'Iran International English', lang: 'fa', file: 'fa/2021/bagheri.md' },
      { id: 'fa/2021/zarif', source: 'ایران اینترنشنال', lang: 'fa', file: 'fa/2021/zarif.md' },
    ]);
    expect(files.map((f) => f.path)).toEqual(['_defaults.json', 'ar/archive.json', 'ar/feed.jsonl', 'fa/2021/bagheri.md', 'fa/2021/zarif.md', 'fa/_defaults.json']);
    expect(files.every((f) => f.size > 0 && f.mtimeMs > 0)).toBe(true);
  });

  it('reads gzipped .jsonl and .json files, the usual shape of a news dump, and lists other compressed files as skipped', async () => {
    const dir = await corpusOf({});
    const lines = [RECORD, { ...RECORD, id: 'zarif-2' }].map((r) => JSON.stringify({ ...r, source: 'Dump' })).join('\n');
    await writeFile(join(dir, 'ant-2018.jsonl.gz'), gzipSync(lines));
    await writeFile(join(dir, 'one.json.gz'), gzipSync(JSON.stringify({ ...RECORD, source: 'Dump' })));
    await writeFile(join(dir, 'feed.xml.gz'), gzipSync('<rss/>'));
    await writeFile(join(dir, 'broken.jsonl.gz'), 'not gzip at all');
    const { articles, problems, skipped } = await loadCorpus(dir);
    expect(articles.map((a) => a.id)).toEqual(['ant-2018#1', 'zarif-2', 'one']);
    expect(problems).toEqual([{ file: 'broken.jsonl.gz', reason: expect.stringMatching(/^unreadable: incorrect header check/) }]);
    expect(skipped).toEqual(['feed.xml.gz']);
  });

  it('stops decompressing a gzipped file once it passes the size limit', async () => {
    const dir = await corpusOf({});
    await writeFile(join(dir, 'bomb.jsonl.gz'), gzipSync(' '.repeat(5_000_000)));
    const { articles, problems } = await loadCorpus(dir, { maxJsonlBytes: 1_000_000 });
    expect(articles).toEqual([]);
    expect(problems).toEqual([{ file: 'bomb.jsonl.gz', reason: expect.stringMatching(/^too large: decompressed .* or more, over the 976.6 KB limit/) }]);
  });

  it('loads the seed as shipped, its source from _defaults.json', async () => {
    const dir = await corpusOf({ '_defaults.json': '{ "source": "Iran International", "lang": "ar" }' });
    await copyFile(SEED_PATH, join(dir, SEED_FILE));
    const { articles, problems } = await loadCorpus(dir);
    expect(problems).toEqual([]);
    expect(articles).toEqual([
      expect.objectContaining({ id: SEED_FILE.replace('.txt', ''), title: SEED_TITLE, date: '2021-10-20', source: 'Iran International', lang: 'ar', url: null }),
    ]);
    expect(articles[0]!.body.endsWith(SEED_LAST_SENTENCE)).toBe(true);
  });

  it('reports a duplicate id in both files and keeps the first one loaded', async () => {
    const dir = await corpusOf({
      'a/bagheri.json': JSON.stringify({ ...RECORD, id: 'bagheri-moscow', source: 'Iran International' }),
      'b/bagheri.md': markdown('id: bagheri-moscow\nsource: Al Arabiya\n'),
    });
    const { articles, problems } = await loadCorpus(dir);
    expect(articles.map((a) => [a.id, a.source])).toEqual([['bagheri-moscow', 'Iran International']]);
    expect(problems).toEqual([
      { file: 'a/bagheri.json', field: 'id', reason: 'id: duplicate id "bagheri-moscow", also in b/bagheri.md; this one is kept' },
      { file: 'b/bagheri.md', field: 'id', reason: 'id: duplicate id "bagheri-moscow", already in a/bagheri.json; this one is skipped' },
    ]);
  });

  it('reports a malformed _defaults.json and falls back to the outer defaults', async () => {
    const dir = await corpusOf({
      '_defaults.json': JSON.stringify({ source: 'Iran International' }),
      'ar/_defaults.json': '{ "source": "إيران إنترناشيونال", }',
      'ar/zarif.md': markdown(''),
      'fa/_defaults.json': JSON.stringify({ id: 'same-for-all', lang: 'fa' }),
      'fa/zarif.md': markdown(''),
    });
    const { articles, problems } = await loadCorpus(dir);
    expect(articles.map((a) => [a.id, a.source, a.lang])).toEqual([
      ['ar/zarif', 'Iran International', 'ar'],
      ['fa/zarif', 'Iran International', 'fa'],
    ]);
    expect(problems).toEqual([
      { file: 'ar/_defaults.json', reason: expect.stringMatching(/^invalid JSON, defaults ignored: /) },
      { file: 'fa/_defaults.json', field: 'id', reason: 'id: cannot be a default (every article needs its own); ignored' },
    ]);
  });

  it('reports an unreadable file and loads the rest', async () => {
    const dir = await corpusOf({ 'zarif.json': JSON.stringify({ ...RECORD, source: 'Iran International' }) });
    await symlink(join(dir, 'missing.md'), join(dir, 'broken.md'));
    const { articles, problems } = await loadCorpus(dir);
    expect(articles.map((a) => a.id)).toEqual(['zarif']);
    expect(problems).toEqual([{ file: 'broken.md', reason: 'unreadable: ENOENT: no such file or directory' }]);
  });

  it('reports a missing corpus folder instead of throwing', async () => {
    const dir = await corpusOf({});
    expect(await loadCorpus(join(dir, 'nowhere'))).toEqual({
      articles: [],
      problems: [{ file: '.', reason: 'unreadable folder: ENOENT: no such file or directory' }],
      files: [],
      skipped: [],
    });
  });

  it('loads tens of thousands of .jsonl lines', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ ...RECORD, title: `${TITLE} ${i}`, source: 'Iran International' }));
    const dir = await corpusOf({ 'archive.jsonl': lines.join('\n') });
    const { articles, problems } = await loadCorpus(dir);
    expect(problems).toEqual([]);
    expect(articles).toHaveLength(20_000);
    expect(articles[19_999]!.id).toBe('archive#20000');
  });
});

describe('corpusFingerprint', () => {
  const files: CorpusFile[] = [
    { path: '_defaults.json', size: 49, mtimeMs: 1_634_700_000_000 },
    { path: 'ar/bagheri.md', size: 2776, mtimeMs: 1_634_700_000_500 },
  ];

  it('is a sha256 hex digest that does not depend on the order of the files', () => {
    expect(corpusFingerprint(files)).toMatch(/^[0-9a-f]{64}$/);
    expect(corpusFingerprint([...files].reverse())).toBe(corpusFingerprint(files));
  });

  it.each([
    ['a file changes size', [files[0]!, { ...files[1]!, size: 2777 }]],
    ['a file is touched', [files[0]!, { ...files[1]!, mtimeMs: 1_634_800_000_000 }]],
    ['a file is renamed', [files[0]!, { ...files[1]!, path: 'ar/zarif.md' }]],
    ['a file is removed', [files[0]!]],
  ])('changes when %s', (_, changed) => {
    expect(corpusFingerprint(changed)).not.toBe(corpusFingerprint(files));
  });

  it('follows the files loadCorpus reads', async () => {
    const dir = await corpusOf({ 'zarif.json': JSON.stringify({ ...RECORD, source: 'Iran International' }) });
    const before = corpusFingerprint((await loadCorpus(dir)).files);
    expect(corpusFingerprint((await loadCorpus(dir)).files)).toBe(before);
    await utimes(join(dir, 'zarif.json'), new Date('2022-01-01'), new Date('2022-01-01'));
    expect(corpusFingerprint((await loadCorpus(dir)).files)).not.toBe(before);
  });
});

import { cpSync, mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, silentLogger } from '../../src/engine/index.js';
import { windows1256 } from '../support/windows1256.js';

let corpus: string;
let cache: string;
beforeEach(() => {
  corpus = mkdtempSync(join(tmpdir(), 'engine-corpus-'));
  cache = mkdtempSync(join(tmpdir(), 'engine-cache-'));
  cpSync('corpus', corpus, { recursive: true });
});
afterEach(() => {
  rmSync(corpus, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
});

describe('createEngine', () => {
  it('builds the index once, then loads it from the cache', async () => {
    const first = await createEngine({ corpusDir: corpus, cacheDir: cache });
    const second = await createEngine({ corpusDir: corpus, cacheDir: cache });
    expect(first.stats().origin).toBe('build');
    expect(second.stats().origin).toBe('cache');
    expect(second.stats()).toMatchObject({ articles: 1, sources: 1, quotations: 18, firstDate: '2021-10-20' });
    const answer = second.ask({ question: 'ينمو ويتسع' });
    expect(answer.ok && answer.results[0]!.speaker).toBe('محمد باقري');
  });
});

describe('engine.reload', () => {
  it('reports added, changed, removed and rejected files and answers from the new archive', async () => {
    const engine = await createEngine({ corpusDir: corpus, cacheDir: cache });
    const article = { title: 'قمة في موسكو', date: '2022-01-05', source: 'Test Wire', body: 'استضافت موسكو قمة حول الطاقة النووية المدنية.' };
    writeFileSync(join(corpus, 'new.json'), JSON.stringify(article));
    writeFileSync(join(corpus, 'broken.json'), '{ "title": ');
    const report = await engine.reload();
    expect(report.added).toEqual(['new.json']);
    expect(report.rejected.map((p) => p.file)).toEqual(['broken.json']);
    expect(engine.stats().articles).toBe(2);
    const answer = engine.ask({ question: 'قمة الطاقة النووية المدنية' });
    expect(answer.ok && answer.results[0]!.article.source).toBe('Test Wire');

    rmSync(join(corpus, 'new.json'));
    writeFileSync(join(corpus, 'broken.json'), JSON.stringify({ ...article, title: 'خبر آخر' }));
    const second = await engine.reload();
    expect(second).toMatchObject({ removed: ['new.json'], added: ['broken.json'], rejected: [] });
  });

  it('makes a Windows-1256 Arabic text file searchable', async () => {
    const engine = await createEngine({ corpusDir: corpus, cacheDir: null });
    writeFileSync(join(corpus, 'old-archive.txt'), windows1256('افتتاح معرض الكتاب\r\n2019-03-01\r\nافتتح وزير الثقافة معرض الكتاب الدولي في القاهرة.\r\n'));
    await engine.reload();
    const answer = engine.ask({ question: 'معرض الكتاب الدولي' });
    expect(answer.ok && answer.results[0]).toMatchObject({ passage: 'افتتح وزير الثقافة معرض الكتاب الدولي في القاهرة.', article: { date: '2019-03-01' } });
  });

  it('shares one reload between calls made while it runs', async () => {
    const engine = await createEngine({ corpusDir: corpus, cacheDir: null });
    const [a, b] = [engine.reload(), engine.reload()];
    expect(a).toBe(b);
    await a;
  });
});

describe('an empty archive', () => {
  it('says so instead of suggesting other words, and counts the files skipped for their type', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'engine-empty-'));
    writeFileSync(join(empty, 'notes.csv'), 'title,date\n');
    try {
      const engine = await createEngine({ corpusDir: empty, cacheDir: null });
      expect(engine.stats()).toMatchObject({ articles: 0, skippedFiles: 1 });
      for (const answer of [engine.ask({ question: 'التعاون العسكري' }), engine.summarizeTopic('الاتفاق النووي')]) {
        expect(answer).toMatchObject({ ok: false, code: 'no-results', reason: { kind: 'empty-archive', corpusDir: empty } });
      }
      expect(engine.ask({ question: 'ا' })).toMatchObject({ ok: false, code: 'bad-query' });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('npm start', () => {
  it('refuses a corpus folder that does not exist, naming the variable, exit 2', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, DISCORD_TOKEN: '', CORPUS_DIR: '/nonexistent/corpus' }, encoding: 'utf8', input: '' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('CORPUS_DIR: the corpus folder "/nonexistent/corpus" does not exist');
  });
});

describe('a question in a language the archive does not hold', () => {
  it('says the archive holds no English articles instead of suggesting other words', async () => {
    const engine = await createEngine({ corpusDir: corpus, cacheDir: null });
    expect(engine.ask({ question: 'military cooperation between Iran and Russia' })).toMatchObject({
      ok: false,
      code: 'no-results',
      reason: { kind: 'other-language', asked: 'en', held: ['ar'] },
    });
    expect(engine.ask({ question: 'زززز ققققق' })).toMatchObject({ ok: false, code: 'no-results', reason: { kind: 'no-match' } });
  });
});

describe('a damaged index cache', () => {
  it('is reported and rebuilt once, not silently on every start', async () => {
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (_fields: object, message: string) => void warnings.push(message) };
    expect((await createEngine({ corpusDir: corpus, cacheDir: cache, logger })).stats().origin).toBe('build');
    const [file] = readdirSync(cache).filter((name) => name.startsWith('archive-'));
    truncateSync(join(cache, file!), 1000);
    expect((await createEngine({ corpusDir: corpus, cacheDir: cache, logger })).stats().origin).toBe('build');
    expect(warnings).toContain('index cache damaged: rebuilding it');
    warnings.length = 0;
    expect((await createEngine({ corpusDir: corpus, cacheDir: cache, logger })).stats().origin).toBe('cache');
    expect(warnings).toEqual([]);
  });
});

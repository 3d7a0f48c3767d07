import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Engine, createEngine } from '../../../src/engine/index.js';

const WIRE = [
  { id: 'w1', title: 'قمة الطاقة في موسكو', date: '2022-01-05', source: 'Test Wire', body: 'استضافت موسكو قمة حول الطاقة النووية المدنية.\nوقال الوزير الروسي: "التعاون النووي مع إيران ينمو".' },
  { id: 'w2', title: 'معرض الكتاب', date: '2022-02-01', source: 'Test Wire', body: 'افتتح وزير الثقافة معرض الكتاب الدولي في القاهرة بمشاركة واسعة.' },
  { id: 'w3', title: 'الأمطار في الرباط', date: '2022-03-10', source: 'Other Wire', body: 'هطلت أمطار غزيرة على الرباط وتسببت في إغلاق طرق عدة.' },
  { id: 'w4', title: 'صادرات النفط', date: '2022-04-02', source: 'Other Wire', body: 'ارتفعت صادرات النفط الإيرانية إلى الصين خلال الربع الأول.' },
];
const jsonl = (articles: object[]) => articles.map((a) => JSON.stringify(a)).join('\n');
const QUESTIONS = ['التعاون العسكري بين إيران وروسيا', 'قمة الطاقة النووية', 'معرض الكتاب', 'صادرات النفط إلى الصين', 'أمطار غزيرة'];

let corpus: string;
let cache: string;
beforeEach(() => {
  corpus = mkdtempSync(join(tmpdir(), 'update-corpus-'));
  cache = mkdtempSync(join(tmpdir(), 'update-cache-'));
  cpSync('corpus', corpus, { recursive: true });
  writeFileSync(join(corpus, 'wire.jsonl'), jsonl(WIRE));
});
afterEach(() => {
  rmSync(corpus, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
});

/** What a reader sees for each question: passages with their article and score, in any order among equals. */
async function answers(engine: Engine) {
  return QUESTIONS.map((question) => {
    const answer = engine.ask({ question, limit: 10 });
    return answer.ok ? answer.results.map((r) => `${r.article.id} ${r.start} ${r.score} ${r.speaker ?? ''}`).sort() : answer.reason.kind;
  });
}

async function rebuilt() {
  return answers(await createEngine({ corpusDir: corpus, cacheDir: null }));
}

describe('reload in place', () => {
  it('adds a new file without rebuilding, and answers exactly as a full rebuild would', async () => {
    const engine = await createEngine({ corpusDir: corpus, cacheDir: cache });
    writeFileSync(join(corpus, 'new.json'), JSON.stringify({ id: 'n1', title: 'محطة شمسية', date: '2022-05-01', source: 'Test Wire', body: 'افتتحت مصر أكبر محطة للطاقة الشمسية.\nوقال الرئيس: "الطاقة النظيفة مستقبلنا".' }));
    const report = await engine.reload();
    expect(report.added).toEqual(['new.json']);
    expect(engine.stats()).toMatchObject({ origin: 'update', articles: 6 });
    const answer = engine.ask({ question: 'محطة الطاقة الشمسية' });
    expect(answer.ok && answer.results[0]!.article.id).toBe('n1');
    const said = engine.whosaid('الطاقة النظيفة مستقبلنا');
    expect(said.ok && said.matches[0]!.article.id).toBe('n1');
    expect(await answers(engine)).toEqual(await rebuilt());
  });

  it('drops the articles of an edited or removed file and keeps the rest', async () => {
    const engine = await createEngine({ corpusDir: corpus, cacheDir: cache });
    writeFileSync(join(corpus, 'wire.jsonl'), jsonl([WIRE[0]!, WIRE[2]!, WIRE[3]!, { ...WIRE[1]!, body: 'أغلق معرض الكتاب أبوابه بعد عشرة أيام.' }]));
    const report = await engine.reload();
    expect(report.changed).toEqual(['wire.jsonl']);
    expect(engine.stats()).toMatchObject({ origin: 'update', articles: 5 });
    const answer = engine.ask({ question: 'معرض الكتاب' });
    expect(answer.ok && answer.results.map((r) => r.passage)).toEqual(['أغلق معرض الكتاب أبوابه بعد عشرة أيام.']);
    expect(await answers(engine)).toEqual(await rebuilt());

    rmSync(join(corpus, 'wire.jsonl'));
    writeFileSync(join(corpus, 'more.jsonl'), jsonl(WIRE.slice(0, 1)));
    await engine.reload();
    expect(engine.stats().articles).toBe(2);
    const gone = engine.ask({ question: 'أمطار غزيرة على الرباط' });
    expect(gone.ok && gone.results.some((r) => r.article.id === 'w3')).toBe(false);
    expect(await answers(engine)).toEqual(await rebuilt());
  });

  it('caches the updated archive, so a restart loads it instead of rebuilding', async () => {
    const engine = await createEngine({ corpusDir: corpus, cacheDir: cache });
    writeFileSync(join(corpus, 'wire.jsonl'), jsonl(WIRE.slice(0, 3)));
    await engine.reload();
    const restarted = await createEngine({ corpusDir: corpus, cacheDir: cache });
    expect(restarted.stats()).toMatchObject({ origin: 'cache', articles: 4 });
    expect(await answers(restarted)).toEqual(await answers(engine));
  });

  it('reports an id already used by another file and keeps the article indexed first', async () => {
    const engine = await createEngine({ corpusDir: corpus, cacheDir: cache });
    writeFileSync(join(corpus, 'dup.json'), JSON.stringify({ ...WIRE[2], body: 'نص آخر تماما عن الطقس.' }));
    const report = await engine.reload();
    expect(report.rejected).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'dup.json', field: 'id' })]));
    const answer = engine.ask({ question: 'أمطار غزيرة على الرباط' });
    expect(answer.ok && answer.results[0]!.passage).toBe(WIRE[2]!.body);
  });

  it('keeps the archive as it is when nothing changed', async () => {
    const engine = await createEngine({ corpusDir: corpus, cacheDir: cache });
    const before = engine.stats();
    const report = await engine.reload();
    expect(report).toMatchObject({ added: [], changed: [], removed: [] });
    expect(engine.stats()).toBe(before);
  });

  it('loads everything again when a _defaults.json changes', async () => {
    const engine = await createEngine({ corpusDir: corpus, cacheDir: cache });
    writeFileSync(join(corpus, '_defaults.json'), JSON.stringify({ source: 'Renamed Source' }));
    await engine.reload();
    expect(engine.stats().origin).toBe('build');
    expect(engine.sources()).toContain('Renamed Source');
  });
});

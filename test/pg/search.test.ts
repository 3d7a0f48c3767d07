import { existsSync, readFileSync } from 'node:fs';
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Archive } from '../../src/engine/archive.js';
import { buildArchive } from '../../src/engine/build/buildArchive.js';
import { parseArticleFile } from '../../src/engine/corpus/index.js';
import { type AskAnswer, ask } from '../../src/engine/search/ask.js';
import type { AskQuery } from '../../src/engine/search/query.js';
import type { Article, Result } from '../../src/engine/types.js';
import { ingestArticles } from '../../src/pg/ingest.js';
import { type StatementReads, postgresAsk } from '../../src/pg/search.js';
import { freshDatabase, useEmbeddedServer } from './database.js';

const server = useEmbeddedServer();

const SEED = 'corpus/iran-international-2021-10-20-bagheri-moscow.txt';

function seedArticle(): Article {
  return parseArticleFile('seed.txt', readFileSync(SEED, 'utf8'), { source: 'Iran International' }).articles[0]!;
}

function article(id: string, body: string, extra: Partial<Article> = {}): Article {
  return { id, title: `عنوان ${id}`, body, date: '2022-01-01', source: 'Test Wire', url: null, lang: 'ar', author: null, file: `${id}.md`, ...extra };
}

const COPY = 'وصف المسؤول التعاون العسكري بين إيران وروسيا بأنه ينمو ويتسع بسرعة كبيرة جدا.';
const ARTICLES = [
  seedArticle(),
  article('copy-late', COPY, { date: '2021-10-22', source: 'Late Wire' }),
  article('copy-early', COPY, { date: '2021-10-21', source: 'Early Wire' }),
  article('moscow-talks', 'التقى رئيس الأركان بنظيره الروسي في موسكو.\n\nوبحث الجانبان صفقات الأسلحة والتدريبات المشتركة.', { title: 'محادثات موسكو العسكرية', date: '2021-11-02' }),
  article('china-deal', 'وقعت إيران والصين اتفاقية تعاون استراتيجي لمدة 25 عاما تشمل الطاقة والبنية التحتية.', { title: 'اتفاقية الصين', source: 'Gulf Daily', date: '2021-03-27' }),
];

/** An answer as a person sees it (the speaker left out: quotations are not in PostgreSQL yet). */
function shown(answer: Result<AskAnswer>) {
  if (!answer.ok) return answer;
  return { ...answer, results: answer.results.map(({ speaker: _speaker, ...rest }) => rest) };
}

let archive: Archive;
let pool: pg.Pool;
beforeAll(async () => {
  archive = buildArchive(ARTICLES);
  pool = (await freshDatabase(server())).pool;
  await ingestArticles(pool, ARTICLES, { batchSize: 2 });
});

const QUESTIONS: Array<[string, AskQuery]> = [
  ['a plain question', { question: 'التعاون العسكري بين إيران وروسيا' }],
  ['a question whose copies are grouped under the earliest', { question: 'ينمو ويتسع بسرعة كبيرة' }],
  ['a source filter', { question: 'التعاون العسكري', source: 'late wire' }],
  ['date filters', { question: 'التعاون العسكري', from: '2021-10-21', to: '2021-11-30' }],
  ['a quoted phrase', { question: '"صفقات الأسلحة" موسكو' }],
  ['a phrase no passage holds (relaxed)', { question: '"الأسلحة صفقات" موسكو' }],
  ['a typo standing in for an unknown word', { question: 'الاستراتيجيي مع الصين' }],
  ['a title word', { question: 'محادثات موسكو' }],
  ['a second page', { question: 'إيران روسيا الصين', limit: 2, offset: 2 }],
  ['nothing matching', { question: 'كرة القدم البرازيلية' }],
  ['only common words', { question: 'في من على' }],
  ['an unknown source', { question: 'التعاون', source: 'Nowhere Times' }],
];

describe('postgresAsk', () => {
  it.each(QUESTIONS)('answers %s exactly as the embedded engine does', async (_, query) => {
    const embedded = ask(archive, query, archive.sources);
    const postgres = await postgresAsk(pool).ask(query);
    expect(shown(postgres)).toEqual(shown(embedded));
  });

  it('answers the cooperation question with the «ينمو ويتسع» paragraph of the seed, cited', async () => {
    const answer = await postgresAsk(pool).ask({ question: 'التعاون العسكري بين إيران وروسيا' });
    if (!answer.ok) throw new Error(JSON.stringify(answer.reason));
    const seed = answer.results.find((r) => r.article.source === 'Iran International')!;
    expect(seed.passage).toContain('ينمو ويتسع');
    expect(seed.article.date).toBe('2021-10-20');
    expect(ARTICLES[0]!.body.slice(seed.start, seed.end)).toBe(seed.passage);
  });
});

const EVAL_SET = new URL('../../../shared/eval/qa/xquad_ar/', import.meta.url);

describe.skipIf(!existsSync(EVAL_SET))('postgresAsk on a QA dev set (XQuAD Arabic)', () => {
  it('gives the same ten passages, in the same order, with the same scores, as the embedded engine for 150 questions', async () => {
    const { articles } = parseArticleFile('corpus.jsonl', readFileSync(new URL('corpus.jsonl', EVAL_SET), 'utf8'), {});
    const questions = readFileSync(new URL('questions.jsonl', EVAL_SET), 'utf8').trim().split('\n').slice(0, 150).map((line) => (JSON.parse(line) as { q: string }).q.slice(0, 300));
    const qa = buildArchive(articles);
    const db = (await freshDatabase(server())).pool;
    await ingestArticles(db, articles);
    const backend = postgresAsk(db);
    let same = 0;
    for (const question of questions) {
      const embedded = shown(ask(qa, { question, limit: 10 }, qa.sources));
      if (JSON.stringify(shown(await backend.ask({ question, limit: 10 }))) === JSON.stringify(embedded)) same++;
    }
    expect(same).toBe(questions.length);
  }, 120_000);
});

describe('postgresAsk over common words', () => {
  // A word in more passages than one question reads (the planner's budget, 5,000), beside a rare
  // one: the common word is only counted for the rare word's candidates, read from their own rows.
  const filler = Array.from({ length: 2_600 }, (_, i) => article(`wire-${i}`, `أعلنت الحكومة خطة النقل رقم ${i}.`, { title: `الحكومة ${i}` }));
  const rare = article('tram', 'أعلنت الحكومة افتتاح خط الترامواي الجديد في العاصمة.', { title: 'الحكومة تفتتح الترامواي' });
  const rail = Array.from({ length: 60 }, (_, i) => article(`rail-${i}`, `أعلنت الحكومة تمديد خط القطار ${i}.`, { title: `القطار ${i}` }));
  // Five passages with a rarer word: the common word's 5,000+ postings are more than 800 per candidate (ROW_READ_COST), so they are counted from the candidates' keys.
  const metro = Array.from({ length: 5 }, (_, i) => article(`metro-${i}`, `أعلنت الحكومة توسعة شبكة المترو ${i}.`, { title: `المترو ${i}` }));
  const corpus = [...filler.slice(0, 1_300), rare, ...filler.slice(1_300), ...rail, ...metro];
  let commonArchive: Archive;
  let commonPool: pg.Pool;
  beforeAll(async () => {
    commonArchive = buildArchive(corpus);
    commonPool = (await freshDatabase(server())).pool;
    await ingestArticles(commonPool, corpus);
  }, 120_000);

  it.each<[string, AskQuery]>([
    ['a rare word beside a common one', { question: 'الحكومة الترامواي' }],
    ['a rare word beside common ones, in the title too', { question: 'الحكومة تفتتح الترامواي الجديد' }],
  ])('answers %s exactly as the embedded engine does', async (_, query) => {
    const postgres = await postgresAsk(commonPool).ask(query);
    expect(shown(postgres)).toEqual(shown(ask(commonArchive, query, commonArchive.sources)));
    if (!postgres.ok) throw new Error(JSON.stringify(postgres.reason));
    expect(postgres.results[0]!.article.id).toBe('tram');
  });

  it.each<[string, AskQuery, StatementReads]>([
    ['from their term keys, 2 candidates a statement (a rarer word, a common one)', { question: 'الحكومة المترو' }, { candidates: 2, postingRows: 64 }],
    ['from their postings, one row a statement (a word in 60 articles, a common one)', { question: 'الحكومة القطار' }, { candidates: 7, postingRows: 1 }],
    ['from their postings, one row a statement (common words only)', { question: 'خطة الحكومة رقم 12' }, { candidates: 5_000, postingRows: 1 }],
    ['from their postings, one row a statement (common words, in titles too)', { question: 'الحكومة خطة النقل' }, { candidates: 5_000, postingRows: 1 }],
    ['from their postings, three rows a statement shared by the terms (common words, in titles too)', { question: 'الحكومة خطة النقل' }, { candidates: 5_000, postingRows: 3 }],
  ])('gives the same answer when the candidates are counted %s', async (_, query, reads) => {
    const whole = await postgresAsk(commonPool).ask(query);
    expect(whole.ok).toBe(true);
    expect(shown(whole)).toEqual(shown(ask(commonArchive, query, commonArchive.sources)));
    expect(await postgresAsk(commonPool, reads).ask(query)).toEqual(whole);
  });
});

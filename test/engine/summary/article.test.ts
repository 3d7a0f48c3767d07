import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../../../src/engine/corpus/index.js';
import { needsAntecedent, summarizeArticle } from '../../../src/engine/summary/index.js';
import type { Article } from '../../../src/engine/types.js';
import { SEED_FILE, SEED_PATH } from '../corpus/seed.js';

const seed = parseArticleFile(SEED_FILE, readFileSync(SEED_PATH, 'utf8'), { source: 'Iran International' }).articles[0]!;

function article(body: string, title = 'خبر'): Article {
  return { id: 't', title, body, date: '2022-03-01', source: 'Test Wire', url: null, lang: 'ar', author: null, file: 't.md' };
}

describe('summarizeArticle on the seed', () => {
  const summary = summarizeArticle(seed);
  const first = summary.sentences[0]!.text;

  it('leads with Bagheri on growing military cooperation', () => {
    expect(first.startsWith('قال محمد باقري') || first.includes('ينمو ويتسع')).toBe(true);
    expect(summary.sentences.some((s) => s.text.includes('ينمو ويتسع'))).toBe(true);
  });

  it('includes the Russian arms contracts', () => {
    expect(summary.sentences.some((s) => /عقود/.test(s.text) && /أسلحة/.test(s.text))).toBe(true);
  });

  it('cites the article with its source and date', () => {
    expect(summary.article).toMatchObject({ source: 'Iran International', date: '2021-10-20' });
    expect(summary.topic).toBe(seed.title);
  });

  it.each([1, 2, 3, 5, 7, 10])('gives exactly %i verbatim sentences in the article order', (n) => {
    const sentences = summarizeArticle(seed, n).sentences;
    expect(sentences).toHaveLength(n);
    for (const s of sentences) expect(seed.body.slice(s.start, s.end)).toBe(s.text);
    expect(sentences.map((s) => s.start)).toEqual([...sentences.map((s) => s.start)].sort((a, b) => a - b));
    expect(needsAntecedent(sentences[0]!.text)).toBe(false);
  });

  it('keeps quotations whole', () => {
    const quote = '«انتهى الاجتماع. سنعود إلى طهران غدا. الاتفاق قريب جدا.»';
    const body = `قال وزير الخارجية للصحفيين: ${quote} ثم غادر القاعة.\nوتستمر المحادثات في فيينا.`;
    const texts = summarizeArticle(article(body), 2).sentences.map((s) => s.text);
    expect(texts.some((t) => t.includes(quote))).toBe(true);
  });

  it('attaches the speaker the quote index gives', () => {
    const speakerOf = (id: string, start: number) => (id === seed.id && start === 0 ? { speaker: 'محمد باقري', denial: false, named: true } : undefined);
    expect(summarizeArticle(seed, 3, { speakerOf }).sentences[0]).toMatchObject({ speaker: 'محمد باقري' });
    expect(summarizeArticle(seed, 3, { speakerOf }).sentences[0]).not.toHaveProperty('denial');
  });
});

describe('summarizeArticle openings', () => {
  it.each([
    {
      name: 'a dangling وأضاف',
      body: 'أعلنت وزارة الصحة تسجيل إصابات جديدة بالفيروس في العاصمة.\nوأضاف أن الوضع تحت السيطرة الكاملة ولا داعي للقلق من انتشار الفيروس.\nوتستعد المستشفيات لاستقبال المزيد من المرضى.',
    },
    {
      name: 'English "He added"',
      body: 'The minister announced new measures against the virus in the capital.\nHe added that the situation was under control and there was no reason to worry.\nHospitals are preparing for more patients.',
    },
  ])('never opens with $name when a self-standing sentence exists', ({ body }) => {
    const summary = summarizeArticle(article(body), 1, { weights: { position: 0, title: 0 } });
    expect(needsAntecedent(summary.sentences[0]!.text)).toBe(false);
  });

  it('prefers a self-standing sentence to one that leans on the sentence before', () => {
    const body = [
      'أعلنت وزارة الصحة المصرية تسجيل ثلاث إصابات جديدة بالحصبة في محافظة أسيوط.',
      'وهذا ما دفع الوزارة إلى إطلاق حملة تطعيم في المدارس.',
      'وأطلقت الوزارة حملة تطعيم ضد الحصبة في مدارس المحافظة تستمر أسبوعين.',
      'ويشارك في الحملة مئتا طبيب وممرض من المستشفيات الحكومية.',
    ].join('\n');
    const texts = summarizeArticle(article(body), 2).sentences.map((s) => s.text);
    expect(texts).toHaveLength(2);
    expect(texts.some((t) => t.startsWith('وهذا'))).toBe(false);
  });

  it('gives one sentence for a two-sentence article by default', () => {
    expect(summarizeArticle(article('افتتح المعرض الدولي للكتاب أبوابه اليوم. ويستمر المعرض عشرة أيام.')).sentences).toHaveLength(1);
  });
});

describe('needsAntecedent', () => {
  it.each([
    ['وأضاف أن اللجنة ستجتمع الأسبوع المقبل.', true],
    ['كما أشار ظريف إلى أن الزيارة جاءت بإرادة موسكو.', true],
    ['وقال إن المحادثات كانت مثمرة.', true],
    ['وهو ما أكده المتحدث باسم الوزارة.', true],
    ['He added that talks would resume.', true],
    ['وقال ظريف في جزء من الملف الصوتي إن الروس عرقلوا الاتفاق.', false],
    ['قال محمد باقري إن التعاون ينمو.', false],
    ['The minister said talks would resume.', false],
  ])('%s → %s', (sentence, expected) => {
    expect(needsAntecedent(sentence)).toBe(expected);
  });
});

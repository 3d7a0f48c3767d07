import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Archive, buildArchive } from '../../../src/engine/archive.js';
import { parseArticleFile } from '../../../src/engine/corpus/index.js';
import { groupStories, summarizeTopic } from '../../../src/engine/summary/index.js';
import type { Article } from '../../../src/engine/types.js';
import { SEED_FILE, SEED_PATH } from '../corpus/seed.js';

const seed = parseArticleFile(SEED_FILE, readFileSync(SEED_PATH, 'utf8'), { source: 'Iran International' }).articles[0]!;

function article(id: string, date: string, source: string, title: string, body: string): Article {
  return { id, title, body, date, source, url: null, lang: 'ar', author: null, file: `${id}.md` };
}

const STORY = 'وصل رئيس الأركان الإيراني محمد باقري إلى موسكو في زيارة رسمية لبحث التعاون العسكري مع روسيا.\nوالتقى باقري وزير الدفاع الروسي سيرغي شويغو وبحثا صفقات الأسلحة والتدريب المشترك.';
const articles = [
  seed,
  article('wire-a', '2021-10-18', 'Wire A', 'باقري يصل إلى موسكو لبحث التعاون العسكري', STORY),
  article('wire-b', '2021-10-19', 'Wire B', 'باقري يصل إلى موسكو لبحث التعاون العسكري', `${STORY}\nوتأتي الزيارة بعد أسابيع من رفع حظر الأسلحة.`),
  article('tass', '2021-10-22', 'Tass', 'روسيا وإيران توقعان اتفاقية للتعاون العسكري', 'وقعت روسيا وإيران اتفاقية جديدة للتعاون العسكري تشمل عقود شراء طائرات مقاتلة روسية.\nوقال مسؤول روسي إن التعاون العسكري بين البلدين سيتوسع في السنوات المقبلة.'),
  article('sport', '2021-10-21', 'Sport Daily', 'الأهلي يفوز على الزمالك', 'فاز الأهلي على الزمالك بهدفين نظيفين في مباراة القمة.'),
];

let archive: Archive;
beforeAll(() => {
  archive = buildArchive(articles);
});

describe('summarizeTopic', () => {
  it('counts two copies of the same story once, cites every sentence and keeps dates in order', () => {
    const summary = summarizeTopic(archive, 'التعاون العسكري بين إيران وروسيا', 6);
    expect(summary.ok).toBe(true);
    if (!summary.ok) return;
    const ids = summary.sources.map((s) => s.article.id);
    expect(ids.filter((id) => id === 'wire-a' || id === 'wire-b')).toHaveLength(1);
    expect(ids).not.toContain('sport');
    expect(summary.sources.map((s) => s.cite)).toEqual(summary.sources.map((_, i) => i + 1));
    for (const s of summary.sentences) {
      const source = summary.sources.find((x) => x.cite === s.cite);
      expect(source?.article).toEqual(s.article);
      expect(articles.find((a) => a.id === s.article.id)!.body.slice(s.start, s.end)).toBe(s.text);
    }
    const dates = summary.sentences.map((s) => s.article.date);
    expect(dates).toEqual([...dates].sort());
    const texts = summary.sentences.map((s) => s.text);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('respects the number of sentences asked for', () => {
    const summary = summarizeTopic(archive, 'التعاون العسكري بين إيران وروسيا', 2);
    expect(summary.ok && summary.sentences.length).toBe(2);
  });

  it('passes on the /ask failure when nothing matches', () => {
    expect(summarizeTopic(archive, 'البطريق القطبي')).toMatchObject({ ok: false, code: 'no-results' });
  });
});

describe('groupStories', () => {
  it('puts syndicated copies in one group and other stories apart', () => {
    const groups = groupStories(articles.slice(1));
    expect(groups.map((g) => g.map((a) => a.id))).toEqual([['wire-a', 'wire-b'], ['tass'], ['sport']]);
  });
});

describe('summarizeTopic citations', () => {
  it('cites the earliest article that carries a sentence word for word, not a later copy', () => {
    const body = 'أعلن الرئيس الأمريكي انسحاب الولايات المتحدة من الاتفاق النووي مع إيران. وقال إن الاتفاق كان سيئا.';
    const make = (id: string, date: string, source: string, extra = ''): Article => ({ id, title: 'الانسحاب من الاتفاق النووي', body: body + extra, date, source, url: null, lang: 'ar', author: null, file: `${id}.json` });
    // The later copy adds a paragraph that matches the topic best, so its story leads; the shared sentences are the early wire's.
    const archive = buildArchive([
      make('late', '2018-05-09', 'Late Wire', '\nالانسحاب من الاتفاق النووي الإيراني: الانسحاب من الاتفاق النووي رسميا.'),
      make('early', '2018-05-08', 'Early Wire'),
    ]);
    const summary = summarizeTopic(archive, 'الانسحاب من الاتفاق النووي', 2);
    if (!summary.ok) throw new Error(summary.message);
    const shared = summary.sentences.filter((s) => body.includes(s.text));
    expect(shared.length).toBeGreaterThan(0);
    expect(shared.every((s) => s.article.source === 'Early Wire')).toBe(true);
    for (const s of shared) expect(body.slice(s.start, s.end)).toBe(s.text);
  });
});

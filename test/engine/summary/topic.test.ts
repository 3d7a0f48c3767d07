import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Archive } from '../../../src/engine/archive.js';
import { buildArchive } from '../../../src/engine/build/buildArchive.js';
import { parseArticleFile } from '../../../src/engine/corpus/index.js';
import { groupStories, summarizeTopic } from '../../../src/engine/summary/index.js';
import { isGeneric } from '../../../src/engine/summary/topicality.js';
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
  it('counts two copies of the same story once, cites every sentence and keeps dates in order after the first', () => {
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
    const dates = summary.sentences.slice(1).map((s) => s.article.date);
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

/** A news wire on the World Cup: a generic opening line, a dated fact, and a sentence on another subject. */
const WORLD_CUP_WIRE = article(
  'cup-wire',
  '2018-06-14',
  'Sport Wire',
  'انطلاق كأس العالم في روسيا',
  'تعد نهائيات كأس العالم المناسبة التي يحلم بها كل لاعب في مشواره الرياضي.\nانطلقت الخميس في موسكو نهائيات كأس العالم 2018 في روسيا بمباراة المنتخب المضيف والسعودية.\nوتوقعت الأرصاد الجوية أمطارا خفيفة على العاصمة البريطانية لندن نهاية الأسبوع.',
);
/** Zakharova's accusation, and the sentence after it in the same paragraph, which names no topic word. */
const ZAKHAROVA = article(
  'zakharova',
  '2018-04-01',
  'News Wire',
  'زاخاروفا: الغرب يحاول حرمان روسيا من استضافة كأس العالم',
  'اتهمت المتحدثة باسم وزارة الخارجية الروسية ماريا زاخاروفا بريطانيا بالسعي لمنع روسيا من استضافة كأس العالم. وقالت زاخاروفا إن هذه الحملة الإعلامية لن تنجح في تحقيق أهدافها.',
);
/** A listicle: it speaks to the reader, and its items are not what happened. */
const LISTICLE = article(
  'listicle',
  '2018-06-10',
  'Sport Daily',
  'نجوم يغيبون عن كأس العالم في روسيا',
  'اخترنا لكم أبرز نجوم كرة القدم الذين يغيبون عن نهائيات كأس العالم 2018 في روسيا.\nوسيغيب فان دايك عن نهائيات كأس العالم 2018 في روسيا لأن منتخب بلاده هولندا لم يتأهل.',
);

describe('summarizeTopic stays on topic', () => {
  const cases: Array<{ name: string; articles: Article[]; topic: string; expected: string[] }> = [
    {
      // The seed's own lead is about military cooperation; the nuclear deal comes late in the article.
      name: "the seed's nuclear-deal sentences, the best self-standing one first, those that go on from one right after it",
      articles: [seed],
      topic: 'الاتفاق النووي',
      expected: [
        'وفي أواخر أبريل (نيسان) 2021، أثار نشر ملف صوتي لوزير الخارجية آنذاك، محمد جواد ظريف، حول عرقلة روسيا للاتفاق النووي ردود فعل كثيرة.',
        'وقال ظريف في جزء من الملف الصوتي: "لم يكن هدف الروس التوصل إلى اتفاق نووي، وعندما رأوا أننا نتوصل إلى اتفاق، بدأوا في خلق العراقيل".',
        'كما أشار ظريف إلى أن "زيارة قاسم سليماني لروسيا في ذلك الوقت جاءت بإرادة موسكو وليس بإرادتنا".',
        'وذكر أنه يكفي استعراض الأحداث التي وقعت في الأشهر الستة بين وضع اللمسات الأخيرة على الاتفاق النووي وتنفيذه.',
        'وكان آخرها الهجوم على السفارة السعودية واحتجاز سفينتين أميركيتين، وأولهما رحلة قاسم سليماني إلى روسيا.',
      ],
    },
    {
      name: "no generic line (every player's dream), no sentence on another subject, nothing from a listicle; a sentence that goes on from an on-topic one follows it",
      articles: [WORLD_CUP_WIRE, ZAKHAROVA, LISTICLE],
      topic: 'كأس العالم روسيا',
      expected: [
        'اتهمت المتحدثة باسم وزارة الخارجية الروسية ماريا زاخاروفا بريطانيا بالسعي لمنع روسيا من استضافة كأس العالم.',
        'وقالت زاخاروفا إن هذه الحملة الإعلامية لن تنجح في تحقيق أهدافها.',
        'انطلقت الخميس في موسكو نهائيات كأس العالم 2018 في روسيا بمباراة المنتخب المضيف والسعودية.',
      ],
    },
  ];
  it.each(cases)('$name', ({ articles, topic, expected }) => {
    const summary = summarizeTopic(buildArchive(articles), topic);
    if (!summary.ok) throw new Error(JSON.stringify(summary.reason));
    expect(summary.sentences.map((s) => s.text)).toEqual(expected);
  });
});

describe('isGeneric', () => {
  it.each([
    ['تعد نهائيات كأس العالم المناسبة التي يحلم بها كل لاعب في مشواره الرياضي.', true],
    ['اخترنا لكم أبرز نجوم كرة القدم الذين يغيبون عن نهائيات كأس العالم 2018 في روسيا.', true],
    ['زلزال إندونيسيا: مئات القتلى والمصابين جراء الزلزال وتسونامي في بالو', true],
    ['الاحتجاجات في الأردن..', true],
    ['وحذر من أنه سيجري استهداف كل من يرشح نفسه أو يصوت في الانتخابات المقررة في 12 مايو.', false],
    ['وأفاد شاهد من رويترز بأن الزلزال وقع في بحر بالي وهز المباني لعدة ثوان في الجزيرة.', false],
    ['أعلن الرئيس الأمريكي انسحاب الولايات المتحدة من الاتفاق النووي مع إيران.', false],
  ])('%s → %s', (sentence, generic) => {
    expect(isGeneric(sentence)).toBe(generic);
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
    if (!summary.ok) throw new Error(JSON.stringify(summary.reason));
    const shared = summary.sentences.filter((s) => body.includes(s.text));
    expect(shared.length).toBeGreaterThan(0);
    expect(shared.every((s) => s.article.source === 'Early Wire')).toBe(true);
    for (const s of shared) expect(body.slice(s.start, s.end)).toBe(s.text);
  });
});

import { describe, expect, it } from 'vitest';
import { QuoteIndex, groupRows, withCopies, type Row } from '../../../src/engine/quotes/index.js';
import { TextGrouper } from '../../../src/engine/quotes/grouping.js';
import type { Article } from '../../../src/engine/types.js';

const article = (id: string, date: string, body: string, source = 'Iran International'): Article =>
  ({ id, title: `title ${id}`, body, date, source, url: null, lang: 'ar', author: null, file: `${id}.txt` });

const articles = [
  article('a1', '2021-10-20', 'قال محمد باقري، رئيس الأركان العامة للقوات المسلحة الإيرانية، إن التعاون العسكري مع موسكو "ينمو ويتسع باستمرار".\nووصف المسؤول العسكري الإيراني الكبير العلاقات بأنها "استراتيجية وطويلة الأمد".'),
  article('a2', '2021-10-22', 'وقال اللواء محمد باقري إن "لجنة عسكرية مشتركة ستعقد في طهران في غضون ثلاثة أشهر".'),
  article('a3', '2021-10-25', 'ونقلت وكالة الأنباء عن باقري قوله: "لجنة عسكرية مشتركة ستعقد في طهران في غضون ثلاثة أشهر".', 'IRNA'),
  article('a4', '2019-03-01', 'وقال حسين باقري، وزير الزراعة العراقي، إن "موسم الحصاد هذا العام سيكون وفيرا".'),
  article('a5', '2021-10-21', 'وقال وزير الخارجية الإيراني محمد جواد ظريف إن "المفاوضات النووية وصلت إلى طريق مسدود".'),
];
const index = QuoteIndex.build(articles);

describe('whosaid', () => {
  it.each([
    ['a partial quote', 'ينمو ويتسع'],
    ['no diacritics, other marks', '«ينمو ويتسع باستمرار»'],
    ['a typo', 'ينموا ويتسع باستمرار'],
    ['alef, ya and ta marbuta variants', 'التعاون العسكرى مع موسكو'],
  ])('finds the quotation from %s', (_, query) => {
    expect(index.whosaid(query)[0]).toMatchObject({
      speaker: 'محمد باقري',
      speakerTitle: 'رئيس الأركان العامة للقوات المسلحة الإيرانية',
      article: { id: 'a1', date: '2021-10-20', source: 'Iran International' },
    });
  });

  it('groups a quotation carried by several articles under the earliest', () => {
    const [best] = index.whosaid('لجنة عسكرية مشتركة ستعقد في طهران');
    expect(best).toMatchObject({ quote: 'لجنة عسكرية مشتركة ستعقد في طهران في غضون ثلاثة أشهر', article: { id: 'a2' }, speaker: 'محمد باقري' });
    expect(best!.alsoIn!.map((a) => a.id)).toEqual(['a3']);
  });

  it('answers nothing for an unrelated text', () => {
    expect(index.whosaid('كرة القدم في البرازيل')).toEqual([]);
  });
});

describe('whosaid on whole messages', () => {
  const archive = QuoteIndex.build([
    ...articles,
    article('c1', '2022-01-10', 'وسئل وزير المالية سامي الخطيب عن الأزمة فقال: «قال إن هذا هو الحل».'),
    { ...article('c2', '2016-05-02', 'John Miller said: "It is what it is."', 'Test Wire'), lang: 'en' },
  ]);

  it.each([
    ['a reporting sentence around the quotation', 'رئيس الأركان قال إن التعاون العسكري مع موسكو "ينمو ويتسع باستمرار"', 'محمد باقري', 'التعاون العسكري مع موسكو "ينمو ويتسع باستمرار"', ['التعاون', 'العسكري', 'موسكو', 'ينمو', 'ويتسع', 'باستمرار']],
    ['the article\'s own sentence, pasted whole', 'ووصف المسؤول العسكري الإيراني الكبير العلاقات بأنها "استراتيجية وطويلة الأمد".', 'محمد باقري', 'استراتيجية وطويلة الأمد', ['استراتيجية', 'وطويلة', 'الأمد']],
    ['the same sentence without its quote marks', 'ووصف المسؤول العسكري الإيراني الكبير العلاقات بأنها استراتيجية وطويلة الأمد', 'محمد باقري', 'استراتيجية وطويلة الأمد', ['استراتيجية', 'وطويلة', 'الأمد']],
    ['a tweet: emoji, handle, hashtag and link around it', '🔥 عاجل: ظريف @JZarif: «المفاوضات النووية وصلت إلى طريق مسدود» #إيران https://t.co/x1', 'محمد جواد ظريف', 'المفاوضات النووية وصلت إلى طريق مسدود', ['المفاوضات', 'النووية', 'وصلت', 'طريق', 'مسدود']],
    ['a headline', 'ظريف: المفاوضات النووية وصلت إلى طريق مسدود', 'محمد جواد ظريف', 'المفاوضات النووية وصلت إلى طريق مسدود', ['المفاوضات', 'النووية', 'وصلت', 'طريق', 'مسدود']],
    ['the bare quotation', 'ينمو ويتسع', 'محمد باقري', 'التعاون العسكري مع موسكو "ينمو ويتسع باستمرار"', ['ينمو', 'ويتسع']],
  ])('finds the speaker from %s, saying which words matched', (_, message, speaker, quote, matchedWords) => {
    expect(archive.whosaid(message)[0]).toMatchObject({ speaker, quote, matchedWords });
  });

  it.each([
    ['an Arabic quotation of common words', 'قال إن هذا هو الحل', 'سامي الخطيب', 'قال إن هذا هو الحل', ['قال', 'الحل']],
    ['an English quotation of common words', 'It is what it is', 'John Miller', 'It is what it is.', ['It', 'is', 'what', 'it', 'is']],
    ['the same, quoted in a message', 'Miller on the polls: “It is what it is” 😂 #election', 'John Miller', 'It is what it is.', ['It', 'is', 'what', 'it', 'is']],
  ])('finds %s by its exact word sequence', (_, message, speaker, quote, matchedWords) => {
    expect(archive.whosaid(message)[0]).toMatchObject({ speaker, quote, matchedWords });
  });

  it.each([
    ['common words not in that order', 'is it what'],
    ['common words no quotation has together', 'what it is about'],
  ])('answers nothing for %s', (_, message) => {
    expect(archive.whosaid(message)).toEqual([]);
  });
});

describe('bySpeaker and speakers', () => {
  it('merges name variants of one person, newest first', () => {
    const result = index.bySpeaker('باقري')!;
    expect(result.speaker).toBe('محمد باقري');
    expect(result.matches.map((m) => m.article.id)).toEqual(['a3', 'a2', 'a1', 'a1']);
    expect(index.bySpeaker('اللواء محمد باقري')!.matches).toHaveLength(4);
  });

  it('gives the page asked for and the total, a page past the end empty', () => {
    const whole = index.bySpeaker('باقري')!;
    expect(whole.total).toBe(4);
    expect(index.bySpeaker('باقري', { offset: 1, limit: 2 })).toEqual({ ...whole, matches: whole.matches.slice(1, 3) });
    expect(index.bySpeaker('باقري', { offset: 3, limit: 3 })!.matches.map((m) => m.article.id)).toEqual(['a1']);
    expect(index.bySpeaker('باقري', { offset: 4, limit: 3 })).toMatchObject({ speaker: 'محمد باقري', matches: [], total: 4 });
  });

  it('keeps a namesake with another first name apart', () => {
    expect(index.bySpeaker('حسين باقري')).toMatchObject({ speaker: 'حسين باقري', matches: [{ article: { id: 'a4' } }] });
    expect(index.speakers('باقري')).toEqual([{ name: 'محمد باقري', count: 4 }, { name: 'حسين باقري', count: 1 }]);
  });

  it('autocompletes from a prefix of any name word', () => {
    expect(index.speakers('ظر')).toEqual([{ name: 'محمد جواد ظريف', count: 1 }]);
    expect(index.speakers('', 2).map((s) => s.name)).toEqual(['محمد باقري', 'حسين باقري']);
  });

  it('autocompletes a name whose first letter is و or ف (وزارة، فلاديمير) from its first letters', () => {
    const named = QuoteIndex.build([
      article('v1', '2018-05-01', 'وقال فلاديمير بوتين إن "العلاقات مع فرنسا تتطور بشكل جيد".'),
      article('v2', '2018-05-02', 'وقالت وزارة الخارجية الروسية إن "الاجتماع سيعقد الأسبوع المقبل في موسكو".'),
    ]);
    expect(named.speakers('فلا')).toEqual([{ name: 'فلاديمير بوتين', count: 1 }]);
    expect(named.speakers('وزا')).toEqual([{ name: 'وزارة الخارجية الروسية', count: 1 }]);
  });
});

describe('bySpeaker across spellings', () => {
  const archive = QuoteIndex.build([
    article('t1', '2018-05-08', 'وقال الرئيس الأمريكي دونالد ترامب إن "الاتفاق النووي مع إيران كارثي".'),
    article('t2', '2018-05-09', 'وقال الرئيس الأمريكي دونالد ترامب إن "العقوبات ستعود بأقوى مستوياتها".'),
    article('t3', '2018-05-10', 'وقال الرئيس الأميركي دونالد ترمب إن "إيران لن تحصل على سلاح نووي".'),
    article('t4', '2018-11-20', 'وقال ترامب: "سنرى ما سيحدث".'),
    article('t5', '2018-11-21', 'وكتب ترمب: "الاقتصاد في أفضل حالاته".'),
  ]);

  it.each(['ترامب', 'ترمب', 'دونالد ترامب', 'دونالد ترمب', 'الرئيس دونالد ترامب'])('/quotes %s leads to one person with every spelling\'s quotations', (name) => {
    const found = archive.bySpeaker(name)!;
    expect(found.speaker).toBe('دونالد ترامب');
    expect(found.matches.map((m) => m.article.id)).toEqual(['t5', 't4', 't3', 't2', 't1']);
  });
});

describe('bySpeaker with a bare surname several people share', () => {
  const archive = QuoteIndex.build([
    article('z1', '2018-01-10', 'وقال وزير الخارجية الإيراني محمد جواد ظريف إن "الاتفاق النووي غير قابل للتفاوض".'),
    article('z2', '2018-01-11', 'وقال وزير الخارجية الإيراني محمد جواد ظريف إن "العقوبات لن تغير سياستنا".'),
    article('z3', '2018-06-01', 'وقال حسين ظريف، وزير الرياضة العراقي، إن "الفريق جاهز للمباراة".'),
    article('z4', '2018-06-02', 'وقال حسين ظريف، وزير الرياضة العراقي، إن "اللاعبين قدموا كل ما لديهم".'),
    article('z5', '2019-12-01', 'وقال ظريف: "سنواصل العمل".'),
  ]);

  it('answers the bare name and lists the people who share it, to choose from', () => {
    expect(archive.bySpeaker('ظريف')).toMatchObject({
      speaker: 'ظريف',
      matches: [{ quote: 'سنواصل العمل' }],
      namesakes: [{ name: 'حسين ظريف', count: 2 }, { name: 'محمد جواد ظريف', count: 2 }],
    });
  });

  it('lists no namesakes for a full name', () => {
    expect(archive.bySpeaker('حسين ظريف')).not.toHaveProperty('namesakes');
  });
});

describe('byArticle, attributionAt and data', () => {
  it('lists an article in text order and finds who is quoted under a passage', () => {
    const quotes = index.byArticle('a1');
    expect(quotes.map((q) => q.direct)).toEqual([false, true]);
    const body = articles[0]!.body;
    expect(index.attributionAt('a1', body.indexOf('ووصف'), body.length)).toEqual({ speaker: 'محمد باقري', denial: false, named: true });
  });

  it('keeps a denial a denial, in listings and under a passage', () => {
    const body = 'نفى وزير الخارجية الإيراني محمد جواد ظريف أن تكون بلاده قد أرسلت أسلحة إلى اليمن.';
    const denials = QuoteIndex.build([{ ...articles[0]!, id: 'denial', body }]);
    expect(denials.byArticle('denial')).toEqual([expect.objectContaining({ speaker: 'محمد جواد ظريف', polarity: 'denial' })]);
    expect(denials.attributionAt('denial', 0, body.length)).toMatchObject({ speaker: 'محمد جواد ظريف', denial: true });
  });

  it('is rebuilt from a copy of its data alone', () => {
    const copy = QuoteIndex.fromData(structuredClone(index.toData()));
    expect(copy.whosaid('ينمو ويتسع')).toEqual(index.whosaid('ينمو ويتسع'));
    expect(copy.speakers()).toEqual(index.speakers());
    expect(copy.bySpeaker('باقري')).toEqual(index.bySpeaker('باقري'));
  });

  it('stores the matching words and speakers, so loading does not re-read the quotations', () => {
    const data = index.toData();
    expect(data.version).toBe(2);
    expect(data.group).toHaveLength(data.quotes.length);
    expect(data.groupStart.length - 1).toBeLessThan(data.quotes.length);
    expect(data.groupWords.length).toBe(data.groupStart[data.groupStart.length - 1]);
    expect(data.speakers.map((s) => s.name)).toContain('محمد باقري');
  });

  it('rejects data of another version (an old cache is rebuilt, never misread)', () => {
    expect(() => QuoteIndex.fromData({ ...index.toData(), version: 1 } as never)).toThrow(/version 1/);
    expect(() => QuoteIndex.fromData({ ...index.toData(), version: 3 } as never)).toThrow(/version 3/);
  });
});

describe('QuoteIndex.update', () => {
  it('gives the index a full build of the remaining and added articles would give', () => {
    const added = article('added', '2021-11-02', 'وقال وزير الخارجية الروسي: "العلاقات مع طهران في أفضل حالاتها".');
    const keep = Uint8Array.from(articles, (_, i) => (i === 0 ? 0 : 1));
    const updated = index.update(keep, [added]);
    expect(updated.toData()).toEqual(QuoteIndex.build([...articles.slice(1), added]).toData());
    expect(updated.whosaid('العلاقات مع طهران في أفضل حالاتها', 1)[0]!.article.id).toBe('added');
    expect(updated.byArticle(articles[0]!.id)).toEqual([]);
  });
});

describe('withCopies', () => {
  it('gives copied articles the rows, groups and failures of the article they copy, in article order', () => {
    // Runs of two articles: article 2 copies article 0, article 3 copies article 1 (whose reading failed).
    const grouper = new TextGrouper();
    const row = (article: number, start: number, end: number, text: string): Row =>
      ({ article, start, end, text, direct: true, denial: false, named: true, speaker: 'محمد باقري', speakerTitle: null });
    const read = {
      quotes: [row(0, 10, 40, 'ينمو ويتسع باستمرار'), row(0, 50, 80, 'استراتيجية وطويلة الأمد')],
      matching: ['ينمو يتسع باستمرار', 'استراتيجيه طويله امد'],
      failed: [{ id: 'a1', error: 'Error: unreadable' }],
    };
    const runs = [groupRows(grouper, 0, read), groupRows(grouper, 1, { quotes: [], matching: [], failed: [] })];
    withCopies(runs, grouper, Int32Array.from([-1, -1, 0, 1]), 2, (k) => `a${k}`);
    expect(runs[1]!.quotes).toEqual([row(2, 10, 40, 'ينمو ويتسع باستمرار'), row(2, 50, 80, 'استراتيجية وطويلة الأمد')]);
    expect(runs[1]!.failed).toEqual([{ id: 'a3', error: 'Error: unreadable' }]);
    expect(Array.from(grouper.finish().group)).toEqual([0, 1, 0, 1]);
  });
});

describe('bySpeaker lists each quotation once', () => {
  it('leaves out a quoted fragment inside its reported clause, and a lead repeating a later quote', () => {
    const body = [
      'قال وزير الخارجية الإيراني محمد جواد ظريف إن "المفاوضات مع أوروبا وصلت إلى طريق مسدود تماما".',
      'وأضاف ظريف أن بلاده "لن تقبل أي شروط جديدة على برنامجها النووي" في المرحلة المقبلة من المحادثات.',
      'وقال ظريف: "المفاوضات مع أوروبا وصلت إلى طريق مسدود تماما".',
    ].join('\n');
    const quotes = QuoteIndex.build([{ ...articles[0]!, id: 'zarif', body }]);
    const all = quotes.byArticle('zarif').map((q) => q.quote);
    const listed = quotes.bySpeaker('ظريف')!.matches.map((q) => q.quote);
    expect(all.length).toBeGreaterThan(listed.length);
    expect(listed.filter((q) => q.includes('طريق مسدود'))).toHaveLength(1);
    expect(listed.some((q) => q.includes('لن تقبل أي شروط جديدة'))).toBe(true);
  });
});

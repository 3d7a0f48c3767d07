import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QuoteReader } from '../../../src/engine/quotes/extract.js';
import { matchTokens } from '../../../src/engine/quotes/fuzzy.js';
import { partsOf } from '../../../src/engine/quotes/tokens.js';
import type { Quotation } from '../../../src/engine/quotes/types.js';

/** The seed article's body: after the title and date lines, before the site furniture. */
const seedText = readFileSync(new URL('../../../corpus/iran-international-2021-10-20-bagheri-moscow.txt', import.meta.url), 'utf8');
const seedBody = seedText.split('\n').slice(3).join('\n').split('مزيد من الأخبار')[0]!.trim();
const reader = new QuoteReader();
const seed = reader.quotations({ id: 'seed', title: seedText.split('\n')[0]!, body: seedBody, lang: 'ar' });
const quotes = (body: string, lang = 'ar') => reader.quotations({ id: 'a', title: 't', body, lang });
const find = (qs: Quotation[], part: string) => qs.find((q) => q.text.includes(part));

describe('QuoteReader on the seed article', () => {
  it.each([
    ['ينمو ويتسع', 'ينمو ويتسع', true, 'محمد باقري'],
    ['لم يكن هدف الروس التوصل إلى اتفاق نووي', 'لم يكن هدف الروس التوصل إلى اتفاق نووي، وعندما رأوا أننا نتوصل إلى اتفاق، بدأوا في خلق العراقيل', true, 'محمد جواد ظريف'],
    ['أهمية خاصة', 'المرشد الإيراني على خامنئي يولي "أهمية خاصة" لتطوير العلاقات بين طهران وموسكو', false, 'محمد باقري'],
    ['لجنة عسكرية', 'لجنة عسكرية إيرانية روسية مشتركة ستعقد في طهران في غضون ثلاثة أشهر', false, 'محمد باقري'],
    ['يحمل رسالة', 'يحمل رسالة خامنئي إلى بوتين، والتي تعتبر في إطار العلاقات الاستراتيجية بين البلدين', false, 'محمد باقر قاليباف'],
    ['يكفي استعراض', 'يكفي استعراض الأحداث التي وقعت في الأشهر الستة بين وضع اللمسات الأخيرة على الاتفاق النووي وتنفيذه', false, 'محمد جواد ظريف'],
  ])('%s', (part, text, direct, speaker) => {
    const q = find(seed, part);
    expect(q).toMatchObject({ text, direct, speaker });
    expect(seedBody.slice(q!.start, q!.end)).toBe(q!.text);
  });

  it('gives the title stored with the name to a title-only mention', () => {
    const q = find(seed, 'هذه العقود أبرمت')!;
    expect(q).toMatchObject({ speaker: 'محمد باقري', speakerTitle: 'رئيس الأركان العامة للقوات المسلحة الإيرانية', mention: 'رئيس الأركان العامة للقوات المسلحة الإيرانية' });
    expect(find(seed, 'ينمو ويتسع')!.mention).toContain('المسؤول العسكري الإيراني الكبير');
  });

  it('finds the 18 annotated quotations and takes no scare quote or stray mark for one', () => {
    expect(seed.length).toBeGreaterThanOrEqual(18);
    expect(seed.map((q) => q.text)).not.toContain('الأركان');
    expect(find(seed, 'لقد بذلنا')!.text).toBe('لقد بذلنا جهودًا واسعةً للحفاظ على السيادة السورية');
    for (const q of seed) expect(q.text).not.toContain('\n');
  });
});

describe('QuoteReader: speakers', () => {
  it('resolves dropped subjects and participles to the current speaker, minding gender', () => {
    const qs = quotes(
      'وقالت وزيرة الخارجية الكندية كريستيا فريلاند إن بلادها ستدافع دائما عن الحقوق الإنسانية.\n' +
        'وقال وزير الخارجية السعودي عادل الجبير إن المملكة لن تقبل أي تدخل في شؤونها، مشيرا إلى أن الموقف الكندي مبني على معلومات مضللة.\n' +
        'وأضاف: "لن نسمح بذلك أبدا".\n' +
        'وأضافت: "التزام كندا بحقوق الإنسان ثابت ولن يتغير".',
    );
    expect(qs.map((q) => [q.text.split(' ').slice(0, 2).join(' '), q.speaker, q.cue])).toEqual([
      ['بلادها ستدافع', 'كريستيا فريلاند', 'وقالت'],
      ['المملكة لن', 'عادل الجبير', 'وقال'],
      ['الموقف الكندي', 'عادل الجبير', 'مشيرا'],
      ['لن نسمح', 'عادل الجبير', 'وأضاف'],
      ['التزام كندا', 'كريستيا فريلاند', 'وأضافت'],
    ]);
  });

  it('continues the current speaker in a bare quote paragraph and attributes nested reports', () => {
    const qs = quotes('قال الرئيس الأمريكي دونالد ترامب إنه كان متشوقا للقمة.\n"كنت متشوقا للقائك هناك، ولكن للأسف أشعر أنه من غير المناسب عقد هذا الاجتماع".\n' +
      'وأشار الجبير إلى أن "الملك سلمان بن عبد العزيز أكد أن المملكة لن تتوانى عن دعم الفلسطينيين".');
    expect(find(qs, 'كنت متشوقا')).toMatchObject({ speaker: 'دونالد ترامب', cue: '', direct: true });
    expect(qs.find((q) => q.text.startsWith('المملكة لن تتوانى'))).toMatchObject({ speaker: 'سلمان بن عبد العزيز', direct: false });
    expect(find(qs, 'الملك سلمان')).toMatchObject({ speaker: 'الجبير', direct: true });
  });

  it('maps an unnamed spokesperson to the body and leaves anonymous sources unknown', () => {
    const qs = quotes('وقالت متحدثة باسم وزارة الصحة إنه تم تأكيد إصابة 11 شخصا.\nوقال مصدر إن المفاوضات متعثرة.');
    expect(qs.map((q) => q.speaker)).toEqual(['وزارة الصحة', null]);
  });

  it('skips scare quotes and keeps short quoted fragments out of paraphrases', () => {
    const qs = quotes('وأعلنت شركة "سانوفي" الفرنسية أن اللقاح "آمن" ولا خطر منه على الأطفال.');
    expect(qs).toHaveLength(1);
    expect(qs[0]).toMatchObject({ text: 'اللقاح "آمن" ولا خطر منه على الأطفال', speaker: 'سانوفي', direct: false });
  });

  it('bounds unbalanced quote marks to their paragraph', () => {
    const body = 'قال المتحدث باسم الحكومة "إن الوضع صعب، وأضاف أن الحكومة تعمل.\nوقالت الوزيرة: "نحن مستعدون لكل الاحتمالات".';
    const qs = quotes(body);
    for (const q of qs) expect(body.slice(q.start, q.end)).not.toContain('\n');
    expect(find(qs, 'نحن مستعدون')).toMatchObject({ text: 'نحن مستعدون لكل الاحتمالات', direct: true });
  });
});

describe('QuoteReader: English and Persian', () => {
  it('reads "…," she said and according to', () => {
    const qs = quotes('Jane Smith, the trade minister, said the talks had failed.\n"We will not back down," she said.\nThe economy grew by 3 percent last year, according to Reuters.', 'en');
    expect(qs.map((q) => [q.text, q.speaker, q.direct])).toEqual([
      ['the talks had failed', 'Jane Smith', false],
      ['We will not back down', 'Jane Smith', true],
      ['The economy grew by 3 percent last year', 'Reuters', false],
    ]);
  });

  it('reads گفت: «…» and به گفته', () => {
    const qs = quotes('محمد جواد ظریف گفت: «ما به دنبال جنگ نیستیم».\nبه گفته ظریف، مذاکرات ادامه دارد.', 'fa');
    expect(qs.map((q) => [q.text, q.speaker, q.direct])).toEqual([
      ['ما به دنبال جنگ نیستیم', 'محمد جواد ظریف', true],
      ['مذاکرات ادامه دارد', 'محمد جواد ظریف', false],
    ]);
  });
});

describe('QuoteReader.find', () => {
  it('gives the word information of each quotation, whose matching forms are those of its text', () => {
    const found = reader.find({ id: 'seed', title: '', body: seedBody, lang: 'ar' });
    expect(found.map((f) => f.quote)).toEqual(seed);
    for (const f of found.filter((x) => x.words)) expect(f.words!.flatMap((w) => partsOf(w)!.folded)).toEqual(matchTokens(f.quote.text));
  });

  it('leaves the words to the whole text when something between the tokens changes under normalisation', () => {
    const [f] = reader.find({ id: 'a', title: 't', body: 'وقال الوزير: "هذا\u200Bقرار نهائي ولن نتراجع عنه".', lang: 'ar' });
    expect(f!.quote.text).toBe('هذا\u200Bقرار نهائي ولن نتراجع عنه');
    expect(f!.words).toBeNull();
  });
});

describe('QuoteReader: what it keeps between articles', () => {
  it('reads an article as a new reader does, whatever it read before (word counts are per article)', () => {
    // This reader has read the seed and every article above; the word «فرانس» below is counted in its own article only.
    const body = 'وقال وزير الخارجية أحمد عطاف لفرانس برس إن "المفاوضات ستستمر حتى نهاية الشهر المقبل".';
    const fresh = new QuoteReader().quotations({ id: 'b', title: 't', body, lang: 'ar' });
    expect(reader.quotations({ id: 'b', title: 't', body, lang: 'ar' })).toEqual(fresh);
    expect(fresh.map((q) => [q.text, q.speaker])).toEqual([['المفاوضات ستستمر حتى نهاية الشهر المقبل', 'أحمد عطاف']]);
  });
});

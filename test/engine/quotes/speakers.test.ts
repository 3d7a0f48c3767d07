import { describe, expect, it } from 'vitest';
import { clusterSpeakers, nameKey } from '../../../src/engine/quotes/speakers.js';
import { skeleton } from '../../../src/engine/quotes/spellings.js';

type Quote = { speaker: string | null; speakerTitle: string | null; date: string };
const q = (speaker: string | null, date = '2018-09-07T10:00:00Z', speakerTitle: string | null = null): Quote => ({ speaker, speakerTitle, date });
/** Each cluster as `name: quotation numbers`. */
const shape = (quotes: Quote[]) => clusterSpeakers(quotes).map((c) => `${c.name}: ${c.quotes.join(',')}`);

describe('clusterSpeakers', () => {
  it.each<[string, Quote[], string[]]>([
    ['a bare surname joins the only full name ending with it', [q('باقري'), q('محمد باقري')], ['محمد باقري: 1,0']],
    ['a و glued to a speaker\'s surname is a conjunction', [q('أرسين فينغر'), q('وفينغر')], ['أرسين فينغر: 0,1']],
    ['a و that begins a name is its first letter', [q('وليد المعلم'), q('ليد')], ['وليد المعلم: 0', 'ليد: 1']],
    ['an honorific is no part of the name key', [q('اللواء محمد باقري'), q('محمد باقري'), q('محمد باقري')], ['محمد باقري: 0,1,2']],
    [
      'namesakes with titles of different nationalities stay apart',
      [q('محمد علي', '2018-01-01', 'الوزير السعودي'), q('محمد علي', '2018-01-02', 'الوزير المصري'), q('محمد علي', '2018-01-03', 'الوزير السعودي')],
      ['محمد علي: 0,2', 'محمد علي: 1'],
    ],
    [
      'a surname two people share goes to the one quoted nearest, within the same story period',
      [q('محمد جواد ظريف', '2018-01-10'), q('علي ظريف', '2018-06-01'), q('ظريف', '2018-01-15'), q('ظريف', '2018-05-20')],
      ['محمد جواد ظريف: 0,2', 'علي ظريف: 1,3'],
    ],
    [
      'a surname two people share, quoted far from both, is a speaker of its own',
      [q('محمد جواد ظريف', '2018-01-10'), q('علي ظريف', '2018-06-01'), q('ظريف', '2019-12-01')],
      ['محمد جواد ظريف: 0', 'علي ظريف: 1', 'ظريف: 2'],
    ],
    [
      'a surname two people share, on a date that does not parse, is a speaker of its own',
      [q('محمد جواد ظريف', '2018-01-10'), q('علي ظريف', '2018-06-01'), q('ظريف', 'not a date')],
      ['محمد جواد ظريف: 0', 'علي ظريف: 1', 'ظريف: 2'],
    ],
    ['quotations without a speaker belong to no one', [q(null), q('محمد باقري'), q(null)], ['محمد باقري: 1']],
    [
      'a nationality spelled two ways is one nationality',
      [q('مايك بومبيو', '2018-05-01', 'وزير الخارجية الأمريكي'), q('مايك بومبيو', '2018-05-02', 'وزير الخارجية الأميركي')],
      ['مايك بومبيو: 0,1'],
    ],
    [
      'transliterations of one person merge when their titles agree on nationality and role',
      [q('دونالد ترامب', '2018-05-01', 'الرئيس الأمريكي'), q('دونالد ترمب', '2018-05-02', 'الرئيس الأميركي'), q('دونالد ترامب', '2018-05-03', 'الرئيس الأمريكي')],
      ['دونالد ترامب: 0,2,1'],
    ],
    [
      'نتنياهو and نتانياهو, prime minister of Israel, are one person',
      [q('بنيامين نتنياهو', '2018-05-01', 'رئيس الوزراء الإسرائيلي'), q('بنيامين نتانياهو', '2018-05-02', 'رئيس الحكومة الإسرائيلية')],
      ['بنيامين نتنياهو: 0,1'],
    ],
    [
      'namesakes one letter apart with other roles stay apart',
      [q('محمود عباس', '2018-05-01', 'الرئيس الفلسطيني'), q('محمد عباس', '2018-05-02', 'الوزير الفلسطيني')],
      ['محمود عباس: 0', 'محمد عباس: 1'],
    ],
    [
      'a full name written another way joins it when no title contradicts (its first and last names, not a surname alone)',
      [q('دونالد ترامب', '2018-05-01', 'الرئيس الأمريكي'), q('دونالد ترمب', '2018-05-02')],
      ['دونالد ترامب: 0,1'],
    ],
    [
      'a compound name written joined or apart is one person',
      [q('عبد الفتاح السيسي', '2018-05-01', 'الرئيس المصري'), q('عبدالفتاح السيسي', '2018-05-02'), q('عبد الفتاح السيسي', '2018-05-03')],
      ['عبد الفتاح السيسي: 0,2,1'],
    ],
    [
      'names of one skeleton whose titles contradict stay apart',
      [q('محمد عباس', '2018-05-01', 'الرئيس الفلسطيني'), q('محمود عباس', '2018-05-02', 'المدرب المصري')],
      ['محمد عباس: 0', 'محمود عباس: 1'],
    ],
    [
      'a shorter full name joins the longer one ending with it when the titles agree',
      [q('محمد جواد ظريف', '2018-05-01', 'وزير الخارجية الإيراني'), q('جواد ظريف', '2018-05-02', 'وزير خارجية إيران الإيراني'), q('محمد جواد ظريف', '2018-06-01', 'وزير الخارجية الإيراني')],
      ['محمد جواد ظريف: 0,2,1'],
    ],
    [
      'a bare surname several people share, or its transliteration, joins the one quoted far more often',
      [
        ...['2018-01-01', '2018-02-01', '2018-03-01'].map((d) => q('دونالد ترامب', d, 'الرئيس الأمريكي')),
        q('ميلانيا ترامب', '2018-02-01', 'السيدة الأولى'),
        q('ترامب', '2019-06-01', 'الرئيس'),
        q('ترمب', '2019-06-02', 'الرئيس الأمريكي'),
      ],
      ['دونالد ترامب: 0,1,2,4,5', 'ميلانيا ترامب: 3'],
    ],
    [
      'a country is no surname: it does not join a longer name that ends with it',
      [...['2018-01-01', '2018-02-01', '2018-03-01', '2018-04-01'].map((d) => q('وزارة الخارجية البريطانية روسيا', d, 'وزير الخارجية البريطاني')), q('روسيا', '2019-06-01')],
      ['وزارة الخارجية البريطانية روسيا: 0,1,2,3', 'روسيا: 4'],
    ],
    [
      'a bare surname two people share about as often stays apart',
      [q('دونالد ترامب', '2018-01-01', 'الرئيس الأمريكي'), q('دونالد ترامب', '2018-01-02', 'الرئيس الأمريكي'), q('إيفانكا ترامب', '2018-02-01', 'مستشارة الرئيس'), q('ترامب', '2019-06-01')],
      ['دونالد ترامب: 0,1', 'إيفانكا ترامب: 2', 'ترامب: 3'],
    ],
  ])('%s', (_, quotes, expected) => {
    expect(shape(quotes)).toEqual(expected);
  });

  it('names a person by the fullest name, lists every variant once, and keeps the nationalities of the titles', () => {
    const [cluster, ...rest] = clusterSpeakers([
      q('باقري', '2018-09-07', 'رئيس الأركان الإيراني'),
      q('محمد باقري', '2018-09-06', 'رئيس الأركان الإيراني'),
      q('اللواء محمد باقري', '2018-09-08'),
      q('باقري', '2018-09-09'),
    ]);
    expect(rest).toEqual([]);
    expect(cluster).toEqual({ name: 'محمد باقري', variants: ['محمد باقري', 'باقري'], quotes: [1, 2, 0, 3], nationalities: ['ايراني'] });
  });

  it("reads a و/ف by the archive's name words when given them, for quotations that are only part of the archive", () => {
    expect(clusterSpeakers([q('وفينغر')]).map((c) => c.variants)).toEqual([['وفينغر']]);
    expect(clusterSpeakers([q('وفينغر')], (w) => w === 'فينغر').map((c) => c.variants)).toEqual([['فينغر']]);
  });
});

describe('skeleton', () => {
  it.each([
    ['ترامب', 'ترمب', true],
    ['نتنياهو', 'نتانياهو', true],
    ['امريكي', 'اميركي', true],
    ['انجيلا', 'انغيلا', true],
    ['بوتين', 'بوتن', true],
    ['اسراييل', 'اسراييلي', false],
    ['موسكو', 'ماسك', false],
    ['ترامب', 'ترابط', false],
  ])('%s and %s: same skeleton %s', (a, b, same) => {
    expect(skeleton(a) === skeleton(b)).toBe(same);
  });
});

describe('nameKey', () => {
  it.each([
    ['وزارة الخارجية', ['وزاره', 'خارجيه']],
    ['فلاديمير بوتين', ['فلاديمير', 'بوتين']],
    ['وليد المعلم', ['وليد', 'معلم']],
    ['نشطاء والحكومة', ['نشطاء', 'حكومه']],
    ['الوزير جان إيف لودريان', ['جان', 'ايف', 'لودريان']],
  ])('reads %s with و/ف as its own first letter unless the rest is a known word', (name, key) => {
    expect(nameKey(name)).toEqual(key);
  });
});

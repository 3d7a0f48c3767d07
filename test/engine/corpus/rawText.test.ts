import { describe, expect, it } from 'vitest';
import { parseRawText } from '../../../src/engine/corpus/index.js';
import { SEED_LAST_SENTENCE, SEED_TEXT, SEED_TITLE } from './seed.js';

const ARTICLE = [
  'قال محمد باقري إن التعاون العسكري بين إيران وروسيا "ينمو ويتسع".',
  '',
  'وأضاف أن اللجنة العسكرية المشتركة ستعقد في طهران في غضون ثلاثة أشهر.',
];

describe('parseRawText', () => {
  it('reads the seed: title line, date line, body without the site furniture', () => {
    const { title, date, body } = parseRawText(SEED_TEXT);
    expect(title).toBe(SEED_TITLE);
    expect(date).toBe('2021-10-20');
    expect(body.startsWith('قال محمد باقري، رئيس الأركان العامة للقوات المسلحة الإيرانية')).toBe(true);
    expect(body.endsWith(SEED_LAST_SENTENCE)).toBe(true);
    for (const furniture of ['مزيد من الأخبار', 'نوای همسایه', 'مرجان فرساد', 'خبرها', 'شارك بآرائك', 'Wednesday']) {
      expect(body).not.toContain(furniture);
    }
  });

  it('keeps every body line of the seed verbatim', () => {
    const { body } = parseRawText(SEED_TEXT);
    for (const line of body.split('\n')) expect(SEED_TEXT).toContain(line);
  });

  it.each([
    {
      name: 'an ISO date line and no furniture',
      text: ['باقري: التعاون مع موسكو ينمو', '2021-10-20', '', ...ARTICLE].join('\n'),
      expected: { title: 'باقري: التعاون مع موسكو ينمو', date: '2021-10-20', body: ARTICLE.join('\n') },
    },
    {
      name: 'a "read also" list of headlines after the article',
      text: ['باقري: التعاون مع موسكو ينمو', '20 أكتوبر 2021', ...ARTICLE, '', 'اقرأ أيضاً:', 'ظريف: روسيا عرقلت الاتفاق النووي', 'خامنئي يدعم تطوير العلاقات مع الصين'].join('\n'),
      expected: { title: 'باقري: التعاون مع موسكو ينمو', date: '2021-10-20', body: ARTICLE.join('\n') },
    },
    {
      name: 'a share prompt and a lone byline',
      text: ['باقري: التعاون مع موسكو ينمو', 'الأربعاء 20 أكتوبر 2021', ...ARTICLE, 'مرجان فرساد', '', 'شارك هذا المقال على فيسبوك وتويتر وواتساب'].join('\n'),
      expected: { title: 'باقري: التعاون مع موسكو ينمو', date: '2021-10-20', body: ARTICLE.join('\n') },
    },
    {
      name: 'English furniture',
      text: ['Bagheri: cooperation with Moscow is growing', 'Sat, 07 Apr 2018 13:39:43 GMT', 'Bagheri said military cooperation is growing.', '', 'Read more', 'Zarif: Russia obstructed the nuclear deal', 'Share this'].join('\n'),
      expected: { title: 'Bagheri: cooperation with Moscow is growing', date: '2018-04-07T13:39:43Z', body: 'Bagheri said military cooperation is growing.' },
    },
    {
      name: 'a byline before the date and a short line inside the body, both kept',
      text: ['باقري: التعاون مع موسكو ينمو', 'طهران - مرجان فرساد', '20/10/2021', ARTICLE[0], 'اقرأ أيضاً', ARTICLE[2]].join('\n'),
      expected: { title: 'باقري: التعاون مع موسكو ينمو', date: '2021-10-20', body: ['طهران - مرجان فرساد', ARTICLE[0], 'اقرأ أيضاً', ARTICLE[2]].join('\n') },
    },
    {
      name: 'no date line',
      text: ['باقري: التعاون مع موسكو ينمو', ...ARTICLE].join('\r\n'),
      expected: { title: 'باقري: التعاون مع موسكو ينمو', date: null, body: ARTICLE.join('\n') },
    },
    {
      name: 'a body without any prose, left as it is',
      text: ['أسعار الصرف', '2021-10-20', 'الدولار 42000 تومان', 'اليورو 49000 تومان'].join('\n'),
      expected: { title: 'أسعار الصرف', date: '2021-10-20', body: 'الدولار 42000 تومان\nاليورو 49000 تومان' },
    },
    { name: 'nothing at all', text: '\n  \n', expected: { title: '', date: null, body: '' } },
  ])('$name', ({ text, expected }) => {
    expect(parseRawText(text)).toEqual(expected);
  });
});

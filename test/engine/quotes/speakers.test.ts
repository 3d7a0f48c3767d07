import { describe, expect, it } from 'vitest';
import { clusterSpeakers } from '../../../src/engine/quotes/speakers.js';

type Quote = { speaker: string | null; speakerTitle: string | null; date: string };
const q = (speaker: string | null, date = '2018-09-07T10:00:00Z', speakerTitle: string | null = null): Quote => ({ speaker, speakerTitle, date });
/** Each cluster as `name: quotation numbers`. */
const shape = (quotes: Quote[]) => clusterSpeakers(quotes).map((c) => `${c.name}: ${c.quotes.join(',')}`);

describe('clusterSpeakers', () => {
  it.each<[string, Quote[], string[]]>([
    ['a bare surname joins the only full name ending with it', [q('باقري'), q('محمد باقري')], ['محمد باقري: 1,0']],
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
});

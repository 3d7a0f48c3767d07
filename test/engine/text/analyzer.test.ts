import { describe, expect, it } from 'vitest';
import { analyze, contentWords } from '../../../src/engine/text/analyzer.js';
import { normalizeText } from '../../../src/engine/text/normalize.js';
import { stem } from '../../../src/engine/text/stem.js';

describe('stem', () => {
  it.each([
    ['العسكري', 'عسكر'],
    ['والمسؤولين', 'مسوول'],
    ['بالمدرسة', 'مدرس'],
    ['للطلاب', 'طلاب'],
    ['وروسيا', 'روسيا'],
    ['كتابها', 'كتاب'],
    ['ولد', 'ولد'],
    ['running', 'run'],
    ['2021', '2021'],
  ])('%s → %s', (word, expected) => {
    expect(stem(normalizeText(word))).toBe(expected);
  });

  it('gives the same stem to a word with and without diacritics and prefixes', () => {
    expect(analyze('التَّعاوُن')).toEqual(analyze('والتعاون'));
  });
});

describe('analyze', () => {
  it('drops stop words and question words in all three languages', () => {
    expect(contentWords('ما هو التعاون بين إيران وروسيا؟')).toEqual(['التعاون', 'ايران', 'وروسيا']);
    expect(contentWords('این کتاب در تهران است')).toEqual(['كتاب', 'تهران']);
    expect(contentWords('What is the cooperation between Iran and Russia?')).toEqual(['cooperation', 'iran', 'russia']);
  });

  it('keeps numbers', () => {
    expect(analyze('اتفاقية 25 عاما')).toContain('25');
  });
});

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../src/engine/text/normalize.js';

describe('normalizeText', () => {
  it.each([
    ['تشكيل', 'جُهُودًا وَاسِعَةً', 'جهودا واسعه'],
    ['tatweel', 'العـــربية', 'العربيه'],
    ['alef forms', 'أإآٱ', 'اااا'],
    ['ya and ta marbuta', 'مصطفى مدرسة', 'مصطفي مدرسه'],
    ['Persian ya and kaf', 'کتاب یک', 'كتاب يك'],
    ['Arabic-Indic and Persian digits', '٢٠٢١ و ۱۴۰۰', '2021 و 1400'],
    ['ZWNJ', 'می‌روم', 'ميروم'],
    ['Latin lower-case', 'Iran International', 'iran international'],
  ])('%s', (_, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

/** The definition `normalizeText` must keep to, step by step as it was first written: the oracle of its one-pass path. */
function stepByStep(text: string): string {
  const map: Record<string, string> = { 'ى': 'ي', 'ی': 'ي', 'ے': 'ي', 'ة': 'ه', 'ۀ': 'ه', 'ک': 'ك', 'ڪ': 'ك', 'ؤ': 'و', 'ئ': 'ي' };
  return text
    .normalize('NFKC')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u00AD]/g, '')
    .replace(/[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]/g, '')
    .replace(/\u0640/g, '')
    .replace(/[\u0622\u0623\u0625\u0671\u0672\u0673]/g, '\u0627')
    .replace(/[\u0649\u06CC\u06D2\u0629\u06C0\u06A9\u06AA\u0624\u0626]/g, (c) => map[c]!)
    .replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10))
    .toLowerCase();
}

describe('normalizeText gives what its steps give', () => {
  it('for every code unit, alone and between Arabic letters', () => {
    for (let unit = 0; unit <= 0xffff; unit++) {
      const c = String.fromCharCode(unit);
      for (const text of [c, `كت${c}اب`, `${c}ب`]) expect(normalizeText(text), unit.toString(16)).toBe(stepByStep(text));
    }
  });

  it.each([
    ['madda and hamza composed with the letter before them', 'ا\u0653 ا\u0654 ا\u0655 و\u0654 ي\u0654 ه\u0654'],
    ['hamza above yeh barree (ۓ, not mapped)', 'ے\u0654 ے'],
    ['high hamza letters (decomposed by NFKC)', 'ٵ ٶ ٷ ٸ'],
    ['Latin with a combining accent', 'Cafe\u0301 É'],
    ['Greek final sigma', 'ΟΔΟΣ Σ'],
    ['dotted capital I', 'İstanbul'],
    ['presentation forms and ligatures', 'ﻻ ﷲ ﺍﻟﻌﺮﺑﻴﺔ'],
    ['tashkeel in a non-canonical order', 'شَّ شَّ'],
  ])('for %s', (_, text) => {
    expect(normalizeText(text)).toBe(stepByStep(text));
  });

  it('for any mix of Arabic, Persian, Latin, marks, digits and invisible characters', () => {
    const unit = fc.oneof(
      fc.integer({ min: 0x600, max: 0x6ff }),
      fc.integer({ min: 0x20, max: 0x7e }),
      fc.constantFrom(0x653, 0x654, 0x655, 0x301, 0x200c, 0x200d, 0xad, 0xfeff, 0x3a3, 0x130, 0xfefb, 0xfdf2),
      fc.integer({ min: 0, max: 0xffff }),
    );
    fc.assert(fc.property(fc.array(unit, { maxLength: 24 }), (units) => {
      const text = String.fromCharCode(...units);
      expect(normalizeText(text)).toBe(stepByStep(text));
    }), { numRuns: 20_000 });
  });

  it('for every paragraph of the seed article', () => {
    const text = readFileSync(new URL('../../../corpus/iran-international-2021-10-20-bagheri-moscow.txt', import.meta.url), 'utf8');
    for (const paragraph of text.split(/\n+/)) expect(normalizeText(paragraph)).toBe(stepByStep(paragraph));
    expect(normalizeText(text)).toBe(stepByStep(text));
  });
});

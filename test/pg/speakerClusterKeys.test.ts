import { describe, expect, it } from 'vitest';
import { nameKey } from '../../src/engine/quotes/speakers.js';
import { labelsOf, nameFacts, nameFactsOnce } from '../../src/pg/speakerClusterKeys.js';

/** The labels of a name as written. */
const labels = (name: string) => labelsOf(nameKey(name));
const share = (a: string, b: string) => labels(a).some((l) => labels(b).includes(l));

describe('nameFacts', () => {
  it('gives the words a name brings to the names vocabulary, and the words its و/ف reading depends on', () => {
    expect(nameFacts('الرئيس وفينغر')).toEqual({ words: ['رييس', 'وفينغر'], conj: ['فينغر'] });
    expect(nameFacts('دونالد ترامب')).toEqual({ words: ['دونالد', 'ترامب'], conj: [] });
  });
});

describe('nameFactsOnce', () => {
  it('gives each name the facts nameFacts gives, worked out on the first ask and kept for the next', () => {
    const factsOf = nameFactsOnce();
    for (const name of ['الرئيس وفينغر', 'عباس عراقجي', 'فلاديمير بوتين', 'الرئيس وفينغر']) expect(factsOf(name)).toEqual(nameFacts(name));
    expect(factsOf('عباس عراقجي')).toBe(factsOf('عباس عراقجي'));
    expect(nameFactsOnce()('عباس عراقجي')).not.toBe(factsOf('عباس عراقجي'));
  });
});

describe('labelsOf', () => {
  it.each<[string, string, string, boolean]>([
    ['a full name and its bare surname', 'دونالد ترامب', 'ترامب', true],
    ['two spellings of one surname', 'دونالد ترامب', 'ترمب', true],
    ['a compound name written apart and joined', 'محمد عبد الرحمن', 'محمد عبدالرحمن', true],
    ['people of different surnames', 'دونالد ترامب', 'فلاديمير بوتين', false],
  ])('%s: share a label (%s, %s): %s', (_, a, b, shared) => {
    expect(share(a, b)).toBe(shared);
  });

  it('gives a name without words none', () => {
    expect(labelsOf([])).toEqual([]);
  });
});

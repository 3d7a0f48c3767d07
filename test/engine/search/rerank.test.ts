import { describe, expect, it } from 'vitest';
import { RERANK } from '../../../src/engine/options.js';
import { rerank } from '../../../src/engine/search/rerank.js';

describe('rerank', () => {
  const idf = () => 1;

  it('prefers, at equal first-stage scores, the passage whose one sentence holds the question', () => {
    const texts = ['The river floods. In spring the harbour opens again.', 'The river harbour floods every spring. Nothing else.'];
    const hits = [{ id: 0, score: 1 }, { id: 1, score: 1 }];
    const ranked = rerank(hits, ['river', 'harbour', 'flood'], (id) => texts[id]!, idf, { ...RERANK, proximity: 0 });
    expect(ranked.map((h) => h.id)).toEqual([1, 0]);
  });

  it('puts the opening passage of the article the question names first when the passages are otherwise alike', () => {
    const texts = ['Nile water feeds the delta farms.', 'Nile water feeds the delta farms.'];
    const hits = [{ id: 1, score: 1 }, { id: 0, score: 1 }];
    const ranked = rerank(hits, ['nile', 'water'], (id) => texts[id]!, idf, RERANK, (id) => id === 0);
    expect(ranked.map((h) => h.id)).toEqual([0, 1]);
  });
});

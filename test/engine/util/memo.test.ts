import { describe, expect, it } from 'vitest';
import { BoundedMemo } from '../../../src/engine/util/memo.js';

describe('BoundedMemo', () => {
  it('computes each key once, remembers null answers too, and starts afresh at its limit', () => {
    const asked: string[] = [];
    const memo = new BoundedMemo((word: string) => (asked.push(word), word.length > 3 ? word.slice(0, 3) : null), 3);
    expect(['وزير', 'في', 'وزير', 'في'].map((w) => memo.get(w))).toEqual(['وزي', null, 'وزي', null]);
    expect(asked).toEqual(['وزير', 'في']);
    memo.get('باقري');
    memo.get('روسيا');
    memo.get('وزير');
    expect(asked).toEqual(['وزير', 'في', 'باقري', 'روسيا', 'وزير']);
  });
});

import { describe, expect, it } from 'vitest';
import { meanRougeF1, rougeN } from '../../../src/engine/summary/rouge.js';

describe('rougeN', () => {
  it.each([
    { candidate: 'ذهب الولد الى المدرسة', reference: 'ذهب الولد الى المدرسة', n: 1, f1: 1 },
    { candidate: 'ذهب الولد', reference: 'ذهب الولد الى المدرسة', n: 1, f1: (2 * 1 * 0.5) / 1.5 },
    { candidate: 'ذهب الولد الى البيت', reference: 'ذهب الولد الى المدرسة', n: 2, f1: 2 / 3 },
    { candidate: 'قطة', reference: 'كلب', n: 1, f1: 0 },
    { candidate: '', reference: 'كلب', n: 1, f1: 0 },
  ])('$candidate vs $reference (n=$n) → F1 $f1', ({ candidate, reference, n, f1 }) => {
    expect(rougeN(candidate, reference, n).f1).toBeCloseTo(f1, 6);
  });

  it('normalises both sides as EASC does: tashkeel, alef forms, ى→ي, ة→ه', () => {
    expect(rougeN('أعلنَ الوزيرُ إلى المدينة', 'اعلن الوزير الي المدينه', 1).f1).toBe(1);
  });

  it('clips repeated n-grams to the reference count', () => {
    expect(rougeN('نعم نعم نعم', 'نعم لا', 1)).toMatchObject({ precision: 1 / 3, recall: 1 / 2 });
  });
});

describe('meanRougeF1', () => {
  it('averages F1 over the references', () => {
    expect(meanRougeF1('ذهب الولد', ['ذهب الولد', 'قطة سوداء'], 1)).toBeCloseTo(0.5, 6);
  });
});

import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/text/analyzer.js';
import { countOf, encodeTermKeys, keyOrder, termKey } from '../../src/pg/termKeys.js';

// The seed's opening words as the analyser gives them (stems and exact forms), with counts.
const TERMS = ['ايران', 'روسيا', 'تعاون', 'عسكري', '=التعاون', '=العسكري', 'باقري', 'موسكو'];
const COUNTS = [3, 2, 1, 4, 1, 1, 300, 1];

describe('term keys', () => {
  const encoded = encodeTermKeys(TERMS, COUNTS);

  it.each(TERMS.map((term, i) => [term, Math.min(255, COUNTS[i]!)] as const))('finds %s with its count (%i)', (term, count) => {
    expect(countOf(encoded, termKey(term))).toBe(count);
  });

  it.each(['الصين', 'ايرا', 'ايرانن', '=ايران', 'Iran', ''])('finds no count for %j, which the passage does not hold', (term) => {
    expect(countOf(encoded, termKey(term))).toBe(0);
  });

  it('writes its entries in ascending key order, which the binary search needs', () => {
    const keys = Array.from({ length: TERMS.length }, (_, n) => Buffer.from(encoded.subarray(n * 7, n * 7 + 6)).readUIntBE(0, 6));
    expect(keys).toEqual(TERMS.map(termKey).sort((x, y) => x - y));
  });

  it('orders keys ascending, equal keys in their own order (as ingestion and migration 009 must both write them)', () => {
    expect(Array.from(keyOrder([5, 3, 5, 3, 2 ** 47, 0]))).toEqual([5, 1, 3, 0, 2, 4]);
  });

  it('keeps 7 bytes a term and answers 0 for a document with no terms', () => {
    expect(encoded.length).toBe(TERMS.length * 7);
    expect(countOf(encodeTermKeys([], []), termKey('ايران'))).toBe(0);
  });

  it('gives distinct 48-bit keys to the distinct terms of a real Arabic text', () => {
    const words = new Set(analyze('وصف رئيس الأركان العامة للقوات المسلحة الإيرانية محمد باقري التعاون العسكري بين إيران وروسيا بأنه ينمو ويتسع، وقال إن البلدين سيجريان مناورات مشتركة في المحيط الهندي والخليج.'));
    const keys = new Set([...words].map(termKey));
    expect(keys.size).toBe(words.size);
    for (const key of keys) expect(Number.isSafeInteger(key) && key >= 0 && key < 2 ** 48).toBe(true);
  });
});

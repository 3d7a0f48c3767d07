import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, contentWords } from '../../src/engine/text/analyzer.js';
import { normalizeText, words } from '../../src/engine/text/normalize.js';
import { bodySentences, paragraphs, splitSentences } from '../../src/engine/text/sentences.js';
import { hostileText, shortText, timed } from './arbitraries.js';

fc.configureGlobal({ seed: 42, numRuns: 300 });

describe('normalizeText', () => {
  it('never throws, is quick and is idempotent', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const once = timed(() => normalizeText(text));
        expect(normalizeText(once)).toBe(once);
      }),
    );
  });
});

describe('analyze and contentWords', () => {
  it('give non-empty terms without spaces, the content words among the words of the normalised text', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const content = timed(() => contentWords(text));
        const all = new Set(words(normalizeText(text)));
        for (const word of content) expect(all.has(word)).toBe(true);
        const terms = timed(() => analyze(text));
        expect(terms).toHaveLength(content.length);
        for (const term of terms) expect(term).toMatch(/^\S+$/u);
      }),
    );
  });

  it('analyse a text the same whether tatweel, tashkeel or ZWNJ are sprinkled in or not', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('قال', 'الرئيس', 'باقري', 'موسكو', 'التعاون', 'العسكري', 'الإيراني'), { minLength: 1, maxLength: 8 }), (list) => {
        const plain = list.join(' ');
        const decorated = list.map((w) => `${w[0]}\u0640\u064E${w.slice(1)}`).join(' ');
        expect(analyze(decorated)).toEqual(analyze(plain));
      }),
    );
  });
});

describe('sentences', () => {
  const assertSpans = (text: string, spans: Array<{ start: number; end: number; text: string }>) => {
    let last = 0;
    for (const span of spans) {
      expect(span.start).toBeGreaterThanOrEqual(last);
      expect(span.end).toBeGreaterThan(span.start);
      expect(text.slice(span.start, span.end)).toBe(span.text);
      expect(span.text).toBe(span.text.trim());
      last = span.end;
    }
  };

  it('bodySentences gives verbatim, ordered, non-overlapping spans', () => {
    fc.assert(fc.property(hostileText, (body) => assertSpans(body, timed(() => bodySentences(body)))));
  });

  it('paragraphs give verbatim spans without line breaks', () => {
    fc.assert(
      fc.property(hostileText, (body) => {
        const spans = timed(() => paragraphs(body));
        assertSpans(body, spans);
        for (const span of spans) expect(span.text).not.toMatch(/[\n\r]/);
      }),
    );
  });

  it('splitSentences with a base offsets every span by it', () => {
    fc.assert(
      fc.property(shortText, fc.string({ maxLength: 20 }), (text, prefix) => {
        const spans = splitSentences(text, prefix.length);
        assertSpans(prefix + text, spans);
        expect(spans.map((s) => s.text)).toEqual(splitSentences(text).map((s) => s.text));
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { bodySentences, paragraphs, splitSentences } from '../../../src/engine/text/sentences.js';

describe('paragraphs', () => {
  it('takes each non-blank line with its offsets', () => {
    const body = 'الأولى.\n\n  الثانية  \nالثالثة';
    expect(paragraphs(body).map((p) => [p.text, body.slice(p.start, p.end)])).toEqual([
      ['الأولى.', 'الأولى.'],
      ['الثانية', 'الثانية'],
      ['الثالثة', 'الثالثة'],
    ]);
  });
});

describe('splitSentences', () => {
  it.each([
    ['قال باقري إن التعاون ينمو. وأضاف أن اللجنة ستعقد.', ['قال باقري إن التعاون ينمو.', 'وأضاف أن اللجنة ستعقد.']],
    ['هل هذا صحيح؟ نعم', ['هل هذا صحيح؟', 'نعم']],
    ['قال: "لقد بذلنا جهودا. وسنواصل". ثم غادر.', ['قال: "لقد بذلنا جهودا. وسنواصل".', 'ثم غادر.']],
    ['بلغ النمو 3.5 في المئة. وتراجع', ['بلغ النمو 3.5 في المئة.', 'وتراجع']],
    ['Mr. Smith said so. Then he left.', ['Mr. Smith said so.', 'Then he left.']],
    ['قال «هذا. وذاك» ثم مضى', ['قال «هذا. وذاك» ثم مضى']],
  ])('%s', (text, expected) => {
    expect(splitSentences(text).map((s) => s.text)).toEqual(expected);
  });

  it('keeps offsets into the whole body', () => {
    const body = 'عنوان\nجملة أولى. جملة ثانية.';
    for (const s of bodySentences(body)) expect(body.slice(s.start, s.end)).toBe(s.text);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCorpusBytes, parseArticleFile, parseLooseDate, parseRawText } from '../../src/engine/corpus/index.js';
import { hostileText, shortText, timed } from './arbitraries.js';

fc.configureGlobal({ seed: 42, numRuns: 300 });

const MONTHS = ['Jan', 'Apr', 'October', 'أكتوبر', 'يناير', 'مهر', 'فروردین', 'Dec.'];
/** Lines that look a lot like dates: numbers, month names, weekdays, times and zones in any order. */
const dateLike = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 3000 }).map(String),
      fc.constantFrom(...MONTHS, 'Wednesday,', 'Sat,', 'الأربعاء', 'GMT', '+03:30', 'am', 'pm', 'م', 'ص', 'T', 'Z', ':', '/', '-', '.', ',', ' ', '  ', '۱۴۰۰', '٢٠٢١'),
    ),
    { maxLength: 14 },
  )
  .map((parts) => parts.join(''));

describe('parseLooseDate', () => {
  it('gives null or a real YYYY-MM-DD day or UTC date-time, quickly, for date-like and hostile lines', () => {
    fc.assert(
      fc.property(fc.oneof(dateLike, hostileText), (line) => {
        const date = timed(() => parseLooseDate(line));
        if (date === null) return;
        expect(date).toMatch(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$/);
        expect(Number.isNaN(Date.parse(date))).toBe(false);
      }),
      { numRuns: 600 },
    );
  });

  it('reads every real day written as YYYY-MM-DD back as itself', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), (d) => {
        const day = d.toISOString().slice(0, 10);
        expect(parseLooseDate(day)).toBe(day);
      }),
    );
  });
});

describe('parseRawText', () => {
  it('gives a one-line trimmed title, a trimmed body and a valid date or null', () => {
    fc.assert(
      fc.property(hostileText, fc.oneof(dateLike, shortText), hostileText, (title, dateLine, body) => {
        const raw = timed(() => parseRawText(`${title}\n${dateLine}\n${body}`));
        expect(raw.title).not.toMatch(/[\n\r]/);
        expect(raw.title).toBe(raw.title.trim());
        expect(raw.body).toBe(raw.body.trim());
        if (raw.date !== null) expect(Number.isNaN(Date.parse(raw.date))).toBe(false);
      }),
    );
  });
});

describe('parseArticleFile', () => {
  it('never throws on any file content of any format; every problem names the file', () => {
    fc.assert(
      fc.property(fc.constantFrom('a.md', 'a.txt', 'a.json', 'a.jsonl'), fc.oneof(hostileText, fc.string({ unit: 'binary', maxLength: 200 })), (path, content) => {
        const parsed = timed(() => parseArticleFile(path, content, { source: 'Wire', date: '2021-10-20' }));
        for (const problem of parsed.problems) expect(problem.file).toBe(path);
        for (const article of parsed.articles) expect(article.body).toBe(article.body.normalize('NFC'));
      }),
    );
  });
});

describe('decodeCorpusBytes', () => {
  it('never throws, and gives text or a reason, for any bytes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }), hostileText.map((t) => new TextEncoder().encode(t))), (bytes) => {
        const decoded = timed(() => decodeCorpusBytes(bytes));
        expect('text' in decoded ? typeof decoded.text : decoded.reason.length > 0).toBeTruthy();
      }),
    );
  });

  it('reads back any non-blank UTF-8 text without controls as itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 100 }).filter((t) => t.trim() !== '' && !/[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/.test(t)), (text) => {
        expect(decodeCorpusBytes(new TextEncoder().encode(text))).toEqual({ text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' });
      }),
    );
  });
});

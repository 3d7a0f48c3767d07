import { describe, expect, it } from 'vitest';
import { summarizeArticle } from '../../../src/engine/summary/article.js';
import { sentenceUnits } from '../../../src/engine/summary/sentences.js';
import type { Article } from '../../../src/engine/types.js';

function article(body: string): Article {
  return { id: 't', title: 'خبر', body, date: '2022-03-01', source: 'Test Wire', url: null, lang: 'ar', author: null, file: 't.md' };
}

const texts = (body: string) => sentenceUnits(body).map((s) => s.text);

describe('summary sentences', () => {
  it('ends a sentence at a full stop typed without a space ("كلمة.كلمة")', () => {
    const body = 'افتتح وزير الثقافة معرض الكتاب الدولي في القاهرة اليوم.وتشارك فيه دور نشر من عشرين دولة عربية وأجنبية.';
    expect(texts(body)).toEqual([
      'افتتح وزير الثقافة معرض الكتاب الدولي في القاهرة اليوم.',
      'وتشارك فيه دور نشر من عشرين دولة عربية وأجنبية.',
    ]);
    expect(summarizeArticle(article(body), 1).sentences.map((s) => s.text)).toEqual(['افتتح وزير الثقافة معرض الكتاب الدولي في القاهرة اليوم.']);
  });

  it('ends a sentence at a stop typed before the space ("الخشب .فالعود")', () => {
    expect(texts('العود كلمة عربية تعني الخشب .فالعود آلة وترية لها خمسة أوتار.')).toEqual([
      'العود كلمة عربية تعني الخشب .',
      'فالعود آلة وترية لها خمسة أوتار.',
    ]);
  });

  it('keeps decimals, web addresses and one-letter abbreviations whole', () => {
    const body = 'ارتفع المؤشر 2.5 في المئة وقال د.محمد السيد إن الأسعار ستستقر، والتفاصيل على موقع amman.cervantes.es اليوم.';
    expect(texts(body)).toEqual([body]);
  });

  it('gives a hard-wrapped sentence whole, from its first word to its full stop, with offsets into the body', () => {
    const body = [
      'أعلنت هيئة الاتصالات وتقنية المعلومات عن طلب مرئيات العموم حول',
      'الترخيص لمقدمي خدمة الهاتف الجوال وخدمات المعطيات في المملكة.',
      'وتدعو الهيئة الأطراف المعنية إلى إبداء مرئياتهم قبل نهاية',
      'الشهر الجاري عبر موقعها على شبكة الإنترنت.',
    ].join('\n\n');
    const units = sentenceUnits(body);
    expect(units.map((s) => s.text.replace(/\s+/g, ' '))).toEqual([
      'أعلنت هيئة الاتصالات وتقنية المعلومات عن طلب مرئيات العموم حول الترخيص لمقدمي خدمة الهاتف الجوال وخدمات المعطيات في المملكة.',
      'وتدعو الهيئة الأطراف المعنية إلى إبداء مرئياتهم قبل نهاية الشهر الجاري عبر موقعها على شبكة الإنترنت.',
    ]);
    for (const s of units) expect(body.slice(s.start, s.end)).toBe(s.text);
    const first = summarizeArticle(article(body), 1).sentences[0]!.text;
    expect(first.startsWith('أعلنت هيئة الاتصالات')).toBe(true);
    expect(first.endsWith('في المملكة.')).toBe(true);
  });

  it('continues a line that ends with a comma in the next line', () => {
    const body = 'قال المتحدث باسم الحكومة إن الاجتماع انتهى مساء أمس،\nوإن الوزراء اتفقوا على خطة جديدة للنقل العام.';
    expect(texts(body)).toHaveLength(1);
  });

  it('keeps headings and paragraphs of an ordinary article apart, even when a full stop is missing', () => {
    const body = [
      'خلفية',
      'بدأت المفاوضات بين الجانبين في فيينا قبل عامين برعاية الاتحاد الأوروبي',
      'وقال الوسيط الأوروبي إن الجولة المقبلة ستعقد الشهر المقبل.',
      'ويأمل الطرفان التوصل إلى اتفاق قبل نهاية العام.',
    ].join('\n');
    expect(texts(body)).toEqual(body.split('\n'));
  });
});

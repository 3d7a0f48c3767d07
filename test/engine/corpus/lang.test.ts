import { describe, expect, it } from 'vitest';
import { detectLang } from '../../../src/engine/corpus/index.js';

describe('detectLang', () => {
  it.each([
    ['ar', 'قال محمد باقري إن التعاون العسكري بين إيران وروسيا ينمو ويتسع، وإن المرشد يولي أهمية خاصة لتطوير العلاقات.'],
    ['ar', 'قال باقري: "لقد بذلنا جهوداً واسعة للحفاظ على السيادة السورية". Putin'],
    ['fa', 'رئیس ستاد کل نیروهای مسلح ایران گفت همکاری نظامی با روسیه رو به گسترش است.'],
    ['fa', 'رئيس ستاد كل نيروهاي مسلح ايران گفت همكاري نظامي با روسيه رو به گسترش است.'],
    ['en', 'Iran’s chief of staff said military cooperation with Moscow is growing and expanding.'],
    ['en', 'Bagheri (باقري) met Russian officials in Moscow on Tuesday to discuss arms contracts.'],
    ['ru', 'Начальник генштаба Ирана заявил, что военное сотрудничество с Москвой растёт.'],
    ['und', '2021-10-20 — 25'],
  ])('%s: %s', (expected, text) => {
    expect(detectLang(text)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { firstCopies, shareArticles, sharedArticle } from '../../../src/engine/build/sharedArticles.js';

describe('shareArticles', () => {
  it('gives every article back exactly, whatever its text', () => {
    const articles = [
      { id: 'ar', title: 'التعاون العسكري', body: 'وصف باقري التعاون العسكري بأنه "ينمو ويتسع".\nوقعت إيران عقودا.', lang: 'ar' },
      { id: 'empty', title: 'Empty', body: '', lang: 'en' },
      { id: 'fa', title: 'همکاری', body: 'می‌خواهم 😀 \uD800 lone surrogate, ZWNJ kept', lang: 'fa' },
    ];
    const shared = shareArticles(articles);
    expect(shared.bodies.buffer).toBeInstanceOf(SharedArrayBuffer);
    articles.forEach((article, k) => expect(sharedArticle(shared, k)).toEqual(article));
  });
});

describe('firstCopies', () => {
  it('points each article whose body came before to the first article with it, and only those', () => {
    const bodies = ['قال باقري إن التعاون ينمو.', 'Bagheri said cooperation grows.', 'قال باقري إن التعاون ينمو.', 'قال باقري إن التعاون ينمو. ', 'Bagheri said cooperation grows.', 'قال باقري إن التعاون ينمو.'];
    expect(Array.from(firstCopies(bodies.map((body) => ({ body }))))).toEqual([-1, -1, 0, -1, 1, 0]);
  });
});

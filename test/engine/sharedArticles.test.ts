import { describe, expect, it } from 'vitest';
import { shareArticles, sharedArticle } from '../../src/engine/sharedArticles.js';

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

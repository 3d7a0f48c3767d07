/**
 * The bench's news sites, in a child process so that their CPU is not counted as the reader's: FEEDS RSS feeds of
 * ITEMS items each, with ETags (an unchanged feed answers 304), and an article page per item. `POST /publish` adds one
 * item to every feed. Prints its port on stdout once listening.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const FEEDS = Number(process.env.FEEDS ?? 200);
const ITEMS = Number(process.env.ITEMS ?? 20);
const PARAGRAPH = 'قال مسؤولون في وزارة الاقتصاد إن الصادرات الزراعية ارتفعت خلال الربع الأخير بنسبة كبيرة مقارنة بالعام الماضي، وأضافوا أن الحكومة تعمل على فتح أسواق جديدة.';
const published = Array.from({ length: FEEDS }, () => ITEMS);

function page(feed: number, item: number): string {
  const paragraphs = Array.from({ length: 6 }, (_, i) => `<p>${PARAGRAPH} (${feed}-${item}-${i})</p>`).join('');
  return `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>خبر ${feed}-${item}</title><meta property="article:published_time" content="2026-12-01T08:00:00Z"></head><body><nav><a href="/">الرئيسية</a></nav><article><h1>خبر ${feed}-${item}</h1>${paragraphs}</article><aside>اقرأ أيضا</aside></body></html>`;
}

function feed(n: number, origin: string): string {
  const items = [];
  for (let i = published[n]! - 1; i >= published[n]! - ITEMS; i--) {
    items.push(`<item><title>خبر ${n}-${i}</title><link>${origin}/page/${n}/${i}</link><description>ملخص الخبر ${n}-${i}</description><pubDate>Tue, 01 Dec 2026 08:00:00 GMT</pubDate></item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Site ${n}</title>${items.join('')}</channel></rss>`;
}

const server = createServer((request, response) => {
  const origin = `http://${request.headers.host}`;
  const path = request.url ?? '/';
  if (request.method === 'POST' && path === '/publish') {
    for (let n = 0; n < FEEDS; n++) published[n]!++;
    return void response.end('ok');
  }
  const feedMatch = /^\/feed\/(\d+)\.xml$/.exec(path);
  if (feedMatch) {
    const n = Number(feedMatch[1]);
    const etag = `"${n}-${published[n]}"`;
    if (request.headers['if-none-match'] === etag) return void response.writeHead(304).end();
    response.writeHead(200, { 'content-type': 'application/rss+xml', etag });
    return void response.end(feed(n, origin));
  }
  const pageMatch = /^\/page\/(\d+)\/(\d+)$/.exec(path);
  if (pageMatch) {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return void response.end(page(Number(pageMatch[1]), Number(pageMatch[2])));
  }
  response.writeHead(404).end();
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));

/** Fixture feeds and article pages in Arabic and English, as news sites publish them. */

/** One item of a fixture feed. */
export interface Item {
  title: string;
  link: string;
  summary: string;
  date: string;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An RSS 2.0 document (`encoding` names the charset in the XML declaration). */
export function rss(items: Item[], encoding = 'UTF-8'): string {
  const entries = items.map(
    (i) => `<item><title>${escape(i.title)}</title><link>${escape(i.link)}</link><description><![CDATA[<p>${i.summary}</p>]]></description><pubDate>${new Date(i.date).toUTCString()}</pubDate></item>`,
  );
  return `<?xml version="1.0" encoding="${encoding}"?>\n<rss version="2.0"><channel><title>Fixture</title><link>http://example.test/</link>${entries.join('')}</channel></rss>`;
}

/** An Atom document. */
export function atom(items: Item[]): string {
  const entries = items.map(
    (i) => `<entry><title>${escape(i.title)}</title><link rel="alternate" href="${escape(i.link)}"/><id>${escape(i.link)}</id><published>${i.date}</published><updated>${i.date}</updated><summary type="html">${escape(`<p>${i.summary}</p>`)}</summary></entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Fixture Atom</title>${entries.join('')}</feed>`;
}

/** A JSON Feed 1.1 document. */
export function jsonFeed(items: Item[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Fixture JSON',
    items: items.map((i) => ({ id: i.link, url: i.link, title: i.title, content_html: `<p>${i.summary}</p>`, date_published: i.date })),
  });
}

/** What an article page says. */
export interface Page {
  title: string;
  paragraphs: string[];
  /** `article:published_time`. */
  published?: string;
  /** JSON-LD `datePublished` instead. */
  jsonLdDate?: string;
  canonical?: string;
  author?: string;
  lang?: string;
}

/** An article page with a site's navigation, share prompts and a "read more" list around the article. */
export function articlePage(page: Page): string {
  const meta = [
    page.published ? `<meta property="article:published_time" content="${page.published}">` : '',
    page.canonical ? `<link rel="canonical" href="${page.canonical}">` : '',
    page.author ? `<meta name="author" content="${page.author}">` : '',
    page.jsonLdDate ? `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', datePublished: page.jsonLdDate })}</script>` : '',
  ].join('');
  return `<!doctype html><html lang="${page.lang ?? 'ar'}"><head><meta charset="utf-8"><title>${page.title} | Site</title>${meta}</head><body>
<nav><a href="/">الرئيسية</a> <a href="/world">العالم</a> <a href="/sport">رياضة</a></nav>
<main><article><h1>${page.title}</h1>${page.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
<div class="share">شارك</div></article></main>
<aside><h3>اقرأ أيضا</h3><ul><li><a href="/x">خبر آخر</a></li><li><a href="/y">خبر ثالث</a></li></ul></aside>
<footer>© Site</footer></body></html>`;
}

/** A page with no article on it: a video player and a menu. */
export const NO_ARTICLE_PAGE = '<!doctype html><html><head><title>Video</title></head><body><nav><a href="/">Home</a></nav><div id="player"></div><p>Watch</p></body></html>';

/** Paragraphs of an Arabic article about desalination in Aqaba. */
export const DESALINATION = [
  'أعلنت وزارة المياه الأردنية أن محطة تحلية المياه في العقبة ستبدأ العمل بكامل طاقتها مطلع العام المقبل، بعد تأخير دام عامين بسبب نقص التمويل.',
  'وقال وزير المياه إن المحطة ستنتج ثلاثمئة مليون متر مكعب سنويا، وهو ما يكفي لسد نصف العجز المائي في المملكة.',
  'وأضاف أن الحكومة وقعت اتفاقا مع ائتلاف من الشركات الدولية لنقل المياه المحلاة عبر خط أنابيب يمتد إلى عمان.',
];

/** Paragraphs of an English article about a bridge. */
export const BRIDGE = [
  'The old harbour bridge reopened to traffic on Monday after eighteen months of repairs that cost the city more than forty million dollars.',
  'The mayor said the bridge would carry thirty thousand vehicles a day and that a new cycle lane would open in the spring.',
  'Engineers replaced the steel cables and the deck, which had been damaged by corrosion from sea spray over several decades.',
];

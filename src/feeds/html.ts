/** HTML fragments (feed summaries, Readability's output) as plain paragraphs, the corpus's body shape. */
import { parseHTML } from 'linkedom';

/** Elements whose text is one paragraph of the body. */
const BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, blockquote, pre, td, dd, figcaption';
/** Elements that are never prose. */
const NOISE = 'script, style, noscript, template, nav, aside, form, button, iframe, svg, figure > img';

/** Collapses runs of white space, as a browser shows text. */
export const squeeze = (text: string): string => text.replace(/[\s\u00a0]+/g, ' ').trim();

/** The paragraphs of an HTML fragment: each block element's text (innermost blocks win), or the whole text split on line breaks. */
export function htmlParagraphs(html: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const node of document.querySelectorAll(NOISE)) node.remove();
  for (const br of document.querySelectorAll('br')) br.replaceWith('\n');
  const blocks = [...document.querySelectorAll(BLOCKS)].filter((el) => !el.querySelector(BLOCKS));
  const texts = blocks.length ? blocks.map((el) => el.textContent ?? '') : (document.body.textContent ?? '').split(/\n\s*\n|\n/);
  return texts.map(squeeze).filter(Boolean);
}

/** An HTML (or plain) title or summary as one line of text. */
export function htmlText(html: string): string {
  return squeeze(htmlParagraphs(html).join(' '));
}

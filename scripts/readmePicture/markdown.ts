/**
 * The part of Discord's markdown the bot's replies use, as HTML: quote blocks (`> ` lines), `**bold**`,
 * `[masked](https://links)` and backslash escapes (`\*` is a literal star). Anything else shows as written.
 * Every line is its own `dir="auto"` block, so an Arabic line reads right to left and a Latin one left to right.
 */

/** Text made safe inside HTML elements and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Inline rules in Discord's order of precedence; the first that matches at the current position wins. */
const INLINE: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => string]> = [
  // As in simple-markdown, which Discord's parser extends: a backslash makes any character but a letter, digit or space literal.
  [/^\\([^0-9A-Za-z\s])/, (m) => escapeHtml(m[1]!)],
  [/^\*\*((?:\\[\s\S]|[^\\])+?)\*\*(?!\*)/, (m) => `<strong>${inlineHtml(m[1]!)}</strong>`],
  [/^\[([^[\]]+)\]\((https?:\/\/[^\s()]+)\)/, (m) => `<a href="${escapeHtml(m[2]!)}">${inlineHtml(m[1]!)}</a>`],
];

/** Text up to the next character an inline rule can start with (at least one character). */
const PLAIN = /^[\s\S]+?(?=[\\*[]|$)/;

/** The token at the start of `rest`: the text it takes and its HTML. */
function nextToken(rest: string): readonly [string, string] {
  for (const [pattern, render] of INLINE) {
    const match = pattern.exec(rest);
    if (match) return [match[0], render(match)];
  }
  const plain = PLAIN.exec(rest)![0];
  return [plain, escapeHtml(plain)];
}

/** One line of Discord markdown as inline HTML. */
export function inlineHtml(text: string): string {
  let html = '';
  for (let rest = text; rest; ) {
    const [taken, tokenHtml] = nextToken(rest);
    html += tokenHtml;
    rest = rest.slice(taken.length);
  }
  return html;
}

/** A line as Discord lays it out: its own block, direction from its first strong character, an empty line kept. */
function lineHtml(line: string): string {
  return `<div dir="auto">${inlineHtml(line) || '<br>'}</div>`;
}

/** A message's or embed's text (several lines of Discord markdown) as HTML blocks. */
export function markdownHtml(text: string): string {
  const blocks: string[] = [];
  let quote: string[] = [];
  const endQuote = () => {
    if (quote.length) blocks.push(`<blockquote>${quote.join('')}</blockquote>`);
    quote = [];
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('> ')) {
      quote.push(lineHtml(line.slice(2)));
      continue;
    }
    endQuote();
    blocks.push(lineHtml(line));
  }
  endQuote();
  return blocks.join('');
}

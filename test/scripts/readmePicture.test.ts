import type { APIMessage } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { inlineHtml, markdownHtml } from '../../scripts/readmePicture/markdown.js';
import { messagePage } from '../../scripts/readmePicture/messageHtml.js';

describe('the README picture: Discord markdown as HTML', () => {
  it('groups `> ` lines into one quote block, one dir="auto" block per line, blank lines kept', () => {
    expect(markdownHtml('Iran International · 20 October 2021\n\n> سطر أول\n> second')).toBe(
      '<div dir="auto">Iran International · 20 October 2021</div><div dir="auto"><br></div>' +
        '<blockquote><div dir="auto">سطر أول</div><div dir="auto">second</div></blockquote>',
    );
    expect(markdownHtml('>no space')).toBe('<div dir="auto">&#62;no space</div>');
  });

  it('shows **bold** in bold, escaped characters as written, and nothing else as markdown', () => {
    expect(inlineHtml('**التعاون** **وروسيا**')).toBe('<strong>التعاون</strong> <strong>وروسيا</strong>');
    expect(inlineHtml('\\*\\*x\\*\\* a\\_b \\# \\\\')).toBe('**x** a_b # \\');
    // An escaped star inside bold is a star, and does not end the bold.
    expect(inlineHtml('**a \\** b**')).toBe('<strong>a ** b</strong>');
    expect(inlineHtml('x * y ** z')).toBe('x * y ** z');
  });

  it('makes masked links anchors and leaves other brackets and schemes alone', () => {
    expect(inlineHtml('[**نص**](https://example.com/a?b=1&c=2)')).toBe('<a href="https://example.com/a?b=1&#38;c=2"><strong>نص</strong></a>');
    expect(inlineHtml('\\[نص\\](https://example.com)')).toBe('[نص](https://example.com)');
    expect(inlineHtml('[x](javascript:alert(1))')).toBe('[x](javascript:alert(1))');
  });

  it('escapes HTML in the text', () => {
    expect(markdownHtml('<img src=x onerror="a()"> & \'')).toBe('<div dir="auto">&#60;img src=x onerror=&#34;a()&#34;&#62; &#38; &#39;</div>');
  });
});

/** A reply shaped as the fake Discord stores the bot's answer to `/ask`. */
const REPLY = {
  id: '1',
  channel_id: '2',
  type: 20,
  author: { id: '3', username: 'Archive Bot', discriminator: '0', global_name: null, avatar: null, bot: true },
  content: '**سؤال**',
  timestamp: '2026-12-04T23:07:45.138Z',
  interaction_metadata: { id: '4', type: 2, user: { id: '5', username: 'tester', discriminator: '0', global_name: 'Tester', avatar: null }, authorizing_integration_owners: {} },
  embeds: [
    {
      color: 0x2b6cb0,
      title: 'عنوان \\*',
      url: 'https://example.com/ar',
      description: 'Wire · 1 May 2020\n\n> نص **مطابق**',
      fields: [
        { name: 'Speaker', value: 'محمد', inline: true },
        { name: 'Also in', value: 'Other · 2 May 2020', inline: true },
        { name: 'Note', value: 'x' },
      ],
      footer: { text: '1–3 of 15' },
    },
    { title: 'بلا رابط' },
  ],
  components: [
    {
      type: 1,
      components: [
        { type: 2, style: 2, label: '◀ Previous', custom_id: 'ask:s:0', disabled: true },
        { type: 2, style: 2, label: 'Next ▶', custom_id: 'ask:s:3', disabled: false },
      ],
    },
  ],
} as unknown as APIMessage;

describe('the README picture: a message page', () => {
  const page = messagePage(REPLY, 'ask');

  it('loads nothing: inline CSS only, a policy that forbids every fetch, no external resource', () => {
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect(page).not.toMatch(/<link|<script|src=|@import|url\(/);
  });

  it('shows who used the command, the bot with its tag and time, and the content', () => {
    expect(page).toContain('<span class="invoker">Tester</span> used <span class="command">/ask</span>');
    expect(page).toContain('<span class="name">Archive Bot</span><span class="tag">APP</span><time>Today at 23:07</time>');
    expect(page).toContain('<div class="markup"><div dir="auto"><strong>سؤال</strong></div></div>');
  });

  it('draws each embed with its colour bar, its title (a link when it has a url), description, fields and footer', () => {
    expect(page).toContain('<div class="embed" style="border-left-color: #2b6cb0"><div class="embed-title" dir="auto"><a href="https://example.com/ar">عنوان *</a></div>');
    expect(page).toContain('<blockquote><div dir="auto">نص <strong>مطابق</strong></div></blockquote>');
    expect(page.match(/grid-column: span \d+/g)).toEqual(['grid-column: span 6', 'grid-column: span 6', 'grid-column: span 12']);
    expect(page).toContain('<div class="embed-footer" dir="auto">1–3 of 15</div>');
    expect(page).toContain('<div class="embed" style="border-left-color: #1e1f22"><div class="embed-title" dir="auto">بلا رابط</div></div>');
  });

  it('draws the buttons in a row, a disabled one disabled', () => {
    expect(page).toContain('<div class="row"><button class="button style-2" disabled>◀ Previous</button><button class="button style-2">Next ▶</button></div>');
  });
});

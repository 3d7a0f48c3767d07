/**
 * A message payload as Discord's dark theme shows it, as one standalone HTML page: inline CSS, system fonts, and a
 * Content-Security-Policy that lets the page load nothing at all. Draws what the bot's replies use: the command line
 * above the reply ("Tester used /ask"), author, content, embeds (colour bar, title or title link, description,
 * fields, footer) and rows of buttons.
 */
import { type APIButtonComponent, type APIEmbed, type APIEmbedField, type APIMessage, ComponentType } from 'discord-api-types/v10';
import { escapeHtml, inlineHtml, markdownHtml } from './markdown.js';

/** The element of the page that holds the message: what the picture shows. */
export const CHAT_SELECTOR = '.chat';

/** Discord's font stack, with the Noto fonts Debian ships for Arabic (and DejaVu for the ◀ ▶ arrows) after it. */
const FONTS = `'gg sans', 'Noto Sans', 'Noto Sans Arabic', 'DejaVu Sans', 'Helvetica Neue', Helvetica, Arial, sans-serif`;

/** Discord's dark theme, sizes in px as its client draws them. */
const CSS = `
body { margin: 0; background: #313338; font-family: ${FONTS}; -webkit-font-smoothing: antialiased; }
.chat { width: 640px; padding: 16px 0; }
.message { position: relative; padding: 2px 48px 2px 72px; }
.avatar { position: absolute; left: 16px; width: 40px; height: 40px; border-radius: 50%; background: #5865f2; color: #fff;
  display: flex; align-items: center; justify-content: center; font-size: 18px; font-weight: 600; }
.replied { position: relative; display: flex; align-items: center; gap: 4px; height: 22px; margin-bottom: 4px; font-size: 14px; color: #b5bac1; }
.replied .spine { position: absolute; left: -36px; top: 11px; width: 28px; height: 15px; border: 2px solid #4e5058;
  border-width: 2px 0 0 2px; border-top-left-radius: 6px; }
.replied .avatar { position: static; width: 16px; height: 16px; font-size: 9px; background: #80848e; }
.replied .invoker { color: #f2f3f5; font-weight: 500; }
.replied .command { color: #00a8fc; }
.header { margin: 0; font-size: 16px; line-height: 22px; font-weight: 500; }
.header .name { color: #f2f3f5; }
.header .tag { display: inline-block; margin-left: 4px; padding: 0 4px; border-radius: 3px; background: #5865f2; color: #fff;
  font-size: 10px; line-height: 15px; font-weight: 600; vertical-align: 2px; }
.header time { margin-left: 4px; font-size: 12px; font-weight: 400; color: #949ba4; }
.markup { font-size: 16px; line-height: 22px; color: #dbdee1; white-space: pre-wrap; overflow-wrap: break-word; }
.markup strong { font-weight: 700; }
.markup a { color: #00a8fc; text-decoration: none; }
.markup blockquote { position: relative; margin: 0; padding: 0 8px 0 12px; }
.markup blockquote::before { content: ''; position: absolute; left: 0; top: 0; bottom: 0; width: 4px; border-radius: 4px; background: #4e5058; }
.embed { box-sizing: border-box; max-width: 516px; margin-top: 8px; padding: 8px 16px 16px 12px; border-left: 4px solid;
  border-radius: 4px; background: #2b2d31; }
.embed > * + * { margin-top: 8px; }
.embed .markup { font-size: 14px; line-height: 18px; }
.embed-title { font-size: 16px; line-height: 22px; font-weight: 600; color: #f2f3f5; }
.embed-title a { color: #00a8fc; text-decoration: none; }
.fields { display: grid; grid-template-columns: repeat(12, minmax(0, 1fr)); gap: 8px; }
.field-name { margin-bottom: 2px; font-size: 14px; line-height: 18px; font-weight: 600; color: #f2f3f5; }
.embed-footer { font-size: 12px; line-height: 16px; font-weight: 500; color: #b5bac1; }
.row { display: flex; gap: 8px; margin-top: 8px; }
.button { height: 32px; min-width: 60px; padding: 2px 16px; border: 0; border-radius: 4px; color: #fff;
  font: 500 14px/16px ${FONTS}; }
.button:disabled { opacity: 0.5; }
.style-1 { background: #5865f2; }
.style-2, .style-5 { background: #4e5058; }
.style-3 { background: #248046; }
.style-4 { background: #da373c; }
`;

/** A round placeholder avatar with the name's first letter. */
function avatarHtml(name: string): string {
  return `<div class="avatar" aria-hidden="true">${escapeHtml([...name][0] ?? '?')}</div>`;
}

/** The line Discord puts above the answer to a slash command: who used which command. */
function invocationHtml(message: APIMessage, command: string): string {
  const user = message.interaction_metadata?.user;
  if (!user) return '';
  const name = user.global_name ?? user.username;
  return `<div class="replied"><span class="spine"></span>${avatarHtml(name)}<span class="invoker">${escapeHtml(name)}</span> used <span class="command">/${escapeHtml(command)}</span></div>`;
}

/** Discord's layout of embed fields: a row for each field, except up to three inline fields in a row side by side. */
function fieldRows(fields: readonly APIEmbedField[]): APIEmbedField[][] {
  const rows: APIEmbedField[][] = [];
  for (const field of fields) {
    const last = rows.at(-1);
    if (field.inline && last?.[0]?.inline && last.length < 3) last.push(field);
    else rows.push([field]);
  }
  return rows;
}

/** The fields on a 12-column grid, each row's fields sharing its width. */
function fieldsHtml(fields: readonly APIEmbedField[]): string {
  const html = fieldRows(fields).flatMap((row) =>
    row.map(
      (f) => `<div style="grid-column: span ${12 / row.length}"><div class="field-name" dir="auto">${inlineHtml(f.name)}</div><div class="markup">${markdownHtml(f.value)}</div></div>`,
    ),
  );
  return `<div class="fields">${html.join('')}</div>`;
}

/** An embed: colour bar, title (a link when it has a `url`), description, fields, footer. */
function embedHtml(embed: APIEmbed): string {
  const bar = embed.color === undefined ? '#1e1f22' : `#${embed.color.toString(16).padStart(6, '0')}`;
  const parts: string[] = [];
  if (embed.title) {
    const title = inlineHtml(embed.title);
    parts.push(`<div class="embed-title" dir="auto">${embed.url ? `<a href="${escapeHtml(embed.url)}">${title}</a>` : title}</div>`);
  }
  if (embed.description) parts.push(`<div class="markup">${markdownHtml(embed.description)}</div>`);
  if (embed.fields?.length) parts.push(fieldsHtml(embed.fields));
  if (embed.footer) parts.push(`<div class="embed-footer" dir="auto">${escapeHtml(embed.footer.text)}</div>`);
  return `<div class="embed" style="border-left-color: ${bar}">${parts.join('')}</div>`;
}

/** The message's rows of buttons (the only components the bot sends). */
function rowsHtml(message: APIMessage): string {
  return (message.components ?? [])
    .flatMap((row) => (row.type === ComponentType.ActionRow ? [row.components.filter((c): c is APIButtonComponent => c.type === ComponentType.Button)] : []))
    .map((buttons) => {
      const html = buttons.map((b) => `<button class="button style-${b.style}"${b.disabled ? ' disabled' : ''}>${escapeHtml(('label' in b && b.label) || '')}</button>`);
      return `<div class="row">${html.join('')}</div>`;
    })
    .join('');
}

/** A standalone page showing `message`, the answer to `/command`, as Discord's dark theme does (in `CHAT_SELECTOR`). */
export function messagePage(message: APIMessage, command: string): string {
  const author = message.author.global_name ?? message.author.username;
  const time = `Today at ${message.timestamp.slice(11, 16)}`;
  const header = `<h3 class="header"><span class="name">${escapeHtml(author)}</span>${message.author.bot ? '<span class="tag">APP</span>' : ''}<time>${time}</time></h3>`;
  const content = message.content ? `<div class="markup">${markdownHtml(message.content)}</div>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(author)}: /${escapeHtml(command)}</title>
<style>${CSS}</style>
</head>
<body><div class="chat"><div class="message">${invocationHtml(message, command)}${avatarHtml(author)}${header}${content}${message.embeds.map(embedHtml).join('')}${rowsHtml(message)}</div></div></body>
</html>
`;
}

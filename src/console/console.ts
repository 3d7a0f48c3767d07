import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Engine, Failure } from '../engine/index.js';
import { FeedListError, type FeedService, intervalText } from '../feeds/index.js';
import { namesakesLine, renderQuotesText, whosaidHeading } from '../render/quoteText.js';
import { renderArticleSummaryText, renderTopicSummaryText } from '../render/summaryText.js';
import { terminalSafe } from '../render/terminal.js';
import { type TextStyle, renderAskText, renderFailureText } from '../render/text.js';
import { type FailureTerms, failureWords } from '../render/failureWords.js';
import { parseConsoleLine } from './parse.js';

/** Answers shown per page, as in Discord. */
const PAGE_SIZE = 3;
/** Quotations shown per page of /quotes. */
const QUOTES_PAGE_SIZE = 5;

const HELP = `Commands, typed as in Discord:
  /ask question: <words or "a phrase"> [source: <outlet>] [from: YYYY-MM-DD] [to: YYYY-MM-DD]
  /ask <question>            (shorthand)
  /summary article: <id or title> [sentences: N]   or   /summary topic: <topic> [sentences: N]
  /whosaid quote: <part of a quotation>
  /quotes speaker: <name>
  next, prev                 page through the last answer (/ask or /quotes)
  /sources                   the outlets in the archive
  /about                     what the archive holds
  /archive stats|sources|reload|feeds
  /help, exit
Answers show each article's id (id …): /summary article: takes it, or a title.`;

/** One page of a paged answer, or null when the answer failed (its message is printed instead). */
interface Page {
  offset: number;
  total: number;
  text: string;
}

/** A paged answer `next` and `prev` turn: its page size, the page shown and how to show another. */
interface Pages {
  size: number;
  offset: number;
  show(offset: number): Page | null;
}

/** Where the console reads and writes. */
export interface ConsoleIo {
  input: Readable;
  output: Writable;
  style: TextStyle;
  /** Show a prompt (interactive terminal) or not (piped input). */
  prompt: boolean;
  /** The feed reader, for `/archive feeds` (absent: feeds are not shown). */
  feeds?: FeedService;
}

/** The local console: the bot's slash commands typed in a terminal, replies printed as plain text. */
export async function runConsole(engine: Engine, io: ConsoleIo): Promise<void> {
  const print = (text: string) => io.output.write(`${terminalSafe(text)}\n\n`);
  const lines = createInterface({ input: io.input, output: io.prompt ? io.output : undefined, terminal: io.prompt });
  const stats = engine.stats();
  print(`News archive console: ${plural(stats.articles, 'article')}, ${plural(stats.passages, 'passage')} from ${plural(stats.sources, 'source')}. Type /help.`);
  if (!stats.articles) {
    const skipped = stats.skippedFiles ? `, ${plural(stats.skippedFiles, 'file')} skipped for their type` : '';
    print(`WARNING: the archive is empty (${plural(stats.rejectedFiles, 'file')} rejected${skipped}). Articles are read from .md, .json, .jsonl, .txt, .json.gz and .jsonl.gz files.`);
  }
  /** The last answer with pages: what `next` and `prev` turn. */
  let pages: Pages | null = null;
  const turn = (next: Pages, offset: number) => {
    const page = next.show(offset);
    if (page === null) return;
    pages = next;
    const more = page.offset + next.size < page.total ? '  (type next for more)' : '';
    print(page.text + more);
  };
  const ask = (options: Record<string, string>) =>
    turn(
      {
        size: PAGE_SIZE,
        offset: 0,
        show(offset) {
          const answer = engine.ask({ question: options.question ?? '', source: options.source, from: options.from, to: options.to, limit: PAGE_SIZE, offset });
          if (!answer.ok) {
            print(failureText(answer));
            return null;
          }
          this.offset = offset;
          return { offset, total: answer.total, text: renderAskText(answer, offset, io.style) };
        },
      },
      0,
    );
  const quotes = (speaker: string) => {
    const result = engine.quotesBy(speaker);
    if (!result.ok) return print(failureText(result));
    const total = result.matches.length;
    turn(
      {
        size: QUOTES_PAGE_SIZE,
        offset: 0,
        show(offset) {
          this.offset = offset;
          const shown = result.matches.slice(offset, offset + QUOTES_PAGE_SIZE);
          const heading = `Quotations of ${result.speaker} (${offset + 1}–${offset + shown.length} of ${total}, newest first)`;
          const others = offset === 0 && result.namesakes ? `\n\n${namesakesLine(speaker.trim(), result.namesakes, io.style)}` : '';
          return { offset, total, text: renderQuotesText(heading, shown, io.style, offset) + others };
        },
      },
      0,
    );
  };
  if (io.prompt) lines.setPrompt('> ');
  lines.prompt();
  for await (const line of lines) {
    const text = line.trim();
    if (/^(exit|quit|\/exit|\/quit)$/i.test(text)) break;
    const command = text ? parseConsoleLine(text) : null;
    if (!command) {
      if (text) print('Type a command such as /ask التعاون العسكري بين إيران وروسيا, or /help.');
    } else if (command.name === 'help') print(HELP);
    else if (command.name === 'sources') print(engine.sources().join('\n'));
    else if (command.name === 'ask') ask(command.options);
    else if (command.name === 'summary') print(summary(engine, command.options, io.style));
    else if (command.name === 'whosaid') print(whosaid(engine, command.options.quote ?? '', io.style));
    else if (command.name === 'quotes') quotes(command.options.speaker ?? '');
    else if (command.name === 'about') print(aboutText(engine));
    else if (command.name === 'archive') print(command.options.action === 'feeds' ? feedsText(io.feeds) : await archive(engine, command.options.action ?? ''));
    else if (command.name === 'next' || command.name === 'prev') {
      const current = pages as Pages | null;
      if (!current) print('Nothing to page through yet: ask something first.');
      else turn(current, Math.max(0, current.offset + (command.name === 'next' ? current.size : -current.size)));
    } else print(`Unknown command /${command.name}. Type /help.`);
    lines.prompt();
  }
  lines.close();
}

/** How the console words the engine's failures: its commands are typed as in Discord. */
const CONSOLE_TERMS: FailureTerms = { ask: '/ask' };

/** An engine failure in the console's words. */
function failureText(failure: Failure): string {
  return renderFailureText(failureWords(failure, CONSOLE_TERMS));
}

function summary(engine: Engine, options: Record<string, string>, style: TextStyle): string {
  const sentences = options.sentences === undefined ? undefined : Number(options.sentences);
  if (options.article) {
    const result = engine.summarizeArticle(options.article, sentences);
    return result.ok ? renderArticleSummaryText(result, style) : failureText(result);
  }
  const result = engine.summarizeTopic(options.topic ?? '', sentences);
  return result.ok ? renderTopicSummaryText(result, style) : failureText(result);
}

function whosaid(engine: Engine, quote: string, style: TextStyle): string {
  const result = engine.whosaid(quote);
  return result.ok ? renderQuotesText(whosaidHeading(result.quote), result.matches, style) : failureText(result);
}

/** `/about`: what the archive holds. */
function aboutText(engine: Engine): string {
  const stats = engine.stats();
  const dates = stats.firstDate ? `, ${stats.firstDate} to ${stats.lastDate}` : '';
  return `This archive holds ${plural(stats.articles, 'article')} from ${plural(stats.sources, 'source')}${dates}, with ${plural(stats.quotations, 'quotation')}. Every answer quotes the articles word for word, with source, date and link. Type /help for the commands.`;
}

/** `/archive stats|sources|reload`, as the server managers have it in Discord (the console's user runs the archive). */
async function archive(engine: Engine, action: string): Promise<string> {
  if (action === 'sources') return engine.sources().join('\n') || 'No sources yet.';
  if (action === 'reload') {
    const report = await engine.reload();
    const files = (label: string, list: string[]) => `${label} (${list.length})${list.length ? `: ${list.slice(0, 20).join(', ')}${list.length > 20 ? ', …' : ''}` : ''}`;
    const problems = (label: string, list: typeof report.rejected) => list.map((p) => `  ${label} ${[p.file, p.line ? `line ${p.line}` : ''].filter(Boolean).join(' ')}: ${p.reason}`);
    return [
      `Archive reloaded: ${plural(report.stats.articles, 'article')}, ${plural(report.stats.passages, 'passage')}, ${plural(report.stats.quotations, 'quotation')}.`,
      files('added', report.added),
      files('changed', report.changed),
      files('removed', report.removed),
      ...problems('rejected', report.rejected),
      ...problems('warning', report.warnings),
    ].join('\n');
  }
  if (action !== 'stats' && action !== '') return `Unknown /archive action "${action}": use stats, sources, reload or feeds.`;
  const s = engine.stats();
  return [
    `Articles: ${plural(s.articles, 'article')}; passages: ${s.passages.toLocaleString('en-US')}; quotations: ${s.quotations.toLocaleString('en-US')}; sources: ${s.sources}`,
    `Dates: ${s.firstDate ? `${s.firstDate} → ${s.lastDate}` : '—'}`,
    `Rejected files: ${s.rejectedFiles}; skipped for their type: ${s.skippedFiles}`,
    `Index: ${s.origin === 'cache' ? 'loaded from cache' : s.origin === 'build' ? 'built' : 'updated in place'} at ${s.loadedAt}; memory ${Math.round(process.memoryUsage().rss / 1048576)} MB`,
  ].join('\n');
}

/** `/archive feeds`: each followed feed and how it fares (add and remove by editing feeds.yaml, which is read again as it changes). */
function feedsText(feeds: FeedService | undefined): string {
  if (!feeds) return 'Feeds are not followed in this console.';
  let listings;
  try {
    listings = feeds.list();
  } catch (error) {
    if (error instanceof FeedListError) return error.message;
    throw error;
  }
  if (!listings.length) return 'No feed is followed: list feeds in feeds.yaml at the top of the corpus folder (see the README, "Following news feeds").';
  return listings
    .map(({ feed, intervalMs, status }) =>
      [
        `${feed.source} — ${feed.url} — every ${intervalText(intervalMs)}`,
        `  last fetch ${status?.lastFetch ?? '—'}; next ${status?.nextFetch ?? 'now'}; articles added ${status?.added ?? 0}, updated ${status?.updated ?? 0}`,
        `  ${status?.lastError ? `failing (${status.failures} in a row): ${status.lastError}` : status?.lastSuccess ? `last success ${status.lastSuccess}` : 'not fetched yet'}`,
      ].join('\n'),
    )
    .join('\n');
}

/** `3 articles`, `1 source`. */
function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

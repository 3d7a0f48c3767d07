import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Engine } from '../engine/index.js';
import { renderQuotesText } from '../render/quoteText.js';
import { renderArticleSummaryText, renderTopicSummaryText } from '../render/summaryText.js';
import { terminalSafe } from '../render/terminal.js';
import { type TextStyle, renderAskText, renderFailureText } from '../render/text.js';
import { parseConsoleLine } from './parse.js';

/** Answers shown per page, as in Discord. */
const PAGE_SIZE = 3;

const HELP = `Commands, typed as in Discord:
  /ask question: <words or "a phrase"> [source: <outlet>] [from: YYYY-MM-DD] [to: YYYY-MM-DD]
  /ask <question>            (shorthand)
  /summary article: <id> [sentences: N]   or   /summary topic: <topic> [sentences: N]
  /whosaid quote: <part of a quotation>
  /quotes speaker: <name>
  next, prev                 page through the last answer
  /sources                   the outlets in the archive
  /help, exit`;

/** Where the console reads and writes. */
export interface ConsoleIo {
  input: Readable;
  output: Writable;
  style: TextStyle;
  /** Show a prompt (interactive terminal) or not (piped input). */
  prompt: boolean;
}

/** The local console: the bot's slash commands typed in a terminal, replies printed as plain text. */
export async function runConsole(engine: Engine, io: ConsoleIo): Promise<void> {
  const print = (text: string) => io.output.write(`${terminalSafe(text)}\n\n`);
  const lines = createInterface({ input: io.input, output: io.prompt ? io.output : undefined, terminal: io.prompt });
  const stats = engine.stats();
  const count = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
  print(`News archive console: ${count(stats.articles, 'article')}, ${count(stats.passages, 'passage')} from ${count(stats.sources, 'source')}. Type /help.`);
  if (!stats.articles) {
    const skipped = stats.skippedFiles ? `, ${count(stats.skippedFiles, 'file')} skipped for their type` : '';
    print(`WARNING: the archive is empty (${count(stats.rejectedFiles, 'file')} rejected${skipped}). Articles are read from .md, .json, .jsonl, .txt, .json.gz and .jsonl.gz files.`);
  }
  let last = null as { options: Record<string, string>; offset: number } | null;
  const ask = (options: Record<string, string>, offset: number) => {
    const answer = engine.ask({ question: options.question ?? '', source: options.source, from: options.from, to: options.to, limit: PAGE_SIZE, offset });
    if (!answer.ok) return print(renderFailureText(answer));
    last = { options, offset };
    const more = offset + PAGE_SIZE < answer.total ? '  (type next for more)' : '';
    print(renderAskText(answer, offset, io.style) + more);
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
    else if (command.name === 'ask') ask(command.options, 0);
    else if (command.name === 'summary') print(summary(engine, command.options, io.style));
    else if (command.name === 'whosaid') print(whosaid(engine, command.options.quote ?? '', io.style));
    else if (command.name === 'quotes') print(quotesBy(engine, command.options.speaker ?? '', io.style));
    else if (command.name === 'next' || command.name === 'prev') {
      if (!last) print('Nothing to page through yet: ask something first.');
      else ask(last.options, Math.max(0, last.offset + (command.name === 'next' ? PAGE_SIZE : -PAGE_SIZE)));
    } else print(`Unknown command /${command.name}. Type /help.`);
    lines.prompt();
  }
  lines.close();
}

function summary(engine: Engine, options: Record<string, string>, style: TextStyle): string {
  const sentences = options.sentences === undefined ? undefined : Number(options.sentences);
  if (options.article) {
    const result = engine.summarizeArticle(options.article, sentences);
    return result.ok ? renderArticleSummaryText(result, style) : renderFailureText(result);
  }
  const result = engine.summarizeTopic(options.topic ?? '', sentences);
  return result.ok ? renderTopicSummaryText(result, style) : renderFailureText(result);
}

function whosaid(engine: Engine, quote: string, style: TextStyle): string {
  const result = engine.whosaid(quote);
  return result.ok ? renderQuotesText(`Who said “${result.quote}”`, result.matches, style) : renderFailureText(result);
}

function quotesBy(engine: Engine, speaker: string, style: TextStyle): string {
  const result = engine.quotesBy(speaker);
  if (!result.ok) return renderFailureText(result);
  const shown = result.matches.slice(0, 10);
  const more = result.matches.length > shown.length ? `\n\n(${result.matches.length - shown.length} more; use the CLI: npm run cli -- quotes "${result.speaker}")` : '';
  return renderQuotesText(`Quotations of ${result.speaker} (${result.matches.length})`, shown, style) + more;
}

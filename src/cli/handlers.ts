import type { AskAnswer, AskQuery, Failure, FailureCode, QuoteMatch, Result, SummarySentence } from '../engine/index.js';
import type { QuoteService } from '../engine/quotes/service.js';
import type { ArchiveService, SummaryService } from '../engine/summary/service.js';
import { type FailureTerms, type FailureWords, failureWords } from '../render/failureWords.js';
import { namesakesLine, renderQuotesText, whosaidHeading } from '../render/quoteText.js';
import { renderArticleSummaryText, renderTopicSummaryText } from '../render/summaryText.js';
import { type TextStyle, renderAskText, renderFailureText } from '../render/text.js';
import { type CliFlags, type CommandName, cliOptionName } from './args.js';

/** What one request printed: the JSON document and the text a person reads. */
export interface CliOutput {
  json: unknown;
  text: string;
}

/** One request of a command: its text (or batch line) and the flags. */
export interface CliRequest {
  text: string;
  flags: CliFlags;
}

/** A request the command could not run: bad input (exit status 2), in the CLI's words. */
export interface CliBadInput {
  bad: CliFailure;
}

/** A failure as the CLI reports it: the code of its JSON `error`, and its words. */
export type CliFailure = { code: FailureCode } & FailureWords;

/** How the CLI words the engine's failures: its search command is `ask`. */
const CLI_TERMS: FailureTerms = { ask: 'ask' };

/** An engine failure in the CLI's words. */
export function cliFailure(failure: Failure): CliFailure {
  return { code: failure.code, ...failureWords(failure, CLI_TERMS) };
}

/** One command's answer to a request, from the archive the CLI opened (the embedded engine or PostgreSQL's). */
type Handler = (search: ArchiveService, request: CliRequest, style: TextStyle) => Promise<CliOutput | CliBadInput>;

const ask: Handler = async (search, { text, flags }, style) => askOutput(text, await search.ask(askQuery(text, flags)), style);

/** The question `ask` asks for a request's text and flags. */
function askQuery(text: string, flags: CliFlags): AskQuery {
  return { question: text, source: flags.source, from: flags.from, to: flags.to, limit: flags.limit ?? 10 };
}

/** What `ask` prints for an answer, whichever engine gave it (CONTRACTS §2 `ask`). */
function askOutput(text: string, answer: Result<AskAnswer>, style: TextStyle): CliOutput | CliBadInput {
  if (!answer.ok && answer.code !== 'no-results') return { bad: cliFailure(answer) };
  if (!answer.ok) return { json: { query: text.trim(), total: 0, results: [] }, text: renderFailureText(cliFailure(answer), cliOptionName) };
  const json = {
    query: answer.query,
    total: answer.total,
    results: answer.results.map((r) => ({
      passage: r.passage,
      score: r.score,
      article: r.article,
      ...(r.speaker ? { speaker: r.speaker } : {}),
      ...(r.alsoIn.length ? { alsoIn: r.alsoIn } : {}),
    })),
  };
  return { json, text: renderAskText(answer, 0, style) };
}

/** What `summary` prints, whichever engine summarises (CONTRACTS §2 `summary`). */
async function summaryOutput(summaries: SummaryService, { text, flags }: CliRequest, style: TextStyle): Promise<CliOutput | CliBadInput> {
  if (flags.article) {
    const result = await summaries.summarizeArticle(flags.article, flags.sentences);
    if (!result.ok) return { bad: cliFailure(result) };
    const json = { topic: result.topic, article: result.article, sentences: result.sentences.map(sentenceJson) };
    return { json, text: renderArticleSummaryText(result, style) };
  }
  const result = await summaries.summarizeTopic(text, flags.sentences);
  if (!result.ok && result.code !== 'no-results') return { bad: cliFailure(result) };
  if (!result.ok) return { json: { topic: text.trim(), sentences: [], sources: [] }, text: renderFailureText(cliFailure(result), cliOptionName) };
  const json = { topic: result.topic, sentences: result.sentences.map((s) => ({ ...sentenceJson(s), cite: s.cite })), sources: result.sources };
  return { json, text: renderTopicSummaryText(result, style) };
}

/** What `whosaid` prints, whichever engine looks it up (CONTRACTS §2 `whosaid`). */
async function whosaidOutput(quotes: QuoteService, { text, flags }: CliRequest, style: TextStyle): Promise<CliOutput | CliBadInput> {
  const result = await quotes.whosaid(text, flags.limit ?? 5);
  if (!result.ok && result.code !== 'quote-not-found') return { bad: cliFailure(result) };
  if (!result.ok) return { json: { quote: text.trim(), matches: [] }, text: renderFailureText(cliFailure(result), cliOptionName) };
  return { json: { quote: result.quote, matches: result.matches.map(matchJson) }, text: renderQuotesText(whosaidHeading(result.quote), result.matches, style) };
}

/** What `quotes` prints, whichever engine lists them (CONTRACTS §2 `quotes`). */
async function quotesOutput(quotes: QuoteService, { text, flags }: CliRequest, style: TextStyle): Promise<CliOutput | CliBadInput> {
  if (flags.article) {
    const result = await quotes.quotesIn(flags.article);
    if (!result.ok) return { bad: cliFailure(result) };
    return { json: { article: result.article, matches: result.matches.map(matchJson) }, text: renderQuotesText(`Quotations in ${result.article}`, result.matches, style) };
  }
  const result = await quotes.quotesBy(text, flags.limit === undefined ? undefined : { offset: 0, limit: flags.limit });
  if (!result.ok && result.code !== 'not-found') return { bad: cliFailure(result) };
  if (!result.ok) return { json: { speaker: text.trim(), matches: [] }, text: renderFailureText(cliFailure(result), cliOptionName) };
  const { speaker, matches, namesakes } = result;
  return {
    json: { speaker, matches: matches.map(matchJson), ...(namesakes ? { namesakes } : {}) },
    text: renderQuotesText(`Quotations of ${speaker}`, matches, style) + (namesakes ? `

${namesakesLine(text.trim(), namesakes, style)}` : ''),
  };
}

/** A quotation in the CONTRACTS §2 match shape (`matchedWords`: whosaid's words found in it). */
function matchJson(match: QuoteMatch) {
  const { speaker, speakerTitle, quote, direct, article, alsoIn, matchedWords, polarity } = match;
  return { speaker, speakerTitle, quote, direct, ...(polarity ? { polarity } : {}), article, ...(alsoIn?.length ? { alsoIn } : {}), ...(matchedWords?.length ? { matchedWords } : {}) };
}

function sentenceJson(sentence: SummarySentence) {
  return { text: sentence.text, article: sentence.article, ...(sentence.speaker ? { speaker: sentence.speaker } : {}) };
}

/** Each CLI command's handler: archive call in, JSON document and text out. */
export const HANDLERS: Record<CommandName, Handler> = { ask, whosaid: whosaidOutput, quotes: quotesOutput, summary: summaryOutput };

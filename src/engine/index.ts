/** The engine's public API: what front ends and commands may import. */
export type { BuildTuning } from './settings.js';
export { createEngine, silentLogger, type ArchiveStats, type Engine, type EngineOptions, type Logger } from './engine.js';
export type { AskAnswer, AskResult } from './search/ask.js';
export { AskQuery, Day } from './search/query.js';
export { articleRef, dayOf, failure, type Article, type ArticleRef, type CorpusProblem, type Failure, type FailureCode, type FailureReason, type Result } from './types.js';
export type { ArticleSummary, SummarySentence, TopicSentence, TopicSummary } from './summary/index.js';
export type { QuoteMatch, SpeakerQuotes } from './quotes/index.js';
export type { ReloadReport } from './snapshot.js';
export { articleLink } from './corpus/links.js';
export { dropTrailingFurniture } from './corpus/furniture.js';

/** The engine's public API: what front ends and commands may import. */
export { createEngine, type ArchiveCatalog, type Engine } from './engine.js';
export { silentLogger, type BuildTuning, type EngineOptions, type Logger } from './options.js';
export type { AskAnswer, AskResult } from './search/ask.js';
export { AskQuery, Day } from './search/query.js';
export { articleRef, dayOf, failure, type ArchiveStats, type Article, type ArticleRef, type CorpusProblem, type Failure, type FailureCode, type FailureReason, type Result } from './types.js';
export type { ArticleSummary, SummarySentence, TopicSentence, TopicSummary } from './summary/index.js';
export type { QuoteMatch, SpeakerQuotes } from './quotes/index.js';
export type { ReloadReport } from './snapshot.js';
export { articleLink } from './corpus/links.js';
export { dropTrailingFurniture } from './corpus/furniture.js';

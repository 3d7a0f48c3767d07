/** Extractive summaries of one article or of a topic across the archive, and the ROUGE used to measure them. */
export { MAX_SENTENCES, defaultSentenceCount, summarizeArticle } from './article.js';
export { groupStories } from './duplicates.js';
export { needsAntecedent } from './dangling.js';
export { meanRougeF1, rougeN, type RougeScore } from './rouge.js';
export { DEFAULT_TOPIC_SENTENCES, type StoryOptions, type TopicOptions, answerArticles, summarizeStories, summarizeTopic } from './topic.js';
export type { ArticleSummary, SpeakerOf, SummaryOptions, SummarySentence, TopicSentence, TopicSummary } from './types.js';

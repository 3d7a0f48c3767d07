/** The corpus loader (CONTRACTS §1): corpus files in, validated articles and problems out. */
export { loadCorpus, type CorpusLoad } from './load.js';
export { corpusFingerprint } from './fingerprint.js';
export { parseArticleFile, type ParsedFile } from './formats.js';
export { parseRawText, type RawArticle } from './rawText.js';
export { parseLooseDate } from './dates.js';
export { detectLang } from './lang.js';
export type { CorpusFile } from './walk.js';

/** The corpus loader (CONTRACTS §1): corpus files in, validated articles and problems out. */
export { DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_JSONL_BYTES, loadCorpus, type CorpusLoad, type CorpusOptions } from './load.js';
export { decodeCorpusBytes, type CorpusEncoding, type Decoded } from './decode.js';
export { corpusFingerprint } from './fingerprint.js';
export { parseArticleFile, type ParsedFile } from './formats.js';
export { parseRawText, type RawArticle } from './rawText.js';
export { parseLooseDate } from './dates.js';
export { detectLang } from './lang.js';
export type { CorpusFile } from './walk.js';

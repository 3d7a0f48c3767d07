/**
 * The engine as production runs it (`npm run start:prod`): the compiled build in `dist/`, which the
 * benchmark makes first (`npm run build`), typed by the sources it is compiled from. A build's
 * worker thread then starts on plain JavaScript, as it does in production, not through tsx.
 */
import type * as ArchiveModule from '../../src/engine/build/buildArchive.js';
import type * as CacheModule from '../../src/engine/cache/archiveCache.js';
import type * as CorpusModule from '../../src/engine/corpus/index.js';
import type * as PassagesModule from '../../src/engine/passages/segment.js';
import type * as AskModule from '../../src/engine/search/ask.js';
import type * as SnapshotModule from '../../src/engine/snapshot.js';
import type * as SummaryModule from '../../src/engine/summary/index.js';
import type * as TuningModule from '../../src/buildTuning.js';

const compiled = <T>(path: string) => import(new URL(`../../dist/src/engine/${path}`, import.meta.url).href) as Promise<T>;

/** `buildArchiveInParallel`, compiled. */
export const { buildArchiveInParallel } = await compiled<typeof ArchiveModule>('build/buildArchive.js');
/** `saveArchive`, compiled. */
export const { saveArchive } = await compiled<typeof CacheModule>('cache/archiveCache.js');
/** `loadCorpus`, compiled. */
export const { loadCorpus } = await compiled<typeof CorpusModule>('corpus/index.js');
/** `segmentArticle`, compiled. */
export const { segmentArticle } = await compiled<typeof PassagesModule>('passages/segment.js');
/** `ask`, compiled. */
export const { ask } = await compiled<typeof AskModule>('search/ask.js');
/** `corpusCacheKey`, compiled. */
export const { corpusCacheKey } = await compiled<typeof SnapshotModule>('snapshot.js');
/** `v8BuildTuning` (the entry points' V8 settings around a build), compiled. */
export const { v8BuildTuning } = (await import(new URL('../../dist/src/buildTuning.js', import.meta.url).href)) as typeof TuningModule;
/** `summarizeTopic`, compiled. */
export const { summarizeTopic } = await compiled<typeof SummaryModule>('summary/index.js');

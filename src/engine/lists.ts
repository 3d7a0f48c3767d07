/** Kept for the imports of `quotes/` until that folder points them at `util/lists.ts` (then delete this file). */
export * from './util/lists.js';

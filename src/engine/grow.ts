/** Kept for the imports of `quotes/` until that folder points them at `util/grow.ts` (then delete this file). */
export * from './util/grow.js';

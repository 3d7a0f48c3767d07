/** Kept for the imports of `quotes/` until that folder points them at `util/numbering.ts` (then delete this file). */
export * from './util/numbering.js';

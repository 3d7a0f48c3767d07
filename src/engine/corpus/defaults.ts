/** `_defaults.json`: field values a folder gives to every article in it and below. */
import { posix } from 'node:path';
import type { CorpusProblem } from '../types.js';
import { cleanText } from './decode.js';
import { isPlainObject, kindOf } from './records.js';

/** Field values by field name. */
export type Defaults = Record<string, unknown>;

/** The values of one `_defaults.json`, or none and the problem that gets it ignored. */
export interface ParsedDefaults {
  defaults: Defaults;
  problems: CorpusProblem[];
}

/** Reads a `_defaults.json`; an `id` is dropped (reported), since every article needs its own. */
export function parseDefaults(relPath: string, content: string): ParsedDefaults {
  let value: unknown;
  try {
    value = JSON.parse(cleanText(content));
  } catch (error) {
    return { defaults: {}, problems: [{ file: relPath, reason: `invalid JSON, defaults ignored: ${(error as Error).message}` }] };
  }
  if (!isPlainObject(value)) {
    return { defaults: {}, problems: [{ file: relPath, reason: `expected an object of field values, got ${kindOf(value)}; defaults ignored` }] };
  }
  const { id, ...defaults } = value;
  if (id === undefined) return { defaults, problems: [] };
  return { defaults, problems: [{ file: relPath, field: 'id', reason: 'id: cannot be a default (every article needs its own); ignored' }] };
}

/**
 * The defaults in force in each folder: its own `_defaults.json` over its parent's, up to the corpus
 * folder (`.`); `own` maps a folder to the values of its own file.
 */
export function defaultsByFolder(own: ReadonlyMap<string, Defaults>): (folder: string) => Defaults {
  const resolved = new Map<string, Defaults>();
  const resolve = (folder: string): Defaults => {
    let defaults = resolved.get(folder);
    if (!defaults) {
      const inherited = folder === '.' ? {} : resolve(posix.dirname(folder));
      defaults = { ...inherited, ...own.get(folder) };
      resolved.set(folder, defaults);
    }
    return defaults;
  };
  return resolve;
}

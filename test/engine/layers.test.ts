import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ENGINE = join(dirname(fileURLToPath(import.meta.url)), '../../src/engine');

/**
 * The engine's layers, lowest first: a module imports only from its own layer or one below. `quotes/` keeps the
 * cycles between its own modules until its rework (issue 19); none crosses a layer.
 */
const LAYERS = ['util', 'options', 'types', 'text', 'corpus', 'passages', 'search/index', 'search', 'quotes', 'summary', 'archive', 'build', 'cache', 'snapshot', 'engine', 'index'];
/** Re-exports kept at the top for `quotes/` until it imports from `util/`. */
const UTIL_AT_TOP = ['grow', 'lists', 'numbering'];

/** The layer of an engine module, by its path below `src/engine/`. */
function layerOf(path: string): string {
  if (path.startsWith('search/index/')) return 'search/index';
  const top = path.split('/')[0]!.replace(/\.ts$/, '');
  return UTIL_AT_TOP.includes(top) ? 'util' : top;
}

/** Every module of the engine, by its path below `src/engine/`. */
const modules = readdirSync(ENGINE, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.ts'));

/** The engine modules a module imports (relative imports, `.js` read as `.ts`). */
function importsOf(path: string): string[] {
  const source = readFileSync(join(ENGINE, path), 'utf8');
  return [...source.matchAll(/from '(\.[^']+)'/g)].map((m) => relative(ENGINE, normalize(join(ENGINE, dirname(path), m[1]!))).replace(/\.js$/, '.ts'));
}

describe('the engine’s layout', () => {
  it('puts every module in a known layer', () => {
    expect(modules.filter((path) => !LAYERS.includes(layerOf(path)))).toEqual([]);
  });

  it('has every import point down the layers (or stay in its own)', () => {
    const upward = modules.flatMap((path) =>
      importsOf(path)
        .filter((target) => LAYERS.indexOf(layerOf(target)) > LAYERS.indexOf(layerOf(path)))
        .map((target) => `${path} -> ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it('has no import cycle outside quotes/', () => {
    const graph = new Map(modules.map((path) => [path, importsOf(path)]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (path: string, trail: string[]): void => {
      if (state.get(path) === 'done') return;
      if (state.get(path) === 'open') {
        const cycle = trail.slice(trail.indexOf(path));
        if (!cycle.every((p) => p.startsWith('quotes/'))) cycles.push([...cycle, path].join(' -> '));
        return;
      }
      state.set(path, 'open');
      for (const next of graph.get(path) ?? []) visit(next, [...trail, path]);
      state.set(path, 'done');
    };
    for (const path of modules) visit(path, []);
    expect(cycles).toEqual([]);
  });
});

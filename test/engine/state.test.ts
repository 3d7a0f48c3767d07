import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ENGINE = join(dirname(fileURLToPath(import.meta.url)), '../../src/engine');

/** Constructors whose instances hold constant data when nothing in their module changes them. */
const DATA = new Set(['Set', 'Map', 'WeakMap', 'WeakSet', 'Array', 'RegExp', 'Uint8Array', 'Uint16Array', 'Uint32Array', 'Int32Array', 'Float64Array']);

/** Changes made to a binding `name` in `source`: calls that change a collection, assignments to its elements or fields. */
function changesTo(name: string, source: string): boolean {
  const calls = new RegExp(`(?<![\\w.])${name}\\.(?:push|pop|shift|unshift|splice|set|add|delete|clear|sort|fill|reverse|copyWithin)\\(`);
  const writes = new RegExp(`(?<![\\w.])${name}(?:\\[[^\\]]*\\]|\\.\\w+)\\s*(?:[-+*/|&^]|\\?\\?|<<|>>>?)?=(?!=)|(?<![\\w.])${name}(?:\\[[^\\]]*\\]|\\.\\w+)\\s*(?:\\+\\+|--)`);
  return calls.test(source) || writes.test(source);
}

/**
 * The module-level mutable state of a module's source: `let`/`var` bindings, objects of other classes (caches, memos,
 * parsers, registries), collections or literals the module changes after creating them, and static fields of a class
 * that are not read-only.
 */
function moduleState(path: string, source: string): string[] {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const where = (node: ts.Node, what: string) => found.push(`${path}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${what}`);
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) {
      const constant = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
      for (const d of statement.declarationList.declarations) {
        const name = d.name.getText(file);
        if (!constant) {
          where(d, `top-level let/var ${name}`);
          continue;
        }
        const init = d.initializer;
        if (!init) continue;
        if (ts.isNewExpression(init)) {
          const kind = init.expression.getText(file);
          if (!DATA.has(kind)) where(d, `top-level ${kind} object ${name}`);
          else if (changesTo(name, source)) where(d, `top-level ${kind} ${name} changed after creation`);
        } else if ((ts.isArrayLiteralExpression(init) || ts.isObjectLiteralExpression(init) || ts.isCallExpression(init)) && ts.isIdentifier(d.name) && changesTo(name, source)) {
          where(d, `top-level ${name} changed after creation`);
        }
      }
    }
    if (ts.isClassDeclaration(statement)) {
      for (const member of statement.members) {
        const modifiers = ts.canHaveModifiers(member) ? (ts.getModifiers(member) ?? []) : [];
        const has = (kind: ts.SyntaxKind) => modifiers.some((m) => m.kind === kind);
        if (ts.isPropertyDeclaration(member) && has(ts.SyntaxKind.StaticKeyword) && !has(ts.SyntaxKind.ReadonlyKeyword)) where(member, `static field ${member.name.getText(file)}`);
      }
    }
  }
  return found;
}

/** Every module of the engine, by its path below `src/engine/`. */
const modules = readdirSync(ENGINE, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.ts'));

describe('module-level state in src/engine/', () => {
  it('finds the kinds of state it looks for', () => {
    const source = [
      'let stamp = 0;',
      'const cache = new Map<string, number>();',
      'export function remember(k: string) { cache.set(k, 1); }',
      'const parser = new EnglishParser();',
      'const seen: string[] = [];',
      'function note(w: string) { seen.push(w); }',
      'const table = buildTable();',
      'function fill() { table[3] = 1; }',
      'class Book { static words = 0; }',
    ].join('\n');
    expect(moduleState('x.ts', source).map((s) => s.split(' ').slice(1).join(' '))).toEqual([
      'top-level let/var stamp',
      'top-level Map cache changed after creation',
      'top-level EnglishParser object parser',
      'top-level seen changed after creation',
      'top-level table changed after creation',
      'static field words',
    ]);
  });

  it('leaves constant tables alone', () => {
    const source = [
      "const WORDS: ReadonlySet<string> = new Set(['قال', 'أكد']);",
      'const TABLE = buildTable();',
      "const MARKS = new Map([['a', 1]]);",
      'const NONE: number[] = [];',
      'export function lookup(w: string) { return WORDS.has(w) ? TABLE[MARKS.get(w) ?? 0] : NONE; }',
      'class Book { static readonly LIMIT = 5; private words = new Map<string, number>(); }',
    ].join('\n');
    expect(moduleState('x.ts', source)).toEqual([]);
  });

  it('has none: caches, counters and parsers live in objects (a build’s quotation reader, the analyser, the cache’s open files)', () => {
    expect(modules.flatMap((path) => moduleState(path, readFileSync(join(ENGINE, path), 'utf8')))).toEqual([]);
  });
});

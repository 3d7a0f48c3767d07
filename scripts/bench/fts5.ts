/**
 * The reference: SQLite FTS5 in memory (better-sqlite3), unicode61 with remove_diacritics 2, bm25
 * ordering, top 10, over the same passages as the engine. Both sides see normalised text, so the
 * normalised question words match the same spellings in the index.
 */
import Database from 'better-sqlite3';
import { normalizeText, words } from '../../src/engine/text/normalize.js';
import type { Passage } from '../../src/engine/types.js';

/** An FTS5 index over passages and a search function giving the top passage numbers. */
export interface Fts5Index {
  search(question: string, limit?: number): number[];
  close(): void;
}

/**
 * The MATCH expression for a question: its normalised words, each quoted (so no word is read as
 * FTS5 syntax), OR-ed together; `null` when it has no words.
 */
export function fts5Query(question: string): string | null {
  const unique = [...new Set(words(normalizeText(question)))];
  if (unique.length === 0) return null;
  return unique.map((w) => `"${w.replace(/"/g, '""')}"`).join(' OR ');
}

/** Builds the in-memory FTS5 table (`text`, `title` weighted 1 and 0.3 as the engine's boosts). */
export function buildFts5(passages: readonly Passage[], titleOf: (passage: Passage) => string): Fts5Index {
  const db = new Database(':memory:');
  db.exec("CREATE VIRTUAL TABLE passages USING fts5(text, title, tokenize = 'unicode61 remove_diacritics 2')");
  const insert = db.prepare('INSERT INTO passages(rowid, text, title) VALUES (?, ?, ?)');
  const titles = new Map<string, string>();
  const insertAll = db.transaction(() => {
    passages.forEach((p, i) => {
      let title = titles.get(p.articleId);
      if (title === undefined) titles.set(p.articleId, (title = normalizeText(titleOf(p))));
      insert.run(i, normalizeText(p.text), title);
    });
  });
  insertAll();
  const select = db.prepare('SELECT rowid FROM passages WHERE passages MATCH ? ORDER BY bm25(passages, 1.0, 0.3) LIMIT ?').pluck();
  return {
    search(question, limit = 10) {
      const match = fts5Query(question);
      return match === null ? [] : (select.all(match, limit) as number[]);
    },
    close: () => db.close(),
  };
}

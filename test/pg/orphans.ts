import type pg from 'pg';

/**
 * How many rows of each table referring to an article (or a passage, or a quotation) have lost it: all zero when
 * every deletion path deleted an article's rows with it (migration 016 left that to the writer).
 */
export async function rowsWithoutArticle(pool: pg.Pool): Promise<Record<string, number>> {
  const without = (table: string, column: string, parent: string, key: string) =>
    `(SELECT count(*)::int FROM ${table} x WHERE NOT EXISTS (SELECT 1 FROM ${parent} y WHERE y.${key} = x.${column})) AS ${table}`;
  const counts = await pool.query<Record<string, number>>(
    `SELECT ${without('passages', 'article', 'articles', 'number')}, ${without('passage_keys', 'id', 'passages', 'id')},
      ${without('quotations', 'article', 'articles', 'number')}, ${without('article_terms', 'article', 'articles', 'number')},
      (SELECT count(*)::int FROM quotation_speakers x WHERE NOT EXISTS (SELECT 1 FROM quotations y WHERE y.article = x.article AND y.position = x.position)) AS quotation_speakers`,
  );
  return counts.rows[0]!;
}

/** What `rowsWithoutArticle` gives for a consistent database. */
export const NO_ROWS_WITHOUT_ARTICLE = { passages: 0, passage_keys: 0, quotations: 0, article_terms: 0, quotation_speakers: 0 };

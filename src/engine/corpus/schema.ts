/** The schema a corpus record is validated with (apart from types.ts, so code that only needs the types, such as a build worker, does not load zod). */
import { z } from 'zod';

/** An ISO 8601 date (`2021-10-20`) or date-time (`2018-02-18T21:35:43+04:00`). */
const IsoDate = z
  .string()
  .trim()
  .refine((value) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) && !Number.isNaN(Date.parse(value)), {
    message: 'expected an ISO 8601 date such as 2021-10-20',
  });

/** One article exactly as a corpus file gives it (CONTRACTS §1), before defaults are known to be complete. */
export const ArticleInput = z
  .object({
    id: z.union([z.string().trim().min(1), z.number().transform(String)]).optional(),
    title: z.string().trim().nullish(),
    body: z.string().refine((b) => b.trim().length > 0, 'body is empty'),
    date: IsoDate,
    source: z.string().trim().min(1, 'source is empty'),
    url: z.string().nullish(),
    lang: z.string().trim().min(2).max(8).optional(),
    author: z.string().trim().nullish(),
  })
  .passthrough();
export type ArticleInput = z.infer<typeof ArticleInput>;

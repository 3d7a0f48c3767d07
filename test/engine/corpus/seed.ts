import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The seed article as scraped, shipped in `corpus/` (see `corpus/_defaults.json` for its source). */
export const SEED_FILE = 'iran-international-2021-10-20-bagheri-moscow.txt';
export const SEED_PATH = fileURLToPath(new URL(`../../../corpus/${SEED_FILE}`, import.meta.url));
export const SEED_TEXT = readFileSync(SEED_PATH, 'utf8');
export const SEED_TITLE = '"الأركان" الإيراني: التعاون العسكري مع موسكو "ينمو ويتسع".. وخامنئي يدعم تطوير العلاقات';
export const SEED_LAST_SENTENCE = 'وأشار ظريف أيضًا إلى أن زيارة سليماني لروسيا في ذلك الوقت كانت "بإرادة موسكو وليس بإرادتنا".';

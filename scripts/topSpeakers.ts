/**
 * The most-quoted speakers of the ANT archive (31.5k articles), as `/quotes` autocomplete ranks them: a check that no
 * "speaker" is a grammatical word or a fragment of text. `npx tsx scripts/topSpeakers.ts [N]` prints a Markdown list.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseArticleFile } from '../src/engine/corpus/index.js';
import { QuoteIndex } from '../src/engine/quotes/index.js';
import { EVAL_DIR } from './evalData.js';

const count = Number(process.argv[2] ?? 100);
const { articles } = parseArticleFile('ant.jsonl', gunzipSync(readFileSync(`${EVAL_DIR}news/ant-2018-multisource.jsonl.gz`)).toString('utf8'), {});
const index = QuoteIndex.build(articles);
const top = index.speakers('', count);
console.log(top.map((s, i) => `${i + 1}. ${s.name} (${s.count})`).join('\n'));
for (const name of ['ترامب', 'ترمب', 'دونالد ترامب', 'بومبيو', 'مايك بومبيو', 'نتنياهو', 'نتانياهو']) {
  const found = index.bySpeaker(name);
  console.log(`/quotes ${name} → ${found ? `${found.speaker} (${found.matches.length} listed)` : 'nobody'}`);
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { silentLogger } from '../../src/engine/index.js';
import { tempDir } from '../support/tempDir.js';

const cacheDir = tempDir('cli-cache-', afterAll);

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(argv, {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env: { CORPUS_DIR: 'corpus', INDEX_CACHE_DIR: cacheDir },
    isTTY: false,
    logger: silentLogger,
  });
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('cli ask', () => {
  it('prints exactly one JSON document in the contract shape', async () => {
    const { status, stdout, stderr } = await cli('ask', 'التعاون العسكري بين إيران وروسيا', '--json', '--limit', '2');
    expect(status).toBe(0);
    expect(stderr).toBe('');
    const doc = JSON.parse(stdout);
    expect(doc).toMatchObject({ query: 'التعاون العسكري بين إيران وروسيا', total: expect.any(Number) });
    expect(doc.results).toHaveLength(2);
    expect(doc.results[0]).toEqual({
      passage: expect.stringContaining('ينمو ويتسع'),
      score: expect.any(Number),
      article: { id: 'iran-international-2021-10-20-bagheri-moscow', title: expect.stringContaining('الأركان'), source: 'Iran International', date: '2021-10-20', url: null },
      speaker: 'محمد باقري',
    });
  });

  it('prints readable text without --json', async () => {
    const { status, stdout } = await cli('ask', 'ينمو ويتسع');
    expect(status).toBe(0);
    expect(stdout).toContain('ينمو ويتسع');
    expect(stdout).toContain('Iran International · 20 October 2021');
  });

  it('answers a batch, one JSON line per question, in order', async () => {
    const batch = join(cacheDir, 'questions.txt');
    writeFileSync(batch, 'ينمو ويتسع\n\nظريف الاتفاق النووي\nلا شيء يطابق زززز\n');
    const { status, stdout } = await cli('ask', '--batch', batch, '--json');
    expect(status).toBe(0);
    const docs = stdout.split('\n').map((l) => JSON.parse(l));
    expect(docs.map((d) => d.query)).toEqual(['ينمو ويتسع', 'ظريف الاتفاق النووي', 'لا شيء يطابق زززز']);
    expect(docs[2]).toEqual({ query: 'لا شيء يطابق زززز', total: 0, results: [] });
  });

  it('exits 0 with an empty result when nothing matches', async () => {
    const { status, stdout } = await cli('ask', 'زززز', '--json');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ query: 'زززز', total: 0, results: [] });
  });

  it.each([
    [['summary', '--article', 'no-such-article'], /No article has the id or title "no-such-article"/],
    [['summary', 'التعاون', '--sentences', '11'], /--sentences/],
    [['summary'], /"summary" needs a topic or --article ID/],
    [['ask', 'التعاون', '--from', '2021-31-01'], /--from: got "2021-31-01"; expected a real calendar date written YYYY-MM-DD/],
    [['ask', 'التعاون', '--source', 'Nowhere'], /--source: got "Nowhere"; expected one of the archive's sources/],
    [['ask', '؟!'], /no searchable words/],
    [['ask'], /"ask" needs a question/],
    [['frobnicate', 'x'], /unknown command "frobnicate"/],
    [['ask', 'x y', '--limit', 'many'], /--limit: got "many"; expected a whole number from 1 to 100/],
    [['summary', 'التعاون', '--sentences', '0'], /--sentences: got "0"; expected a whole number from 1 to 10/],
    [['ask', 'x y', '--colour'], /Unknown option '--colour'/],
    [['ask', 'التعاون', '--corpus', '/nonexistent/corpus'], /corpus folder "\/nonexistent\/corpus" does not exist/],
    [['ask', '--batch', '/nonexistent/file.txt'], /cannot read the batch file/],
  ])('%j exits 2 with a message on stderr', async (argv, message) => {
    const { status, stdout, stderr } = await cli(...argv);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it.each([
    [['ask', 'التعاون', '--from', '2021-02-30', '--json'], 'bad-query', /^--from: got "2021-02-30"; expected a real calendar date/],
    [['ask', 'x y', '--limit', 'many', '--json'], 'bad-query', /^--limit: got "many"/],
    [['ask', 'التعاون', '--corpus', '/nonexistent/corpus', '--json'], 'corpus-invalid', /does not exist/],
  ])('%j with --json also prints the error as JSON on stdout, exit 2', async (argv, code, message) => {
    const { status, stdout } = await cli(...argv);
    expect(status).toBe(2);
    const doc = JSON.parse(stdout);
    expect(doc.error.code).toBe(code);
    expect(doc.error.message).toMatch(message);
  });

  it('answers a bad line of an ask batch on its own line and goes on, exit 0', async () => {
    const batch = join(cacheDir, 'questions.txt');
    writeFileSync(batch, 'التعاون العسكري\n؟!\nينمو ويتسع\n');
    const { status, stdout } = await cli('ask', '--batch', batch, '--json', '--limit', '1');
    expect(status).toBe(0);
    const docs = stdout.split('\n').map((l) => JSON.parse(l));
    expect(docs).toHaveLength(3);
    expect(docs[0].results).toHaveLength(1);
    expect(docs[1]).toEqual({ input: '؟!', error: { code: 'bad-query', message: expect.stringMatching(/no searchable words/) } });
    expect(docs[2].results[0].passage).toContain('ينمو ويتسع');
  });
});

describe('bidi controls in the text output', () => {
  const SPOOF = '\u202Eعكس\u202C \u2067معزول\u2069';
  const dir = tempDir('cli-bidi-', afterAll);
  writeFileSync(
    join(dir, 'spoof.json'),
    JSON.stringify({ title: `خبر ${SPOOF}`, body: `قال الوزير إن الزعفران ${SPOOF} "محصول وفير هذا العام" في خراسان.\x1b]0;owned\x07`, date: '2023-11-05', source: 'Spoof Wire' }),
  );
  const run = (...argv: string[]) => cli(...argv, '--corpus', dir);

  it.each([
    [['ask', 'الزعفران']],
    [['whosaid', 'محصول وفير هذا العام']],
    [['summary', 'الزعفران']],
  ])('%j prints no bidi override, isolate or escape sequence; --json keeps the verbatim text', async (argv) => {
    const text = await run(...argv);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('الزعفران');
    expect(text.stdout).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u0007]|\x1b\]/);
    const json = await run(...argv, '--json');
    expect(json.stdout).toMatch(/\\u202e|\u202E/i);
  });
});

describe('cli summary', () => {
  const SEED_ID = 'iran-international-2021-10-20-bagheri-moscow';

  it('summarises an article in the contract shape, verbatim and in article order', async () => {
    const { status, stdout } = await cli('summary', '--article', SEED_ID, '--sentences', '3', '--json');
    expect(status).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.sentences).toHaveLength(3);
    expect(doc.sentences[0].text).toMatch(/^قال محمد باقري/);
    expect(doc.sentences[0].article).toMatchObject({ id: SEED_ID, source: 'Iran International', date: '2021-10-20' });
  });

  it('summarises a topic with numbered citations and sources', async () => {
    const { status, stdout } = await cli('summary', 'الاتفاق النووي', '--json');
    expect(status).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.topic).toBe('الاتفاق النووي');
    for (const s of doc.sentences) expect(doc.sources.map((x: { cite: number }) => x.cite)).toContain(s.cite);
  });

  it('takes JSON objects in a batch and reports a bad line without stopping', async () => {
    const batch = join(cacheDir, 'summaries.jsonl');
    writeFileSync(batch, `{"article": "${SEED_ID}", "sentences": 1}\n{"topic": "ظريف"}\nnot json\n`);
    const { status, stdout, stderr } = await cli('summary', '--batch', batch, '--json');
    expect(status).toBe(0);
    const docs = stdout.split('\n').map((l) => JSON.parse(l));
    expect(docs[0].sentences).toHaveLength(1);
    expect(docs[1].topic).toBe('ظريف');
    expect(docs[2].error.message).toMatch(/not JSON/);
    expect(stderr).toMatch(/not JSON/);
  });
});

describe('cli whosaid and quotes', () => {
  it.each([
    ['ينمو ويتسع', 'محمد باقري'],
    ['لم يكن هدف الروس التوصل إلى اتفاق نووي', 'محمد جواد ظريف'],
    ['أهمية خاصة', 'محمد باقري'],
    ['لم يكن هدف الروس التوصل الي اتفاق نووى', 'محمد جواد ظريف'],
    ['«بارادة موسكو وليس بارادتنا»', 'محمد جواد ظريف'],
  ])('whosaid %s → %s', async (quote, speaker) => {
    const { status, stdout } = await cli('whosaid', quote, '--json');
    expect(status).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.matches[0]).toMatchObject({ speaker, article: { source: 'Iran International', date: '2021-10-20' } });
  });

  it.each([
    ['a reporting sentence', 'رئيس الأركان قال إن التعاون العسكري مع روسيا "ينمو ويتسع"', 'محمد باقري', 'ينمو ويتسع', ['ينمو', 'ويتسع']],
    ['the article\'s own sentence', 'ووصف المسؤول العسكري الإيراني الكبير التعاون العسكري بين إيران وروسيا بأنه "ينمو ويتسع"', 'محمد باقري', 'ينمو ويتسع', ['ينمو', 'ويتسع']],
    ['the article\'s own sentence without quote marks', 'ووصف المسؤول العسكري الإيراني الكبير التعاون العسكري بين إيران وروسيا بأنه ينمو ويتسع', 'محمد باقري', 'ينمو ويتسع', ['ينمو', 'ويتسع']],
    ['a tweet', '🇮🇷🇷🇺 رئيس الأركان الإيراني باقري من موسكو: «ينمو ويتسع» 👇 @IranIntl_Ar #إيران #روسيا https://t.co/Xy12', 'محمد باقري', 'ينمو ويتسع', ['ينمو', 'ويتسع']],
    ['a headline', 'ظريف: لم يكن هدف الروس التوصل إلى اتفاق نووي', 'محمد جواد ظريف', 'لم يكن هدف الروس التوصل إلى اتفاق نووي، وعندما رأوا أننا نتوصل إلى اتفاق، بدأوا في خلق العراقيل', ['يكن', 'هدف', 'الروس', 'التوصل', 'اتفاق', 'نووي']],
    ['the bare quotation', 'ينمو ويتسع', 'محمد باقري', 'ينمو ويتسع', ['ينمو', 'ويتسع']],
  ])('whosaid finds the speaker from %s and says which words matched', async (_, message, speaker, quote, matchedWords) => {
    const { status, stdout } = await cli('whosaid', message, '--json');
    expect(status).toBe(0);
    expect(JSON.parse(stdout).matches[0]).toMatchObject({ speaker, quote, matchedWords, article: { source: 'Iran International', date: '2021-10-20' } });
  });

  it('shows the matched words in the text answer', async () => {
    const { status, stdout } = await cli('whosaid', 'رئيس الأركان قال إن التعاون العسكري مع روسيا "ينمو ويتسع"');
    expect(status).toBe(0);
    expect(stdout).toContain('محمد باقري');
    expect(stdout).toContain('matched: ينمو ويتسع');
  });

  it('looks a quotation of common words up by its exact wording, and says when nothing has it', async () => {
    const json = await cli('whosaid', 'قال إن هذا هو الحل', '--json');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ quote: 'قال إن هذا هو الحل', matches: [] });
    const text = await cli('whosaid', 'It is what it is');
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('No quotation in the archive has exactly these words.');
  });

  it('names the title with the speaker', async () => {
    const doc = JSON.parse((await cli('whosaid', 'ينمو ويتسع', '--json')).stdout);
    expect(doc.matches[0].speakerTitle).toBe('رئيس الأركان العامة للقوات المسلحة الإيرانية');
    expect(doc.matches[0].quote).toBe('ينمو ويتسع');
  });

  it('answers an unknown quote with no matches and exit 0', async () => {
    const { status, stdout } = await cli('whosaid', 'زززز ققققق', '--json');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ quote: 'زززز ققققق', matches: [] });
  });

  it('lists a speaker’s quotations under the full name, from a surname', async () => {
    const doc = JSON.parse((await cli('quotes', 'باقري', '--json')).stdout);
    expect(doc.speaker).toBe('محمد باقري');
    expect(doc.matches.length).toBeGreaterThan(3);
    expect(doc.matches.every((m: { speaker: string }) => m.speaker === 'محمد باقري')).toBe(true);
  });

  it('lists every quotation of an article in text order', async () => {
    const doc = JSON.parse((await cli('quotes', '--article', 'iran-international-2021-10-20-bagheri-moscow', '--json')).stdout);
    expect(doc.article).toBe('iran-international-2021-10-20-bagheri-moscow');
    expect(doc.matches.length).toBeGreaterThanOrEqual(18);
    expect(doc.matches.map((m: { quote: string }) => m.quote)).not.toContain('الأركان');
  });

  it('shows the speaker of a quotation found by ask', async () => {
    const doc = JSON.parse((await cli('ask', '"ينمو ويتسع"', '--json', '--limit', '1')).stdout);
    expect(doc.results[0].speaker).toBe('محمد باقري');
  });
});

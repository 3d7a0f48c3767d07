import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildArchive } from '../../../src/engine/build/buildArchive.js';
import { decodeCorpusBytes, loadCorpus } from '../../../src/engine/corpus/index.js';
import { ask } from '../../../src/engine/search/ask.js';
import { windows1256 } from '../../support/windows1256.js';

const SOURCE = JSON.stringify({ source: 'Iran International' });
const TITLE = 'باقري يزور موسكو';
const DATE = '2021-10-20';
const BODY = 'قال رئيس الأركان محمد باقري إن التعاون العسكري مع روسيا سيتوسع في مجالات التدريب والمناورات المشتركة.';
const TXT = `${TITLE}\n${DATE}\n\n${BODY}\n`;
const MD = `---\ntitle: ${TITLE}\ndate: ${DATE}\n---\n${BODY}\n`;


const utf16le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string, bom = true): Buffer => {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!];
  return bom ? Buffer.concat([Buffer.from([0xfe, 0xff]), be]) : be;
};
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);

const temporary: string[] = [];
afterEach(async () => {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function corpusOf(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hostile-'));
  temporary.push(dir);
  for (const [path, content] of Object.entries({ '_defaults.json': SOURCE, ...files })) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

describe('decodeCorpusBytes', () => {
  it('the Windows-1256 table gives the bytes an Arabic archive holds', () => {
    expect([...windows1256('السلام')]).toEqual([0xc7, 0xe1, 0xd3, 0xe1, 0xc7, 0xe3]);
  });

  it.each([
    ['UTF-8', Buffer.from(TXT), 'utf-8'],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TXT)]), 'utf-8'],
    ['UTF-16 LE with a BOM', utf16le(TXT), 'utf-16le'],
    ['UTF-16 BE with a BOM', utf16be(TXT), 'utf-16be'],
    ['UTF-16 LE without a BOM (NULs on odd bytes)', Buffer.from(TXT, 'utf16le'), 'utf-16le'],
    ['UTF-16 BE without a BOM (NULs on even bytes)', utf16be(TXT, false), 'utf-16be'],
    ['Windows-1256', windows1256(TXT), 'windows-1256'],
  ])('reads %s', (_, bytes, encoding) => {
    expect(decodeCorpusBytes(bytes)).toEqual({ text: TXT, encoding });
  });

  it.each([
    ['an empty file', Buffer.alloc(0), /^empty file \(0 bytes\)/],
    ['a file of blank lines', Buffer.from('\n \r\n\t\n'), /^empty file: only whitespace/],
    ['a PNG image', PNG, /^binary file, not text: NUL byte at offset 8/],
    ['control characters without NULs', Buffer.from(`${BODY}\x01\x02\x03\x04\x05\x06\x07\x08\x1b\x1b`), /^binary file, not text: 10 control characters/],
    ['Latin-1 French', Buffer.from('Le ministre a déclaré à la presse: « très bien ».', 'latin1'), /^not UTF-8 \(byte 0xE9 at offset 15\) and does not read as Windows-1256 Arabic/],
    ['UTF-8 with a damaged byte', Buffer.concat([Buffer.from(BODY), Buffer.from([0xff]), Buffer.from(BODY)]), /^invalid UTF-8: 1 bad byte\(s\), the first byte 0xFF at offset \d+/],
    ['a UTF-8 BOM before Windows-1256 bytes', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), windows1256(TXT)]), /^starts with a UTF-8 byte order mark but is not valid UTF-8/],
    ['UTF-32', Buffer.from([0xff, 0xfe, 0, 0, 0x27, 0x06, 0, 0]), /^UTF-32 text is not supported/],
  ])('rejects %s with a reason', (_, bytes, reason) => {
    const decoded = decodeCorpusBytes(bytes);
    expect(decoded).toEqual({ reason: expect.stringMatching(reason) });
    expect('reason' in decoded && decoded.reason).toMatch(/re-save it as UTF-8 text|delete it or add an article$/);
  });
});

describe('loadCorpus on hostile files', () => {
  it('loads UTF-16 and Windows-1256 articles (.txt and .md) as the same text as UTF-8', async () => {
    const dir = await corpusOf({
      'utf8.txt': TXT,
      'bom.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(MD)]),
      'utf16.txt': utf16le(TXT),
      'cp1256.txt': windows1256(TXT),
      'md1256.md': windows1256(MD),
    });
    const { articles, problems } = await loadCorpus(dir);
    expect(problems).toEqual([]);
    expect(articles.map((a) => [a.id, a.title, a.date, a.body, a.lang])).toEqual(
      ['bom', 'cp1256', 'md1256', 'utf16', 'utf8'].map((id) => [id, TITLE, DATE, BODY, 'ar']),
    );
  });

  it('makes a Windows-1256 Arabic file searchable', async () => {
    const dir = await corpusOf({ 'archive/moscow.txt': windows1256(TXT) });
    const { articles } = await loadCorpus(dir);
    const archive = buildArchive(articles);
    const answer = ask(archive, { question: 'المناورات المشتركة مع روسيا' }, archive.sources);
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.results[0]).toMatchObject({ passage: BODY, article: { id: 'archive/moscow', title: TITLE } });
  });

  it('rejects binary, empty and oversized files, each with its path and reason, and loads the rest', async () => {
    const dir = await corpusOf({
      'good.txt': TXT,
      'photo.md': PNG,
      'empty.txt': '',
      'big.txt': `${TXT}${'كلمة '.repeat(200)}`,
      'big.jsonl': `${JSON.stringify({ title: TITLE, body: BODY, date: DATE })}\n`,
    });
    const { articles, problems } = await loadCorpus(dir, { maxFileBytes: 1000, maxJsonlBytes: 100 });
    expect(articles.map((a) => a.id)).toEqual(['good']);
    expect(problems).toEqual([
      { file: 'big.jsonl', reason: expect.stringMatching(/^too large: \d+ bytes, over the 100 bytes limit for \.jsonl files; split it/) },
      { file: 'big.txt', reason: expect.stringMatching(/^too large: \d(\.\d)? KB, over the 1000 bytes limit for \.txt files; split it/) },
      { file: 'empty.txt', reason: expect.stringMatching(/^empty file \(0 bytes\)/) },
      { file: 'photo.md', reason: expect.stringMatching(/^binary file, not text: NUL byte at offset 8/) },
    ]);
  });

  it('keeps the default limits at 1 GB for .jsonl (a whole archive) and 5 MB for other files', async () => {
    const dir = await corpusOf({ 'a.txt': TXT });
    const { problems } = await loadCorpus(dir);
    expect(problems).toEqual([]);
    const { DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_JSONL_BYTES } = await import('../../../src/engine/corpus/index.js');
    expect([DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_JSONL_BYTES]).toEqual([5 * 1024 * 1024, 1024 * 1024 * 1024]);
  });

  it('rejects symbolic links leading outside the corpus folder and follows those that stay inside', async () => {
    const outside = await corpusOf({ 'secret.txt': TXT, 'folder/leak.txt': TXT });
    const dir = await corpusOf({ 'real/a.txt': TXT });
    await symlink('/etc/hostname', join(dir, 'hostname.txt'));
    await symlink(join(outside, 'secret.txt'), join(dir, 'secret.txt'));
    await symlink(join(outside, 'folder'), join(dir, 'outside-folder'));
    await symlink(join(dir, 'real', 'a.txt'), join(dir, 'inside.txt'));
    await symlink('real', join(dir, 'alias'));
    const { articles, problems, files } = await loadCorpus(dir);
    // `alias` comes first and leads to `real`, which is then not read twice.
    expect(articles.map((a) => a.id)).toEqual(['alias/a', 'inside']);
    const reason = 'symbolic link leads outside the corpus folder; skipped (copy the file or folder into the corpus instead)';
    expect(problems).toEqual([
      { file: 'hostname.txt', reason },
      { file: 'outside-folder', reason },
      { file: 'secret.txt', reason },
    ]);
    expect(files.map((f) => f.path)).toEqual(['_defaults.json', 'alias/a.txt', 'inside.txt']);
  });

  it('NFC-normalises titles and bodies, whatever form the file stores them in', async () => {
    const decomposed = 'قال الرئيس: \u0627\u0653مل أن نلتقي. مرحباً بكم في الا\u0653ن.';
    const dir = await corpusOf({
      'a.json': JSON.stringify({ title: `\u0627\u0653فاق ${TITLE}`, body: decomposed, date: DATE }),
      'b.txt': `\u0627\u0653فاق ${TITLE}\n${DATE}\n${decomposed}\n`,
    });
    const { articles, problems } = await loadCorpus(dir);
    expect(problems).toEqual([]);
    for (const article of articles) {
      expect(article.title).toBe(`آفاق ${TITLE}`);
      expect(article.body).toBe(decomposed.normalize('NFC'));
      expect(article.body).toContain('آمل');
    }
  });
});

import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpenFiles, readSections, writeSections } from '../../../src/engine/cache/cacheFile.js';

/** Closes the cache files the tests leave open. */
const openFiles = new OpenFiles();

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cache-file-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('cache file sections', () => {
  it('gives back the header and every typed array as written', async () => {
    const file = join(dir, 'x.idx');
    const sections = {
      bytes: new TextEncoder().encode('التعاون العسكري'),
      counts: Uint16Array.of(1, 65535),
      docs: Uint32Array.of(0, 7, 4_000_000_000),
      speakers: Int32Array.of(-1, 3),
      ends: Float64Array.of(0.5, 1e12),
    };
    await writeSections(file, { version: 6, note: 'باقري' }, sections);
    const read = await readSections(file, openFiles);
    expect(read?.header).toEqual({ version: 6, note: 'باقري' });
    for (const [name, array] of Object.entries(sections)) {
      expect(read!.sections[name]).toBeInstanceOf(array.constructor);
      expect(Array.from(read!.sections[name]!)).toEqual(Array.from(array));
    }
  });

  it('returns null for a missing, truncated, extended or foreign file instead of a half-read index', async () => {
    const file = join(dir, 'x.idx');
    expect(await readSections(file, openFiles)).toBeNull();
    await writeSections(file, {}, { docs: Uint32Array.of(1, 2, 3) });
    const whole = readFileSync(file);
    truncateSync(file, whole.length - 1);
    expect(await readSections(file, openFiles)).toBeNull();
    writeFileSync(file, Buffer.concat([whole, Buffer.of(0)]));
    expect(await readSections(file, openFiles)).toBeNull();
    writeFileSync(file, '{"version": 5}');
    expect(await readSections(file, openFiles)).toBeNull();
  });
});

describe('sections left on disk', () => {
  it('reads a part or the whole of a section only when asked', async () => {
    const file = join(dir, 'x.idx');
    const text = new TextEncoder().encode('قال باقري إن التعاون ينمو');
    await writeSections(file, { v: 1 }, { index: Uint32Array.of(5, 6), text, ends: Float64Array.of(3, 9) });
    const read = await readSections(file, openFiles, (name) => name !== 'index');
    expect(Object.keys(read!.sections)).toEqual(['index']);
    expect(new TextDecoder().decode(read!.onDisk.text!.bytes(0, 6))).toBe('قال');
    expect(read!.onDisk.text!.length).toBe(text.length);
    expect(Array.from(read!.onDisk.ends!.load())).toEqual([3, 9]);
  });
});

describe('preloading a section left on disk', () => {
  it('gives the same bytes from memory once read in the background', async () => {
    const file = join(dir, 'x.idx');
    const text = new TextEncoder().encode('التعاون العسكري ينمو ويتسع');
    await writeSections(file, {}, { text });
    const section = (await readSections(file, openFiles, () => true))!.onDisk.text!;
    const before = Array.from(section.bytes(2, 20));
    await section.preload();
    expect(Array.from(section.bytes(2, 20))).toEqual(before);
    expect(new TextDecoder().decode(section.bytes(0, text.length))).toBe('التعاون العسكري ينمو ويتسع');
  });
});

/**
 * A binary container for the index cache: a JSON header, then named typed arrays stored as raw
 * bytes. Loading reads each array straight into its own memory, with no parsing, so a large
 * index loads at disk speed instead of at `JSON.parse` speed.
 */
import { readSync } from 'node:fs';
import { type FileHandle, open, rename } from 'node:fs/promises';

/** The typed arrays a section can hold. */
export type SectionArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;

const KINDS = { Uint8Array, Uint16Array, Uint32Array, Int32Array, Float64Array } as const;
type Kind = keyof typeof KINDS;

/** File signature: the format's name and revision. */
const MAGIC = Buffer.from('NEWSIDX1');
/** Bytes read or written per call (Node caps a single read at 2 GB). */
const CHUNK = 1 << 28;

interface SectionEntry {
  name: string;
  kind: Kind;
  length: number;
}

/** Writes `header` and `sections` to `file` atomically (a temporary file renamed into place). */
export async function writeSections(file: string, header: unknown, sections: Record<string, SectionArray>): Promise<void> {
  const entries: SectionEntry[] = Object.entries(sections).map(([name, array]) => ({ name, kind: kindOf(array), length: array.length }));
  const json = Buffer.from(JSON.stringify({ header, sections: entries }));
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(BigInt(json.length));
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await writeAll(handle, MAGIC);
    await writeAll(handle, size);
    await writeAll(handle, json);
    for (const array of Object.values(sections)) await writeAll(handle, new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}

/** A section left on disk: read in part or whole when needed, through a descriptor kept open while it is in use. */
export interface DiskSection {
  length: number;
  /** Bytes `start`…`end` of the section. */
  bytes(start: number, end: number): Uint8Array;
  /** The whole section as its typed array. */
  load(): SectionArray;
  /** Reads the section into memory in the background; `bytes` then reads from memory (a failed read leaves it on disk). */
  preload(): Promise<void>;
}

/** What `readSections` gives back: the header, the sections read, and those left on disk. */
export interface SectionFile {
  header: unknown;
  sections: Record<string, SectionArray>;
  onDisk: Record<string, DiskSection>;
}

/**
 * The cache files whose sections were left on disk, each closed once none of its sections can be read any more: one per
 * engine, handed from archive to archive, so that it outlives the files it closes.
 */
export class OpenFiles {
  private readonly registry = new FinalizationRegistry<FileHandle>((handle) => void handle.close().catch(() => {}));

  /** Closes `handle` once `holder` (what its sections read through) is unreachable. */
  keep(holder: object, handle: FileHandle): void {
    this.registry.register(holder, handle);
  }
}

/**
 * Reads a file written by `writeSections`; null when it is missing, truncated or of another
 * format. Sections `keepOnDisk` names are not read now (large, rarely read parts such as texts):
 * the file stays open for them until `openFiles` closes it.
 */
export async function readSections(file: string, openFiles: OpenFiles, keepOnDisk: (name: string) => boolean = () => false): Promise<SectionFile | null> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch {
    return null;
  }
  let keepOpen = false;
  try {
    const start = Buffer.alloc(16);
    if (!(await readAll(handle, start, 0)) || !start.subarray(0, 8).equals(MAGIC)) return null;
    const json = Buffer.alloc(Number(start.readBigUInt64LE(8)));
    if (!(await readAll(handle, json, 16))) return null;
    const { header, sections: entries } = JSON.parse(json.toString('utf8')) as { header: unknown; sections: SectionEntry[] };
    const sections: Record<string, SectionArray> = {};
    const onDisk: Record<string, DiskSection> = {};
    const opened = { handle };
    const reads: Array<Promise<boolean>> = [];
    // One allocation for every section read now: each large array allocated alone makes the
    // garbage collector run again for the external memory it adds.
    const eager = entries.filter(({ name }) => !keepOnDisk(name));
    const memory = new ArrayBuffer(eager.reduce((n, { kind, length }) => n + aligned(length * KINDS[kind].BYTES_PER_ELEMENT), 0));
    let used = 0;
    let position = 16 + json.length;
    for (const { name, kind, length } of entries) {
      const byteLength = length * KINDS[kind].BYTES_PER_ELEMENT;
      if (keepOnDisk(name)) onDisk[name] = diskSection(opened, kind, length, position);
      else {
        const array = new KINDS[kind](memory, used, length);
        reads.push(readAll(handle, new Uint8Array(memory, used, byteLength), position));
        used += aligned(byteLength);
        sections[name] = array;
      }
      position += byteLength;
    }
    if (!(await Promise.all(reads)).every(Boolean)) return null;
    if ((await handle.stat()).size !== position) return null;
    keepOpen = Object.keys(onDisk).length > 0;
    if (keepOpen) openFiles.keep(opened, handle);
    return { header, sections, onDisk };
  } catch {
    return null;
  } finally {
    if (!keepOpen) await handle.close();
  }
}

/** A byte count rounded up to a multiple of 8, so every typed array view is aligned. */
function aligned(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}

function diskSection(opened: { handle: FileHandle }, kind: Kind, length: number, offset: number): DiskSection {
  let memory: Uint8Array | null = null;
  /** Fills `target` from byte `start` of the section. */
  const readInto = (target: Uint8Array, start: number) => {
    for (let done = 0; done < target.length; ) {
      const read = readSync(opened.handle.fd, target, done, target.length - done, offset + start + done);
      if (read === 0) throw new Error('cache file ended early');
      done += read;
    }
    return target;
  };
  const byteLength = length * KINDS[kind].BYTES_PER_ELEMENT;
  return {
    length,
    bytes: (start, end) => memory?.subarray(start, end) ?? readInto(Buffer.allocUnsafe(end - start), start),
    load() {
      const array = new KINDS[kind](length);
      readInto(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), 0);
      return array;
    },
    async preload() {
      const buffer = new Uint8Array(byteLength);
      if (await readAll(opened.handle, buffer, offset).catch(() => false)) memory = buffer;
    },
  };
}

/** The section kind of an array (a Buffer is stored as the Uint8Array it is). */
function kindOf(array: SectionArray): Kind {
  const kind = (Object.keys(KINDS) as Kind[]).find((name) => array instanceof KINDS[name]);
  if (!kind) throw new TypeError('unsupported section array');
  return kind;
}

async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    const part = bytes.subarray(offset, offset + CHUNK);
    let written = 0;
    while (written < part.length) written += (await handle.write(part, written, part.length - written)).bytesWritten;
  }
}

/** Fills `bytes` from `position`; false when the file ends first. */
async function readAll(handle: FileHandle, bytes: Uint8Array, position: number): Promise<boolean> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesRead } = await handle.read(bytes, done, Math.min(CHUNK, bytes.length - done), position + done);
    if (bytesRead === 0) return false;
    done += bytesRead;
  }
  return true;
}

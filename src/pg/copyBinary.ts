import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { INTEGER_TYPES } from './sentArrays.js';

/** The type of a column written by `copyBinaryInto`. */
export type BinaryType = 'text' | 'bytea' | 'smallint' | 'integer' | 'bigint' | 'smallint[]' | 'integer[]' | 'bigint[]';

/** A value written by `copyBinaryInto`: a text, bytes, a number, or the numbers of an array (one dimension, no nulls). */
export type BinaryValue = string | Uint8Array | number | ArrayLike<number>;

/** Bytes gathered before a chunk of a binary COPY stream is sent. */
const BINARY_CHUNK = 1 << 20;

/** The header of a binary COPY stream: its signature, no flags, no extension. */
const BINARY_HEADER = Buffer.from('PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0', 'latin1');

/**
 * Writes rows into `table` with `COPY ... FROM STDIN` in binary format: numbers and arrays of
 * numbers go as bytes, neither turned into text here nor parsed back by the server (what a
 * postings row mostly is). Every column's type must be the table's own.
 */
export async function copyBinaryInto(client: pg.ClientBase, table: string, columns: ReadonlyArray<readonly [string, BinaryType]>, rows: Iterable<readonly BinaryValue[]>): Promise<void> {
  const sql = `COPY ${table} (${columns.map(([name]) => name).join(', ')}) FROM STDIN (FORMAT binary)`;
  await pipeline(Readable.from(binaryChunks(columns.map(([, type]) => type), rows)), client.query(copyFrom(sql)));
}

/** The rows as a binary COPY stream, about `BINARY_CHUNK` bytes at a time. */
function* binaryChunks(types: readonly BinaryType[], rows: Iterable<readonly BinaryValue[]>): Generator<Buffer> {
  const out = new BinaryWriter();
  out.bytes(BINARY_HEADER);
  for (const row of rows) {
    out.int16(types.length);
    for (const [k, type] of types.entries()) out.value(type, row[k]!);
    if (out.length >= BINARY_CHUNK) yield out.take();
  }
  out.int16(-1);
  yield out.take();
}

/** Bytes of a binary COPY stream, in a buffer that grows as needed. */
class BinaryWriter {
  private buffer: Buffer = Buffer.allocUnsafe(BINARY_CHUNK * 2);
  private view: DataView = new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.byteLength);
  length = 0;

  /** The bytes written since the last `take`. */
  take(): Buffer {
    const bytes = this.buffer.subarray(0, this.length);
    this.reset(Buffer.allocUnsafe(BINARY_CHUNK * 2));
    this.length = 0;
    return bytes;
  }

  /** One field: its length, then its value as `type` sends it. */
  value(type: BinaryType, value: BinaryValue): void {
    if (type === 'text') {
      const bytes = Buffer.byteLength(value as string);
      this.room(4 + bytes);
      this.view.setInt32(this.length, bytes);
      this.length += 4 + this.buffer.write(value as string, this.length + 4);
    } else if (type === 'bytea') {
      const bytes = value as Uint8Array;
      this.room(4 + bytes.length);
      this.view.setInt32(this.length, bytes.length);
      this.length += 4;
      this.bytes(bytes);
    } else if (type.endsWith('[]')) this.array(INTEGER_TYPES[type.slice(0, -2) as keyof typeof INTEGER_TYPES], value as ArrayLike<number>);
    else {
      const { size } = INTEGER_TYPES[type as keyof typeof INTEGER_TYPES];
      this.room(4 + size);
      this.view.setInt32(this.length, size);
      this.length = this.number(size, value as number, this.length + 4);
    }
  }

  /** A one-dimensional array without nulls (no dimension when empty), its elements `size` bytes each. */
  private array({ oid, size }: { oid: number; size: number }, values: ArrayLike<number>): void {
    const dimensions = values.length ? 1 : 0;
    const bytes = 12 + 8 * dimensions + values.length * (4 + size);
    this.room(4 + bytes);
    const view = this.view;
    let at = this.length;
    view.setInt32(at, bytes);
    view.setInt32(at + 4, dimensions);
    view.setInt32(at + 8, 0);
    view.setInt32(at + 12, oid);
    at += 16;
    if (dimensions) {
      view.setInt32(at, values.length);
      view.setInt32(at + 4, 1);
      at += 8;
    }
    for (let i = 0; i < values.length; i++) {
      view.setInt32(at, size);
      at = this.number(size, values[i]!, at + 4);
    }
    this.length = at;
  }

  /** Writes `value` in `size` bytes at `at`; where it ends. */
  private number(size: number, value: number, at: number): number {
    if (size === 2) this.view.setInt16(at, value);
    else if (size === 4) this.view.setInt32(at, value);
    else {
      this.view.setInt32(at, Math.floor(value / 2 ** 32));
      this.view.setUint32(at + 4, value >>> 0);
    }
    return at + size;
  }

  int16(value: number): void {
    this.room(2);
    this.view.setInt16(this.length, value);
    this.length += 2;
  }

  bytes(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** Makes room for `bytes` more. */
  private room(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.reset(grown);
  }

  private reset(buffer: Buffer): void {
    this.buffer = buffer;
    this.view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
}

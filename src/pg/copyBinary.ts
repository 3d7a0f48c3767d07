import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { arrayLiteral } from './copy.js';

/** PostgreSQL's integer types as their binary form gives them: type oid and byte size. */
const INTEGER_TYPES = { smallint: { oid: 21, size: 2 }, integer: { oid: 23, size: 4 }, bigint: { oid: 20, size: 8 } } as const;

/** Bytes of a one-dimensional array's header after its length: dimensions, nulls flag, element type, then the dimension's length and lower bound. */
const ARRAY_HEADER = 20;

/** The oid of `text`, the elements of a `text[]`. */
const TEXT_OID = 25;

/** The version byte that starts a `jsonb` value in binary form, before the JSON text. */
const JSONB_VERSION = 1;

/** The type of a column written by `copyBinaryInto` or packed by `RowPacker`. */
export type BinaryType = 'text' | 'jsonb' | 'bytea' | 'boolean' | 'smallint' | 'integer' | 'bigint' | 'text[]' | 'smallint[]' | 'integer[]' | 'bigint[]';

/**
 * A value written by `copyBinaryInto` or packed by `RowPacker`: a text (a `jsonb` column's as its JSON text), bytes, a
 * number, a boolean, the texts or numbers of an array (one dimension, no nulls), or null.
 */
export type BinaryValue = string | Uint8Array | number | boolean | readonly string[] | ArrayLike<number> | null;

/** The most bytes UTF-8 takes for one UTF-16 unit: the room a text is given before it is written. */
export const UTF8_MOST_BYTES = 3;

/** Bytes gathered before a chunk of a binary COPY stream is sent. */
const BINARY_CHUNK = 1 << 20;

/** The header of a binary COPY stream: its signature, no flags, no extension. */
const BINARY_HEADER = Buffer.from('PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0', 'latin1');

/** The end of a binary COPY stream: a field count of -1. */
const STREAM_END = Buffer.from([0xff, 0xff]);

/** Bytes of the signature that starts a binary COPY stream (then 4 bytes of flags, and the extension's length in 4). */
const SIGNATURE_BYTES = 11;

/**
 * Writes rows into `table` with `COPY ... FROM STDIN` in binary format: numbers and arrays of
 * numbers go as bytes, neither turned into text here nor parsed back by the server (what a
 * postings row mostly is). Every column's type must be the table's own. No rows, no statement.
 */
export async function copyBinaryInto(client: pg.ClientBase, table: string, columns: ReadonlyArray<readonly [string, BinaryType]>, rows: Iterable<readonly BinaryValue[]>): Promise<void> {
  const iterator = rows[Symbol.iterator]();
  const first = iterator.next();
  if (!first.done) await copyStream(client, table, columns, binaryChunks(columns.map(([, type]) => type), first, iterator));
}

/** Sends a binary COPY stream's chunks into `table`'s `columns` (named in the stream's order). */
async function copyStream(client: pg.ClientBase, table: string, columns: ReadonlyArray<readonly [string, unknown]>, chunks: Iterable<Buffer>): Promise<void> {
  const sql = `COPY ${table} (${columns.map(([name]) => name).join(', ')}) FROM STDIN (FORMAT binary)`;
  await pipeline(Readable.from(chunks), client.query(copyFrom(sql)));
}

/** The rows (`first`, read already, then the rest of `rows`) as a binary COPY stream, about `BINARY_CHUNK` bytes at a time. */
function* binaryChunks(types: readonly BinaryType[], first: IteratorResult<readonly BinaryValue[]>, rows: Iterator<readonly BinaryValue[]>): Generator<Buffer> {
  const out = new BinaryWriter();
  out.bytes(BINARY_HEADER);
  for (let row = first; !row.done; row = rows.next()) {
    out.int16(types.length);
    for (let k = 0; k < types.length; k++) out.value(types[k]!, row.value[k]!);
    if (out.length >= BINARY_CHUNK) yield out.take();
  }
  out.bytes(STREAM_END);
  yield out.end();
}

/**
 * A table whose rows are packed for a binary COPY ahead of the numbers that start them (ids only
 * the writing thread gives, under its lock): its numbered columns, first in each row, then the others.
 */
export interface PackedTable {
  name: string;
  numbered: ReadonlyArray<readonly [string, 'integer' | 'bigint']>;
  columns: ReadonlyArray<readonly [string, BinaryType]>;
}

/**
 * Rows packed by `RowPacker`: their bytes one after another (without the stream's header and end)
 * and where each row starts (and the last ends). Its buffers are its own, to transfer between threads.
 */
export interface PackedRows {
  bytes: Uint8Array;
  starts: Uint32Array;
}

/** Packs rows of a table (`PackedTable`) for `copyPackedRows`: each row's numbered columns left as zeros, its other values as `add` gives them. */
export class RowPacker {
  private readonly out: BinaryWriter;
  private readonly starts: number[] = [];

  /** `bytes`: room for the rows foreseen, when known (the buffer otherwise doubles from `PACKER_START` as rows are added, each time copied). */
  constructor(private readonly table: PackedTable, bytes = PACKER_START) {
    this.out = new BinaryWriter(Math.max(bytes, PACKER_START));
  }

  /** The next row: the values of the table's columns after the numbered ones, in order (a row of another length is a bug, and said so). */
  add(values: readonly BinaryValue[]): void {
    const { numbered, columns } = this.table;
    if (values.length !== columns.length) throw new Error(`a ${this.table.name} row needs ${columns.length} values after its numbers, and ${values.length} were given`);
    this.starts.push(this.out.length);
    this.out.int16(numbered.length + columns.length);
    for (const [, type] of numbered) this.out.value(type, 0);
    for (let k = 0; k < columns.length; k++) this.out.value(columns[k]![1], values[k]!);
  }

  /** The rows packed (the packer is spent). */
  finish(): PackedRows {
    this.starts.push(this.out.length);
    return { bytes: this.out.end(), starts: Uint32Array.from(this.starts) };
  }
}

/**
 * Writes packed rows into `table` with a binary COPY, each numbered in place first with the values
 * `numbersOf` gives its numbered columns, or left out when it gives null (a row another writer
 * stored meanwhile). The rows' bytes are sent as they are, about `BINARY_CHUNK` at a time. Rows
 * packed for another count than the writer's `count` are a bug, and said so before anything is
 * sent. No rows, no statement.
 */
export async function copyPackedRows(client: pg.ClientBase, table: PackedTable, rows: PackedRows, count: number, numbersOf: (row: number) => readonly number[] | null): Promise<void> {
  if (rows.starts.length - 1 !== count) throw new Error(`${table.name}: ${rows.starts.length - 1} rows were packed for a batch of ${count}`);
  if (!count) return;
  await copyStream(client, table.name, [...table.numbered, ...table.columns], packedChunks(table, rows, numbersOf));
}

/** The binary COPY stream of packed rows, numbered as they are reached (see `copyPackedRows`). */
function* packedChunks(table: PackedTable, rows: PackedRows, numbersOf: (row: number) => readonly number[] | null): Generator<Buffer> {
  const bytes = Buffer.from(rows.bytes.buffer, rows.bytes.byteOffset, rows.bytes.byteLength);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Where each numbered value sits in its row: after the field count and the fields before it, past its own length.
  const places: Array<{ at: number; size: 4 | 8 }> = [];
  for (let at = 2, k = 0; k < table.numbered.length; k++) {
    const size = INTEGER_TYPES[table.numbered[k]![1]].size;
    places.push({ at: at + 4, size });
    at += 4 + size;
  }
  const { starts } = rows;
  yield BINARY_HEADER;
  // The first byte of the rows numbered since the last chunk sent (-1: none).
  let from = -1;
  for (let row = 0; row + 1 < starts.length; row++) {
    const numbers = numbersOf(row);
    if (numbers === null) {
      if (from >= 0) yield bytes.subarray(from, starts[row]);
      from = -1;
      continue;
    }
    for (let k = 0; k < places.length; k++) setNumber(view, places[k]!.size, numbers[k]!, starts[row]! + places[k]!.at);
    if (from < 0) from = starts[row]!;
    if (starts[row + 1]! - from >= BINARY_CHUNK) {
      yield bytes.subarray(from, starts[row + 1]);
      from = -1;
    }
  }
  if (from >= 0) yield bytes.subarray(from, starts[starts.length - 1]);
  yield STREAM_END;
}

/** Writes `value` in `size` bytes (an integer's binary form) at `at` of `view`; where it ends. */
function setNumber(view: DataView, size: number, value: number, at: number): number {
  if (size === 2) view.setInt16(at, value);
  else if (size === 4) view.setInt32(at, value);
  else {
    view.setInt32(at, Math.floor(value / 2 ** 32));
    view.setUint32(at + 4, value >>> 0);
  }
  return at + size;
}

/** Bytes a `RowPacker` starts with (its buffer doubles as rows are added). */
const PACKER_START = 1 << 16;

/**
 * Bytes of a binary COPY stream, in a buffer that grows as needed. Its buffers are never slices of
 * Node's shared pool, so the bytes it gives can be transferred to another thread.
 */
class BinaryWriter {
  private buffer!: Buffer;
  private view!: DataView;
  length = 0;

  constructor(private readonly size = BINARY_CHUNK * 2) {
    this.reset(Buffer.allocUnsafeSlow(size));
  }

  /** The bytes written since the last `take`; the writer goes on in a new buffer. */
  take(): Buffer {
    const bytes = this.end();
    this.reset(Buffer.allocUnsafeSlow(this.size));
    this.length = 0;
    return bytes;
  }

  /** The bytes written since the last `take`, when nothing more will be written. */
  end(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  /** One field: its length, then its value as `type` sends it (a null: its length, -1, alone). */
  value(type: BinaryType, value: BinaryValue): void {
    if (value === null) this.int32(-1);
    else if (type === 'text') this.text(value as string, 0);
    else if (type === 'jsonb') this.text(value as string, 1);
    else if (type === 'text[]') this.texts(value as readonly string[]);
    else if (type === 'boolean') {
      this.room(5);
      this.view.setInt32(this.length, 1);
      this.buffer[this.length + 4] = value ? 1 : 0;
      this.length += 5;
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
      this.length = setNumber(this.view, size, value as number, this.length + 4);
    }
  }

  /**
   * A text in UTF-8 after its length, and after the version byte when `version` is 1 (`jsonb`):
   * room is made for the longest encoding (3 bytes a UTF-16 unit), so the text is read once.
   */
  private text(text: string, version: 0 | 1): void {
    this.room(4 + version + UTF8_MOST_BYTES * text.length);
    const at = this.length;
    if (version) this.buffer[at + 4] = JSONB_VERSION;
    const bytes = this.buffer.write(text, at + 4 + version);
    this.view.setInt32(at, version + bytes);
    this.length = at + 4 + version + bytes;
  }

  /** A one-dimensional array of texts without nulls (no dimension when empty), its length written once its texts are. */
  private texts(texts: readonly string[]): void {
    this.room(4 + ARRAY_HEADER);
    const at = this.length;
    this.length = this.arrayHeader(TEXT_OID, texts.length, at + 4);
    for (const text of texts) this.text(text, 0);
    this.view.setInt32(at, this.length - at - 4);
  }

  /** An array's header after its length (at `at`): one dimension of `count` elements from 1 (none when empty), no nulls, elements of type `oid`; where it ends. */
  private arrayHeader(oid: number, count: number, at: number): number {
    const view = this.view;
    view.setInt32(at, count ? 1 : 0);
    view.setInt32(at + 4, 0);
    view.setInt32(at + 8, oid);
    if (!count) return at + 12;
    view.setInt32(at + 12, count);
    view.setInt32(at + 16, 1);
    return at + 20;
  }

  /** A one-dimensional array without nulls (no dimension when empty), its elements `size` bytes each. */
  private array({ oid, size }: { oid: number; size: number }, values: ArrayLike<number>): void {
    const bytes = (values.length ? ARRAY_HEADER : ARRAY_HEADER - 8) + values.length * (4 + size);
    this.room(4 + bytes);
    const view = this.view;
    view.setInt32(this.length, bytes);
    let at = this.arrayHeader(oid, values.length, this.length + 4);
    // One loop per element size (the postings rows' millions of elements): no choice made per element.
    if (size === 8) {
      for (let i = 0; i < values.length; i++, at += 12) {
        const value = values[i]!;
        view.setInt32(at, 8);
        view.setInt32(at + 4, Math.floor(value / 2 ** 32));
        view.setUint32(at + 8, value >>> 0);
      }
    } else if (size === 4) {
      for (let i = 0; i < values.length; i++, at += 8) {
        view.setInt32(at, 4);
        view.setInt32(at + 4, values[i]!);
      }
    } else {
      for (let i = 0; i < values.length; i++, at += 6) {
        view.setInt32(at, 2);
        view.setInt16(at + 4, values[i]!);
      }
    }
    this.length = at;
  }

  /** A 16-bit integer (a row's field count). */
  int16(value: number): void {
    this.room(2);
    this.view.setInt16(this.length, value);
    this.length += 2;
  }

  /** A 32-bit integer (a null's length). */
  int32(value: number): void {
    this.room(4);
    this.view.setInt32(this.length, value);
    this.length += 4;
  }

  /** Bytes as they are. */
  bytes(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** Makes room for `bytes` more. */
  private room(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.reset(grown);
  }

  private reset(buffer: Buffer): void {
    this.buffer = buffer;
    this.view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
}

/** A value of `copyBinaryOut`'s query: a text, a number, or texts or numbers (an array literal). */
export type CopyOutValue = string | number | readonly string[] | ArrayLike<number>;

/** The prefix of the session settings holding `copyBinaryOut`'s values (`news_archive.copy_1`, …). */
const COPY_VALUE_SETTING = 'news_archive.copy_';

/**
 * The rows `query` gives, read with `COPY (query) TO STDOUT` in binary format: each row's fields as
 * their bytes as the server sends them (big-endian numbers, a bytea's own bytes), null for a null,
 * slices of one buffer. node-pg reads every value of a result as text (a bytea in hex, twice its
 * size); a COPY stream reaches the bot as bytes. COPY takes no parameters, so `values` go first, in
 * a parameterised statement, into settings local to the caller's transaction (it must be in one),
 * which `query` reads where it says `$1`, `$2`, … (as texts: cast them; no `$` elsewhere in it).
 * One call at a time on a client: a second's values would replace the first's.
 */
export async function copyBinaryOut(client: pg.ClientBase, query: string, values: readonly CopyOutValue[] = []): Promise<Array<Array<Buffer | null>>> {
  const read = query.replace(/\$(\d+)/g, (_, n: string) => {
    if (!(Number(n) >= 1 && Number(n) <= values.length)) throw new RangeError(`copyBinaryOut: the query reads $${n}, and ${values.length} values were given`);
    return `current_setting('${COPY_VALUE_SETTING}${n}')`;
  });
  if (values.length) {
    const texts = values.map((value) => (typeof value === 'object' ? arrayLiteral(value) : String(value)));
    // The settings' values are not sent back.
    await client.query(`SELECT 1 FROM (SELECT ${texts.map((_, i) => `set_config('${COPY_VALUE_SETTING}${i + 1}', $${i + 1}, true)`).join(', ')}) AS settings`, texts);
  }
  const stream = await client.query(new CopyOut(`COPY (${read}) TO STDOUT (FORMAT binary)`)).received;
  // The signature, then flags whose high half must be clear (bits a reader must understand: none are defined).
  if (!stream.subarray(0, SIGNATURE_BYTES).equals(BINARY_HEADER.subarray(0, SIGNATURE_BYTES)) || stream.readUInt16BE(SIGNATURE_BYTES) !== 0) {
    throw new Error('COPY TO STDOUT did not send a binary COPY stream this reader knows');
  }
  let at = SIGNATURE_BYTES + 8 + stream.readInt32BE(SIGNATURE_BYTES + 4);
  const rows: Array<Array<Buffer | null>> = [];
  for (let fields = stream.readInt16BE(at); fields !== -1; fields = stream.readInt16BE(at)) {
    at += 2;
    const row: Array<Buffer | null> = [];
    for (let f = 0; f < fields; f++) {
      const length = stream.readInt32BE(at);
      at += 4;
      row.push(length === -1 ? null : stream.subarray(at, at + length));
      at += Math.max(0, length);
    }
    rows.push(row);
  }
  return rows;
}

/**
 * A `COPY … TO STDOUT` statement as node-pg runs a query of its own kind: the driver parses every
 * message and hands this the data messages' bytes, its errors (the server's, or the connection
 * ended, as for any query) and the end of the statement. pg-copy-streams' reader takes the socket
 * from the driver instead, and a server restart in the middle of its stream could leave it waiting
 * forever (seen in about one run in four of 4,000 statements across a restart).
 */
class CopyOut implements pg.Submittable {
  /** All the data the statement sent, once it ended; its error when it failed. */
  readonly received: Promise<Buffer>;
  private readonly chunks: Buffer[] = [];
  private failed = false;
  private resolve!: (bytes: Buffer) => void;
  private reject!: (error: Error) => void;

  constructor(private readonly text: string) {
    this.received = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  submit(connection: pg.Connection): void {
    connection.query(this.text);
  }

  /** A data message: its bytes copied, since the driver's parser reuses its buffer. */
  handleCopyData(message: { chunk: Buffer }): void {
    this.chunks.push(Buffer.from(message.chunk));
  }

  /** Set by node-pg when it times the statement (a pool's read timeout): told of its end, which stops the timer. */
  callback?: (error: Error | null) => void;

  handleError(error: Error): void {
    this.failed = true;
    this.callback?.(error);
    this.reject(error);
  }

  handleReadyForQuery(): void {
    if (this.failed) return;
    this.callback?.(null);
    this.resolve(Buffer.concat(this.chunks));
  }

  // The driver's other messages for a query: none carries anything a COPY … TO statement needs.
  handleCommandComplete(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
}

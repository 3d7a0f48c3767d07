/** Windows-1256 as a table from characters to bytes (the inverse of the decoder Node ships with full ICU). */
const CP1256 = new Map<string, number>();
const decoder = new TextDecoder('windows-1256');
for (let byte = 0; byte < 256; byte++) CP1256.set(decoder.decode(Uint8Array.of(byte)), byte);

/** Encodes text as Windows-1256 bytes, as old Arabic archives store it. */
export function windows1256(text: string): Buffer {
  return Buffer.from(
    [...text].map((char) => {
      const byte = CP1256.get(char);
      if (byte === undefined) throw new Error(`no Windows-1256 byte for U+${char.codePointAt(0)!.toString(16)}`);
      return byte;
    }),
  );
}

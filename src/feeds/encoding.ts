/** Turns fetched bytes into text by the charset the server or the document declares (windows-1256 included). */

/** The charset named by a Content-Type header, an XML declaration or an HTML `<meta>`, lower-cased; null when none is. */
export function declaredCharset(body: Buffer, contentType: string | undefined): string | null {
  const header = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '');
  if (header) return header[1]!.toLowerCase();
  // Declarations are ASCII, so the document's first bytes read as Latin-1 find them whatever the encoding.
  const head = body.subarray(0, 2048).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1]!.toLowerCase();
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return meta ? meta[1]!.toLowerCase() : null;
}

/** Decodes a response body: a byte order mark first, then the declared charset, UTF-8 when none or unknown. */
export function decodeBody(body: Buffer, contentType: string | undefined): string {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return new TextDecoder('utf-8').decode(body.subarray(3));
  const charset = declaredCharset(body, contentType) ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

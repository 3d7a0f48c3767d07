/**
 * One HTTP GET with every guard a URL typed by a stranger needs: http/https only, no loopback, private or link-local
 * address (checked on every resolved address, after every redirect), connect and total timeouts, a size cap on the
 * decoded body, a redirect limit, gzip/deflate/brotli.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import ipaddr from 'ipaddr.js';

/** What one fetch may cost. */
export interface FetchLimits {
  /** Time to open the connection (DNS, TCP, TLS). Default 10 s. */
  connectTimeoutMs: number;
  /** Time for the whole response, body included: a server that trickles bytes is cut here. Default 30 s. */
  totalTimeoutMs: number;
  /** Largest body accepted, after decompression. Default 5 MB. */
  maxBytes: number;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects: number;
  /** Allow loopback, private and link-local addresses (`FEEDS_ALLOW_PRIVATE`): tests and intranets. Default false. */
  allowPrivate: boolean;
  /** Sent with every request: names the bot and where to read about it. */
  userAgent: string;
}

/** The limits of a fetch unless the caller says otherwise. */
export const DEFAULT_LIMITS: FetchLimits = {
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  allowPrivate: false,
  userAgent: 'news-archive-bot/0.1 (+feed reader of a Discord news archive bot)',
};

/** Why a fetch failed, as a short code `/archive feeds list` and the metrics show. */
export type FetchErrorCode = 'bad-url' | 'blocked-address' | 'timeout' | 'too-large' | 'too-many-redirects' | 'network' | 'robots' | 'http-status';

/** A fetch that failed; the message says what happened in a person's words. */
export class FetchError extends Error {
  constructor(
    readonly code: FetchErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A response received in full (any status; the caller decides what a 404 means). */
export interface FetchedPage {
  /** The URL finally answered, after redirects. */
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** True for an address a public site may have: not loopback, private, link-local, multicast, reserved or unspecified. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** Throws unless `raw` is an http(s) URL, and (unless private addresses are allowed) its host is not a private IP literal. */
export function checkUrl(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchError('bad-url', `not a URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError('bad-url', `only http and https URLs are fetched, not ${url.protocol}`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && isIP(host) && !isPublicAddress(host)) throw new FetchError('blocked-address', `${host} is a private, loopback or link-local address`);
  return url;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A DNS lookup that refuses names resolving to any non-public address (the SSRF guard after DNS). */
function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const blocked = addresses.find((a) => !isPublicAddress(a.address));
    if (blocked) return callback(new FetchError('blocked-address', `${hostname} resolves to ${blocked.address}, a private, loopback or link-local address`), []);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

/** The body stream of a response, decompressed by its Content-Encoding. */
function decoded(response: IncomingMessage): Readable {
  const encoding = String(response.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return response.pipe(createGunzip());
  if (encoding === 'deflate') return response.pipe(createInflate());
  if (encoding === 'br') return response.pipe(createBrotliDecompress());
  return response;
}

/** One request, no redirects followed. */
function requestOnce(url: URL, headers: Record<string, string>, limits: FetchLimits): Promise<FetchedPage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.get(url, {
      headers: { 'user-agent': limits.userAgent, 'accept-encoding': 'gzip, deflate, br', ...headers },
      ...(limits.allowPrivate ? {} : { lookup: guardedLookup as never }),
    });
    const fail = (error: Error) => {
      clearTimeout(connectTimer);
      clearTimeout(totalTimer);
      request.destroy();
      reject(error instanceof FetchError ? error : new FetchError('network', error.message || String(error)));
    };
    const connectTimer = setTimeout(() => fail(new FetchError('timeout', `no connection within ${limits.connectTimeoutMs / 1000} s`)), limits.connectTimeoutMs);
    const totalTimer = setTimeout(() => fail(new FetchError('timeout', `no complete answer within ${limits.totalTimeoutMs / 1000} s`)), limits.totalTimeoutMs);
    request.on('socket', (socket) => {
      // A kept-alive socket is connected already; a new one is watched until it connects, and no longer.
      if (!socket.connecting) return clearTimeout(connectTimer);
      const event = url.protocol === 'https:' ? 'secureConnect' : 'connect';
      const connected = () => clearTimeout(connectTimer);
      socket.once(event, connected);
      request.once('close', () => socket.off(event, connected));
    });
    request.on('error', fail);
    request.on('response', (response) => {
      clearTimeout(connectTimer);
      const declared = Number(response.headers['content-length']);
      if (declared > limits.maxBytes) return fail(new FetchError('too-large', `the answer is ${declared} bytes, over the ${limits.maxBytes}-byte cap`));
      const chunks: Buffer[] = [];
      let size = 0;
      const body = decoded(response);
      body.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxBytes) return fail(new FetchError('too-large', `the answer went over the ${limits.maxBytes}-byte cap`));
        chunks.push(chunk);
      });
      body.on('error', fail);
      response.on('error', fail);
      body.on('end', () => {
        clearTimeout(totalTimer);
        resolve({ url: url.href, status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) });
      });
    });
  });
}

/**
 * GETs `raw`, following up to `maxRedirects` redirects, each hop checked like the first; `beforeEach` runs before every
 * request (the fetcher's robots.txt check and per-host turn) and may throw to stop.
 */
export async function fetchGuarded(raw: string, headers: Record<string, string>, limits: FetchLimits, beforeEach?: (url: URL) => Promise<void>): Promise<FetchedPage> {
  let url = checkUrl(raw, limits.allowPrivate);
  for (let hop = 0; ; hop++) {
    await beforeEach?.(url);
    const page = await requestOnce(url, headers, limits);
    const location = page.headers.location;
    if (!REDIRECTS.has(page.status) || !location) return page;
    if (hop >= limits.maxRedirects) throw new FetchError('too-many-redirects', `more than ${limits.maxRedirects} redirects`);
    url = checkUrl(new URL(location, url).href, limits.allowPrivate);
  }
}

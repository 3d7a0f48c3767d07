/**
 * An HTTP proxy in front of the fake Discord's REST API that can hold chosen requests for a while, so a test can
 * catch the bot with a reply in flight (SIGTERM, a busy concurrency slot). The gateway is not proxied: the URL the
 * bot connects to comes from the fake's own `GET /gateway/bot` answer.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Waiters } from '../support/waiters.js';

/** One request the proxy saw: when it arrived and whether it was held. */
export interface ProxiedRequest {
  method: string;
  /** Path below `/api/v10`, percent-decoded (as the fake records it). */
  path: string;
  arrivedAt: number;
  delayed: number;
  /** When its answer went back to the bot (undefined while held or forwarded). */
  answeredAt?: number;
}

/** Which requests to hold, and for how long (ms; 0 to pass straight through). */
export type DelayRule = (request: { method: string; path: string }) => number;

/** A running proxy: `apiUrl` goes into DISCORD_API_URL instead of the fake's. */
export interface DelayProxy {
  apiUrl: string;
  seen: ProxiedRequest[];
  /** Replaces the rule; requests already held keep their delay. */
  setRule(rule: DelayRule): void;
  /** Resolves once a request matching `match` has arrived (not necessarily been forwarded). */
  waitForRequest(match: (r: ProxiedRequest) => boolean, timeoutMs?: number): Promise<ProxiedRequest>;
  stop(): Promise<void>;
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts a proxy on 127.0.0.1 (at `port`, or any free one) that forwards `/api/...` to `targetApiUrl` (e.g. `fake.apiUrl`). */
export async function startDelayProxy(targetApiUrl: string, initial: DelayRule = () => 0, port = 0): Promise<DelayProxy> {
  let rule = initial;
  const seen: ProxiedRequest[] = [];
  const waiters = new Waiters('proxy');
  const target = new URL(targetApiUrl);
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, '');
    const method = req.method ?? 'GET';
    const delayed = rule({ method, path });
    const record: ProxiedRequest = { method, path, arrivedAt: performance.now(), delayed };
    seen.push(record);
    waiters.notify();
    try {
      const body = await readAll(req);
      if (delayed > 0) await new Promise((resolve) => setTimeout(resolve, delayed));
      const headers = Object.fromEntries(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k) ? [[k, v]] : [])));
      const answer = await fetch(`${target.origin}${url.pathname}${url.search}`, { method, headers, ...(body.length ? { body: new Uint8Array(body) } : {}) });
      const out = Buffer.from(await answer.arrayBuffer());
      const type = answer.headers.get('content-type');
      res.writeHead(answer.status, type ? { 'content-type': type } : {});
      res.end(out);
      record.answeredAt = performance.now();
    } catch (error) {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 0, message: `proxy: ${String(error)}` }));
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}${target.pathname}`,
    seen,
    setRule(next) {
      rule = next;
    },
    waitForRequest(match, timeoutMs = 5000) {
      return waiters.waitFor('matching request', { timeout: timeoutMs }, () => seen.find(match));
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

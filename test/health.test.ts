import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoginStatus } from '../src/discord/login.js';
import { startHealthServer } from '../src/health.js';
import { createMetrics } from '../src/metrics.js';

let close: (() => void) | undefined;
afterEach(() => close?.());

const LOGIN: LoginStatus = { attempts: 3, lastError: 'ECONNREFUSED', nextRetryInMs: 3900 };

async function serve(gateway: boolean, index: boolean, articles: number | null = 1, login?: LoginStatus | null) {
  const metrics = createMetrics();
  const checks = { gatewayConnected: () => gateway, indexLoaded: () => index, articles: () => articles, ...(login !== undefined && { login: () => login }) };
  const server = await startHealthServer(0, checks, metrics, '127.0.0.1');
  close = () => server.close();
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, metrics };
}

describe('health server', () => {
  it('answers 200 on /healthz when connected and loaded', async () => {
    const { base } = await serve(true, true);
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, gateway: true, index: true });
  });

  it('names an empty archive as a warning', async () => {
    const { base } = await serve(true, true, 0);
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, gateway: true, index: true, articles: 0, warning: 'the archive is empty: no article was loaded from the corpus folder' });
  });

  it('answers 503 with the reason when the gateway is down', async () => {
    const { base } = await serve(false, true);
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ ok: false, gateway: false, index: true });
  });

  it('names the login attempts while the bot is logging in, not once connected nor in a later outage', async () => {
    const retrying = await serve(false, true, 1, LOGIN);
    const response = await fetch(`${retrying.base}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ ok: false, gateway: false, index: true, login: LOGIN });
    close?.();
    const connected = await serve(true, true, 1, LOGIN);
    expect(await (await fetch(`${connected.base}/healthz`)).json()).toEqual({ ok: true, gateway: true, index: true });
    close?.();
    const laterOutage = await serve(false, true, 1, null);
    expect(await (await fetch(`${laterOutage.base}/healthz`)).json()).toEqual({ ok: false, gateway: false, index: true });
  });

  it('serves Prometheus metrics with commands by name and outcome, latency and archive size', async () => {
    const { base, metrics } = await serve(true, true);
    metrics.commandServed('ask', 'ok', 0.012);
    metrics.commandServed('ask', 'rate-limited', 0.001);
    metrics.archiveLoaded({ articles: 1, passages: 15, sources: 1, quotations: 18, firstDate: null, lastDate: null, rejectedFiles: 2, skippedFiles: 0, loadedAt: '', origin: 'build' });
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('bot_commands_total{command="ask",outcome="ok"} 1');
    expect(text).toContain('bot_commands_total{command="ask",outcome="rate-limited"} 1');
    expect(text).toContain('bot_command_seconds_bucket{le="0.025",command="ask"} 2');
    expect(text).toContain('archive_size{kind="quotations"} 18');
    expect(text).toContain('corpus_rejected_files 2');
  });

  it('answers 404 elsewhere and 405 for other methods', async () => {
    const { base } = await serve(true, true);
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
  });
});

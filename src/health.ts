import { type Server, createServer } from 'node:http';
import type { LoginStatus } from './discord/login.js';
import type { Metrics } from './metrics.js';

/** What `/healthz` reports on. */
export interface HealthChecks {
  /** The Discord gateway connection is up. */
  gatewayConnected(): boolean;
  /** The archive's index is loaded. */
  indexLoaded(): boolean;
  /** Articles in the loaded archive (null before it is loaded): an empty archive is reported as a warning. */
  articles(): number | null;
  /** Its login attempts until it has connected, null after (reported as `login`). */
  login?(): LoginStatus | null;
}

/**
 * The optional health and metrics listener (`HEALTH_PORT`): `/healthz` answers 200 when the bot
 * is connected and its index loaded (503 otherwise, with the reasons and, until it has connected, the login attempts; an empty
 * archive is named as a warning), `/metrics` in Prometheus text.
 */
export function startHealthServer(port: number, checks: HealthChecks, metrics: Metrics, host = '0.0.0.0'): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET') {
      response.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    if (path === '/healthz') {
      const status = { gateway: checks.gatewayConnected(), index: checks.indexLoaded() };
      const healthy = status.gateway && status.index;
      const articles = checks.articles();
      const detail = articles === 0 ? { articles, warning: 'the archive is empty: no article was loaded from the corpus folder' } : {};
      const login = checks.login?.();
      const attempts = !status.gateway && login ? { login } : {};
      response.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: healthy, ...status, ...attempts, ...detail }));
      return;
    }
    if (path === '/metrics') {
      metrics.registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
        () => response.writeHead(500).end(),
      );
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

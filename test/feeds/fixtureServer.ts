/** A local HTTP server on 127.0.0.1 serving fixture feeds and pages, routes changeable while it runs. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Answers one request. */
export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A running fixture server. */
export interface FixtureServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Sets (or replaces) the handler of a path. */
  route(path: string, handler: Handler): void;
  /** The requests received: their path, headers and arrival time (`Date.now()`). */
  requests: Array<{ path: string; headers: IncomingMessage['headers']; at: number }>;
  close(): Promise<void>;
}

/** A handler that answers `body` with a status and headers. */
export const serve =
  (body: string | Buffer, headers: Record<string, string> = {}, status = 200): Handler =>
  (_request, response) => {
    response.writeHead(status, headers);
    response.end(body);
  };

/** Starts the server; unknown paths get 404 (robots.txt included: everything allowed). */
export async function startFixtureServer(): Promise<FixtureServer> {
  const routes = new Map<string, Handler>();
  const requests: FixtureServer['requests'] = [];
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({ path, headers: request.headers, at: Date.now() });
    const handler = routes.get(path) ?? routes.get(path.split('?')[0]!);
    if (handler) handler(request, response);
    else serve('not found', { 'content-type': 'text/plain' }, 404)(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    route: (path, handler) => routes.set(path, handler),
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

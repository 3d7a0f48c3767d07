/**
 * A Discord that fails the way a real one can at login, for the login end-to-end tests: it refuses the token
 * over REST, or hands out a gateway that cannot be reached or that refuses the token. (The fake Discord accepts any
 * token and always answers; for an unreachable Discord, point DISCORD_API_URL at `freePort()`.)
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

/** A port on 127.0.0.1 that nothing listens on (the OS picks a free one, which is released at once). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * How the stub fails: `refuse-token` answers 401 to every REST call (as Discord does to a wrong token);
 * `gateway-unreachable` and `gateway-refuses-token` answer `GET /gateway/bot` with a gateway on a closed port, or
 * one that closes every connection with 4004 (Authentication failed).
 */
export type StubFailure = 'refuse-token' | 'gateway-unreachable' | 'gateway-refuses-token';

/** A running stub: `apiUrl` goes into DISCORD_API_URL; `requests` lists the REST calls (`GET /api/v10/gateway/bot`). */
export interface StubDiscord {
  apiUrl: string;
  requests: string[];
  stop(): Promise<void>;
}

/** Starts a stub Discord on 127.0.0.1 that fails as `failure` says. */
export async function startStubDiscord(failure: StubFailure): Promise<StubDiscord> {
  const requests: string[] = [];
  const closedPort = await freePort();
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    if (failure === 'refuse-token') {
      response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ message: '401: Unauthorized', code: 0 }));
      return;
    }
    const port = failure === 'gateway-unreachable' ? closedPort : (server.address() as AddressInfo).port;
    const limit = { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url: `ws://127.0.0.1:${port}/gateway`, shards: 1, session_start_limit: limit }));
  });
  const gateway = new WebSocketServer({ server });
  gateway.on('connection', (socket) => socket.close(4004, 'Authentication failed.'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`,
    requests,
    async stop() {
      for (const socket of gateway.clients) socket.terminate();
      gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

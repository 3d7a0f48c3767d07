import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayOpcodes,
  type GatewayDispatchPayload,
  type GatewayGuildCreateDispatchData,
  type GatewayInteractionCreateDispatchData,
  type GatewayReadyDispatchData,
  type GatewayReceivePayload,
  type GatewaySendPayload,
} from 'discord-api-types/v10';
import { WebSocket, WebSocketServer } from 'ws';

/** How a client's current connection got ready. */
export type ReadyKind = 'identified' | 'resumed';

/** A session's shard as sent in IDENTIFY: `[shard_id, num_shards]`; `[0, 1]` when the client does not shard. */
export type ShardPair = [id: number, count: number];

/** The shard that receives a guild's events, Discord's formula: `(guild_id >> 22) % num_shards`; DMs go to shard 0. */
export function shardForGuild(guildId: string | undefined, count: number): number {
  return guildId === undefined ? 0 : Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/** What the gateway announces and whom it tells about state changes. */
export interface GatewayConfig {
  /** `ws://…/gateway`, also sent as `resume_gateway_url`. */
  url: string;
  heartbeatInterval: number;
  /** The READY payload for a new session (the session id is filled in). */
  readyData(): Omit<GatewayReadyDispatchData, 'session_id' | 'resume_gateway_url' | 'shard'>;
  /** Called whenever a client becomes ready, so waiters can look again. */
  onChange(): void;
}

/** One gateway session: survives disconnects until the client re-identifies or closes with 1000/1001. */
interface Session {
  id: string;
  token: string;
  seq: number;
  /** Dispatches not yet acknowledged by a heartbeat, replayed on RESUME. */
  unacked: GatewayDispatchPayload[];
  shard: ShardPair;
  socket?: WebSocket;
  ready?: ReadyKind;
}

/**
 * A Discord gateway (v10, JSON text frames) for clients such as discord.js's WebSocketShard. A `compress` query
 * parameter is ignored: discord.js reads text frames as plain JSON even when it asked for zlib-stream.
 */
export class FakeGateway {
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  /** The servers the bot is in: each shard lists its own in READY, then gets their GUILD_CREATE. */
  private readonly guilds = new Map<string, GatewayGuildCreateDispatchData>();

  constructor(private readonly config: GatewayConfig) {}

  /** Takes over an HTTP upgrade request for the gateway path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(req, socket, head, (ws) => this.connect(ws, new URL(req.url ?? '/', 'ws://fake').searchParams));
  }

  /** How the first live, ready connection got ready, if there is one. */
  ready(): ReadyKind | undefined {
    return [...this.sessions.values()].find((s) => s.socket && s.ready)?.ready;
  }

  /** The shard ids of the live, ready sessions, ascending. */
  liveShards(): number[] {
    return [...this.sessions.values()].filter((s) => s.socket && s.ready).map((s) => s.shard[0]).sort((a, b) => a - b);
  }

  /**
   * Sends INTERACTION_CREATE to the session of the shard owning the interaction's guild (shard 0 for DMs) and returns
   * that shard's id; a disconnected session gets it when it resumes.
   */
  dispatchInteraction(interaction: GatewayInteractionCreateDispatchData): number {
    const owner = this.owner(interaction.guild_id);
    this.dispatch(owner, { op: 0, t: GatewayDispatchEvents.InteractionCreate, d: interaction, s: 0 });
    return owner.shard[0];
  }

  /** The bot joins a server: GUILD_CREATE to the shard owning it, now and whenever that shard identifies again; returns the shard. */
  addGuild(guild: GatewayGuildCreateDispatchData): number {
    this.guilds.set(guild.id, guild);
    const owner = this.owner(guild.id);
    this.dispatch(owner, { op: 0, t: GatewayDispatchEvents.GuildCreate, d: guild, s: 0 });
    return owner.shard[0];
  }

  /** The session of the shard that receives the guild's events: `(guild_id >> 22) % num_shards`, shard 0 for DMs. */
  private owner(guildId: string | undefined): Session {
    if (this.sessions.size === 0) throw new Error('fake Discord: no gateway session; log a client in first');
    const owner = [...this.sessions.values()].find((s) => shardForGuild(guildId, s.shard[1]) === s.shard[0]);
    if (!owner) throw new Error(`fake Discord: no gateway session for the shard of guild ${guildId ?? '(DM)'}; identify every shard first`);
    return owner;
  }

  /** Closes every connection with `code`, keeping the sessions so clients can resume (4000 and 1001 are resumable). */
  disconnect(code: number): void {
    for (const session of this.sessions.values()) {
      const { socket } = session;
      session.socket = undefined;
      session.ready = undefined;
      socket?.close(code, 'fake Discord disconnect');
    }
  }

  /** Terminates every connection and the WebSocket server. */
  close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    this.sessions.clear();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private connect(ws: WebSocket, params: URLSearchParams): void {
    if (params.get('v') !== '10') return ws.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
    if ((params.get('encoding') ?? 'json') !== 'json') return ws.close(GatewayCloseCodes.DecodeError, 'Only JSON encoding here');
    let session: Session | undefined;
    send(ws, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.config.heartbeatInterval }, s: null, t: null });
    ws.on('message', (data, isBinary) => {
      let payload: GatewaySendPayload;
      try {
        payload = JSON.parse(isBinary ? '' : data.toString()) as GatewaySendPayload;
      } catch {
        return ws.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
      }
      if (payload.op === GatewayOpcodes.Heartbeat) {
        const acked = payload.d;
        if (session && typeof acked === 'number') session.unacked = session.unacked.filter((p) => p.s > acked);
        return send(ws, { op: GatewayOpcodes.HeartbeatAck, d: undefined, s: null, t: null });
      }
      if (payload.op === GatewayOpcodes.Identify) {
        if (session) return ws.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
        session = this.identify(ws, payload.d.token, payload.d.shard);
      } else if (payload.op === GatewayOpcodes.Resume) {
        if (session) return ws.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
        session = this.resume(ws, payload.d.session_id, payload.d.seq);
      } else if (!session) {
        return ws.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
      }
    });
    ws.on('close', (code) => {
      if (!session || session.socket !== ws) return;
      session.socket = undefined;
      session.ready = undefined;
      if (code === 1000 || code === 1001) this.sessions.delete(session.id);
    });
  }

  private identify(ws: WebSocket, token: string, requested: ShardPair | undefined): Session | undefined {
    if (!token) {
      ws.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return undefined;
    }
    const shard: ShardPair = requested ?? [0, 1];
    const refusal = this.shardRefusal(token, shard);
    if (refusal) {
      ws.close(refusal.code, refusal.reason);
      return undefined;
    }
    // A disconnected session of this shard (or of another shard count) is dead once a client identifies instead of resuming.
    for (const old of this.sessions.values()) if (old.token === token && (old.shard[0] === shard[0] || old.shard[1] !== shard[1])) this.sessions.delete(old.id);
    const session: Session = { id: randomBytes(16).toString('hex'), token, seq: 0, unacked: [], shard, socket: ws, ready: 'identified' };
    this.sessions.set(session.id, session);
    const own = [...this.guilds.values()].filter((g) => shardForGuild(g.id, shard[1]) === shard[0]);
    const d: GatewayReadyDispatchData = {
      ...this.config.readyData(),
      guilds: own.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.config.url,
      ...(requested && { shard: requested }),
    };
    this.dispatch(session, { op: 0, t: GatewayDispatchEvents.Ready, d, s: 0 });
    for (const guild of own) this.dispatch(session, { op: 0, t: GatewayDispatchEvents.GuildCreate, d: guild, s: 0 });
    this.config.onChange();
    return session;
  }

  /**
   * Why Discord would refuse this shard: 4010 Invalid shard for an id outside `[0, count)` or a count other than the
   * live sessions' (their guilds would have two owners), 4005 Already authenticated while another connection holds it.
   */
  private shardRefusal(token: string, [id, count]: ShardPair): { code: number; reason: string } | undefined {
    if (!Number.isInteger(count) || count < 1 || !Number.isInteger(id) || id < 0 || id >= count) {
      return { code: GatewayCloseCodes.InvalidShard, reason: 'Invalid shard.' };
    }
    const live = [...this.sessions.values()].filter((s) => s.token === token && s.socket);
    if (live.some((s) => s.shard[1] !== count)) return { code: GatewayCloseCodes.InvalidShard, reason: 'Invalid shard: the shard count differs from the live sessions.' };
    if (live.some((s) => s.shard[0] === id)) return { code: GatewayCloseCodes.AlreadyAuthenticated, reason: 'Already authenticated: this shard has a live session.' };
    return undefined;
  }

  private resume(ws: WebSocket, sessionId: string, seq: number): Session | undefined {
    const session = this.sessions.get(sessionId);
    if (!session) {
      send(ws, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return undefined;
    }
    session.socket?.terminate();
    session.socket = ws;
    for (const payload of session.unacked) if (payload.s > seq) send(ws, payload);
    session.ready = 'resumed';
    this.dispatch(session, { op: 0, t: GatewayDispatchEvents.Resumed, d: undefined, s: 0 });
    this.config.onChange();
    return session;
  }

  /** Numbers a dispatch, keeps it for replay, and sends it if the session is connected. */
  private dispatch(session: Session, payload: GatewayDispatchPayload): void {
    const numbered = { ...payload, s: ++session.seq };
    session.unacked.push(numbered);
    if (session.socket) send(session.socket, numbered);
  }
}

function send(ws: WebSocket, payload: GatewayReceivePayload): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(payload));
}

/**
 * What a RealtimeConnection is given by its server: limits, and the shared
 * services every connection uses. Built once per server (realtime-server.ts).
 */
import { type Logger } from "pino";
import { type HelloAuthenticator } from "./auth.ts";
import { type RealtimeSession, type SessionLink } from "./delivery/session.ts";
import { type RealtimeMetrics } from "./metrics.ts";
import { type TokenBucketOptions } from "./token-bucket.ts";
import type { Corkable } from "@parley/api/batching/write-coalescing";

export interface ConnectionLimits {
  /** A socket must be authenticated this long after the upgrade, or it is closed with 4401. */
  authTimeoutMs: number;
  frameBurst: number;
  frameRatePerSecond: number;
  /** Bad or rate-limited frames tolerated; the one that reaches this count closes with 1008. */
  maxOffences: number;
  /** One offence is forgiven per this many seconds, so a long-lived socket is not closed for rare slips. */
  offenceForgivenessSeconds: number;
  /** Sent in `ready`: how often the client should send `ping`. */
  clientHeartbeatSeconds: number;
  /**
   * Bytes queued for a socket that is not reading fast enough; past this it is
   * closed with 1013 (it resyncs when it comes back) so it never holds up
   * fan-out to the others or grows this process without bound.
   */
  maxBufferedBytes: number;
}

/** Token bucket options of every connection of a server, built once (connectionRates) and shared. */
export interface ConnectionRates {
  frames: TokenBucketOptions;
  offences: TokenBucketOptions;
}

export function connectionRates(limits: ConnectionLimits): ConnectionRates {
  return {
    frames: { burst: limits.frameBurst, refillPerSecond: limits.frameRatePerSecond },
    offences: { burst: limits.maxOffences, refillPerSecond: 1 / limits.offenceForgivenessSeconds },
  };
}

/**
 * What a connection needs from its server. One object per server, shared by
 * every connection: per-socket bytes are the budget (see the Performance
 * section of the README), so nothing here is built per socket. `Connection`
 * is the connection class (connection.ts), a parameter so that this file and
 * that one do not import each other.
 */
export interface ConnectionContext<Connection> {
  limits: ConnectionLimits;
  rates: ConnectionRates;
  authenticate: HelloAuthenticator;
  metrics: RealtimeMetrics;
  /**
   * The server's logger. Connections pass their ids on each line instead of
   * holding pino child loggers: a child (bindings string and all) cost about
   * 1 KB of heap per held socket, for lines mostly below the enabled level.
   */
  logger: Logger;
  /** Builds the session of an authenticated socket (subscriptions and frame handlers). */
  openSession(link: SessionLink, userId: string): RealtimeSession;
  onClosed(connection: Connection): void;
}

/** The TCP side of a socket: its address for log lines (read when a line is written, not kept), and cork/uncork to coalesce writes. */
export interface ConnectionPeer extends Corkable {
  readonly remoteAddress?: string | undefined;
}

// How long a client may take and how many sockets it may hold on the devnet's HTTP servers (the
// nodes and the chain). Fastify 5 waits forever by default (requestTimeout and connectionTimeout
// 0): a socket that sends its headers and a few bytes of body, then stalls, stayed open for good,
// and ~20,000 of them used up the process's file descriptors (and ~1 MB of memory each when the
// stalled body was large), so every server in it refused connections.
import type { FastifyInstance } from 'fastify';
import type { ServerOptions } from 'node:http';

export interface ServerLimits {
  /**
   * Time to receive a whole request, headers and body (Node's requestTimeout); after it the
   * server answers 408 and closes the socket. It stops counting once the request has arrived,
   * so a slow answer (a Lit Action) is not limited by it.
   */
  requestTimeoutMs: number;
  /**
   * A socket with no traffic either way for this long is closed (fastify's connectionTimeout).
   * It does count while a handler runs, so it must outlast the slowest answer.
   */
  idleTimeoutMs: number;
  /** Open connections at once; a connection past it is closed as soon as it is accepted. */
  maxConnections: number;
  /** How often Node looks for requests past their deadline (its default is 30 s). */
  checkIntervalMs: number;
}

/**
 * Loopback clients send a 1 MB body in milliseconds, so 30 s is only ever reached by a stalled
 * one. 120 s of silence is above a Lit Action's 30 s limit (and fastify's 72 s keep-alive, so an
 * idle keep-alive socket is closed by the keep-alive rule the client was told about, not
 * mid-reuse). 256 connections per server is far above what a browser (6 per host), Lit's SDK or
 * the benchmarks (16 in flight) open.
 */
export const DEFAULT_SERVER_LIMITS: Readonly<ServerLimits> = Object.freeze({
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 120_000,
  maxConnections: 256,
  checkIntervalMs: 5_000,
});

/** The limits over the defaults; throws a RangeError naming a value that is not a whole number ≥ 1. */
export function resolveServerLimits(limits: Partial<ServerLimits> = {}): ServerLimits {
  const out: ServerLimits = { ...DEFAULT_SERVER_LIMITS };
  for (const key of Object.keys(DEFAULT_SERVER_LIMITS) as (keyof ServerLimits)[]) {
    const value = limits[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`server limits: ${key} must be a whole number ≥ 1, got ${value}`);
    }
    out[key] = value;
  }
  return out;
}

/** Fastify's constructor options for these limits. */
export function fastifyLimitOptions(limits: ServerLimits): {
  requestTimeout: number;
  connectionTimeout: number;
  http: ServerOptions;
} {
  return {
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.idleTimeoutMs,
    http: {
      requestTimeout: limits.requestTimeoutMs,
      // Node's 60 s for the headers alone would outlast a shorter request timeout (and Node
      // refuses that combination).
      headersTimeout: Math.min(60_000, limits.requestTimeoutMs),
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
  };
}

/** Caps the app's open connections (the server exists as soon as fastify is constructed). */
export function capConnections(app: FastifyInstance, limits: ServerLimits): void {
  app.server.maxConnections = limits.maxConnections;
}

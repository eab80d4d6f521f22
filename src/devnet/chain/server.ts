// The chain stand-in's HTTP server (fastify): JSON-RPC 2.0 on POST /, the admin API under
// /devnet/, bodies up to 1 MB, request and idle timeouts and a connection cap
// (server-limits.ts), and JSON errors only (never a 5xx with a stack).
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { MAX_HEADER_KIB, clientErrorHandler, type ClientError } from '../client-error';
import { systemClock, type Clock } from '../clock';
import { MAX_BODY_BYTES } from '../config';
import {
  capConnections,
  fastifyLimitOptions,
  resolveServerLimits,
  type ServerLimits,
} from '../server-limits';
import type { ChainStore } from '../state/chain-store';
import {
  AdminError,
  isAdminRequest,
  isAdminUrl,
  registerAdminRoutes,
  sendAdminError,
} from './admin';
import { handleJsonRpc } from './json-rpc';
import { createRpcMethods } from './rpc-methods';

const rpcError = (code: number, message: string) => ({
  jsonrpc: '2.0',
  id: null,
  error: { code, message },
});

export interface ChainServerOptions {
  store: ChainStore;
  clock?: Clock;
  /** Where internal faults are reported (one line each); stderr by default. */
  onInternalError?: (error: unknown) => void;
  /** Timeouts and the connection cap (tests shorten them); DEFAULT_SERVER_LIMITS otherwise. */
  limits?: Partial<ServerLimits>;
}

/** A JSON-RPC error for a request the HTTP parser refused (it may have been for the admin API too). */
function refusedRequestError(refused: ClientError, limits: ServerLimits) {
  const why = {
    timeout: `the request did not arrive whole within ${limits.requestTimeoutMs} ms`,
    headersTooLarge: `the headers are larger than the ${MAX_HEADER_KIB} KiB limit`,
    malformed: `not valid HTTP (${refused.detail})`,
  }[refused.kind];
  return rpcError(-32600, `Invalid Request: ${why}`);
}

export function createChainServer(options: ChainServerOptions): FastifyInstance {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const onInternalError =
    options.onInternalError ??
    ((error: unknown) =>
      process.stderr.write(`devnet chain: internal error: ${(error as Error).message}\n`));
  const methods = createRpcMethods(store);
  const limits = resolveServerLimits(options.limits);
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
    forceCloseConnections: true,
    return503OnClosing: false,
    ...fastifyLimitOptions(limits),
    clientErrorHandler: clientErrorHandler((refused) => refusedRequestError(refused, limits)),
    frameworkErrors: (error, request, res) => {
      const reply = res as FastifyReply;
      if (isAdminUrl(request.url)) {
        sendAdminError(reply, new AdminError(400, 'invalid_request', error.message));
      } else {
        reply.code(400).send(rpcError(-32600, 'Invalid Request'));
      }
    },
  });
  capConnections(app, limits);

  // Bodies stay strings: JSON-RPC answers a parse failure itself (-32700).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  // Browser dApps may read the chain (ethers in a page); the admin API stays same-origin only.
  app.addHook('onRequest', async (request, reply) => {
    if (isAdminRequest(request)) return;
    reply.header('access-control-allow-origin', '*');
    if (request.method === 'OPTIONS') {
      return reply
        .headers({
          'access-control-allow-methods': 'POST, OPTIONS',
          'access-control-allow-headers': 'content-type',
          'access-control-max-age': '600',
        })
        .code(204)
        .send();
    }
  });

  app.post('/', async (request, reply) => {
    const raw = typeof request.body === 'string' ? request.body : '';
    const response = handleJsonRpc(raw, methods, onInternalError);
    if (response === undefined) return reply.code(204).send();
    return reply.type('application/json').send(response);
  });

  registerAdminRoutes(app, store, clock);

  app.setNotFoundHandler((request, reply) => {
    if (isAdminRequest(request)) {
      return sendAdminError(reply, new AdminError(404, 'not_found', 'no such admin route'));
    }
    return reply.code(404).send(rpcError(-32600, 'Not found: JSON-RPC is served on POST /'));
  });

  app.setErrorHandler((error: FastifyError | AdminError, request, reply) => {
    const admin = isAdminRequest(request);
    if (error instanceof AdminError) return sendAdminError(reply, error);
    const status = error.statusCode;
    if (status === 413) {
      const message = 'the body is larger than the 1 MB limit';
      return admin
        ? sendAdminError(reply, new AdminError(413, 'payload_too_large', message))
        : reply.code(413).send(rpcError(-32600, `Invalid Request: ${message}`));
    }
    if (status !== undefined && status >= 400 && status < 500) {
      // An unreadable Content-Type fails in fastify before the guard: give it the guard's code.
      const code = status === 415 ? 'unsupported_media_type' : 'invalid_request';
      return admin
        ? sendAdminError(reply, new AdminError(status, code, error.message))
        : reply.code(status).send(rpcError(-32600, 'Invalid Request'));
    }
    onInternalError(error);
    return admin
      ? sendAdminError(reply, new AdminError(500, 'internal', 'internal error'))
      : reply.code(500).send(rpcError(-32603, 'Internal error'));
  });
  return app;
}

// A node's HTTP server (fastify): JSON bodies up to 1 MB, Lit's error JSON for every failure
// (unknown routes, oversized or malformed bodies, requests the HTTP parser refuses, internal
// faults without a stack), request and idle timeouts and a connection cap (server-limits.ts),
// CORS for browser dApps, and the endpoints registered from ./routes.
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { LitNodeError } from '../../protocol/errors';
import { DEFAULT_LIMITS } from '../actions';
import { MAX_HEADER_KIB, clientErrorHandler, type ClientError } from '../client-error';
import { MAX_BODY_BYTES } from '../config';
import { DevnetError } from '../errors';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../json-depth';
import {
  DEFAULT_SERVER_LIMITS,
  capConnections,
  fastifyLimitOptions,
  resolveServerLimits,
  type ServerLimits,
} from '../server-limits';
import type { NodeContext } from './context';
import {
  invalidRequest,
  newCorrelationId,
  NodeTransportError,
  sendLitError,
  transportErrorBody,
  type TransportError,
} from './errors';
import { NODE_ROUTES } from './routes/index';

const CORS_HEADERS = {
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers':
    'content-type, accept, x-request-id, x-lit-sdk-version, x-lit-sdk-type',
  'access-control-max-age': '600',
};

const clip = (text: string): string => (text.length > 200 ? text.slice(0, 200) + '…' : text);

export interface NodeServerOptions {
  /** Timeouts and the connection cap (tests shorten them); see `nodeServerLimits`. */
  limits?: Partial<ServerLimits>;
}

/**
 * The defaults, with the idle timeout a minute above the node's Lit Action time limit: an
 * executeJs (or a runOnce follower waiting for its leader) is silent on the socket that long.
 */
export function nodeServerLimits(
  ctx: NodeContext,
  given: Partial<ServerLimits> = {},
): ServerLimits {
  const actionMs = ctx.actionTimeoutMs ?? DEFAULT_LIMITS.timeoutMs;
  return resolveServerLimits({
    idleTimeoutMs: Math.max(DEFAULT_SERVER_LIMITS.idleTimeoutMs, actionMs + 60_000),
    ...given,
  });
}

/** Lit's error JSON for a request the HTTP parser refused (there is no request id to echo). */
function refusedRequestError(refused: ClientError, limits: ServerLimits): TransportError {
  switch (refused.kind) {
    case 'timeout':
      return {
        status: 408,
        errorKind: 'Timeout',
        errorCode: 'CoreApiRequestTimeout',
        message: 'The request did not arrive in time',
        details: [`a request must arrive whole within ${limits.requestTimeoutMs} ms`],
      };
    case 'headersTooLarge':
      return {
        status: 431,
        errorKind: 'Validation',
        errorCode: 'CoreApiHeadersTooLarge',
        message: `Request headers are larger than the ${MAX_HEADER_KIB} KiB limit`,
        details: [refused.detail],
      };
    case 'malformed':
      return {
        status: 400,
        errorKind: 'Parser',
        errorCode: 'NodeParserError',
        message: 'Invalid HTTP request',
        details: [refused.detail],
      };
  }
}

/** A node's fastify app with every route registered; `listen` is the caller's. */
export function createNodeServer(
  ctx: NodeContext,
  options: NodeServerOptions = {},
): FastifyInstance {
  const limits = nodeServerLimits(ctx, options.limits);
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
    forceCloseConnections: true,
    return503OnClosing: false,
    ...fastifyLimitOptions(limits),
    clientErrorHandler: clientErrorHandler(
      (refused) => transportErrorBody(refusedRequestError(refused, limits), newCorrelationId()),
      {
        'access-control-allow-origin': '*',
      },
    ),
    frameworkErrors: (error, request, reply) => {
      sendLitError(request, reply, invalidRequest(error.message));
    },
  });
  capConnections(app, limits);

  // Lit's SDK posts JSON; read every body as JSON whatever its content type says.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    if (nestsDeeperThan(body as string)) {
      done(invalidRequest(`body nests deeper than ${MAX_JSON_DEPTH} levels`));
      return;
    }
    try {
      done(null, JSON.parse(body as string));
    } catch (error) {
      done(invalidRequest(`body is not valid JSON: ${clip((error as Error).message)}`));
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('access-control-allow-origin', '*');
    if (request.method === 'OPTIONS') return reply.headers(CORS_HEADERS).code(204).send();
  });

  app.setNotFoundHandler((request, reply) => {
    const details = [clip(`${request.method} ${request.url}`)];
    return sendLitError(request, reply, new LitNodeError('CoreApiRouteNotFound', details));
  });

  app.setErrorHandler((error: FastifyError | LitNodeError | NodeTransportError, request, reply) => {
    if (error instanceof LitNodeError) return sendLitError(request, reply, error);
    if (error instanceof NodeTransportError) {
      return sendLitError(request, reply.headers(error.headers), error.error);
    }
    const status = error.statusCode;
    if (status === 413) {
      return sendLitError(request, reply, {
        status: 413,
        errorKind: 'Validation',
        errorCode: 'CoreApiPayloadTooLarge',
        message: 'Request body is larger than the 1 MB limit',
        details: [clip(error.message)],
      });
    }
    if (status !== undefined && status >= 400 && status < 500) {
      return sendLitError(request, reply, invalidRequest(clip(error.message)));
    }
    // A bug, not the client's fault: say so in one line here, and never send the stack.
    process.stderr.write(`devnet node ${ctx.index}: internal error: ${error.message}\n`);
    return sendLitError(request, reply, new LitNodeError('NodeSystemFault'));
  });

  for (const register of NODE_ROUTES) register(app, ctx);
  return app;
}

/** Listens on the node's own host and port; a busy port is one clear error. */
export async function listenNode(app: FastifyInstance, ctx: NodeContext): Promise<void> {
  try {
    await app.listen({ host: ctx.host, port: ctx.port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EADDRINUSE' ? 'is in use' : code === 'EACCES' ? 'is not allowed' : 'failed';
    throw new DevnetError(`node ${ctx.index}: port ${ctx.port} ${reason}`);
  }
}

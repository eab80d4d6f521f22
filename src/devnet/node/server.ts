// A node's HTTP server (fastify): JSON bodies up to 1 MB, Lit's error JSON for every failure
// (unknown routes, oversized or malformed bodies, internal faults without a stack), CORS for
// browser dApps, and the endpoints registered from ./routes.
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { LitNodeError } from '../../protocol/errors';
import { MAX_BODY_BYTES } from '../config';
import { DevnetError } from '../errors';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../json-depth';
import type { NodeContext } from './context';
import { invalidRequest, sendLitError } from './errors';
import { NODE_ROUTES } from './routes/index';

const CORS_HEADERS = {
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers':
    'content-type, accept, x-request-id, x-lit-sdk-version, x-lit-sdk-type',
  'access-control-max-age': '600',
};

const clip = (text: string): string => (text.length > 200 ? text.slice(0, 200) + '…' : text);

/** A node's fastify app with every route registered; `listen` is the caller's. */
export function createNodeServer(ctx: NodeContext): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
    forceCloseConnections: true,
    return503OnClosing: false,
    frameworkErrors: (error, request, reply) => {
      sendLitError(request, reply, invalidRequest(error.message));
    },
  });

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

  app.setErrorHandler((error: FastifyError | LitNodeError, request, reply) => {
    if (error instanceof LitNodeError) return sendLitError(request, reply, error);
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

// Validates every provider request and dispatches it to its handler. Nothing here trusts the
// payload: the envelope, the request shape and each method's params are checked in turn.
import {
  ProviderErrorCode,
  contentToWorkerSchema,
  isProviderMethod,
  providerParamsSchemas,
  providerRequestSchema,
  type ProviderMethod,
  type WorkerToContent,
} from '../messages';
import { ProviderRpcError, toProviderError } from './errors';
import { providerHandlers, type ProviderHandler } from './handlers';
import type { RequestContext } from './request-context';
import { parseOrInvalid, requestSizeError } from './validation';
import { createRateLimiter } from './rate-limit';

// Generous for a real dApp (and the benchmark's tight loop), but a flood is cut off.
const perOrigin = createRateLimiter({ burst: 500, perSecond: 500 });

/**
 * Answers one Port message from a content script. Returns `null` when the envelope is so
 * malformed that there is no request id to answer.
 */
export async function routeProviderMessage(
  raw: unknown,
  context: RequestContext,
): Promise<WorkerToContent | null> {
  // The size first: zod reads every key and item of what it parses before any limit applies,
  // so an oversized message is answered from its id alone and never reaches a schema.
  const sizeError = requestSizeError(raw);
  const envelope = contentToWorkerSchema.safeParse(sizeError ? envelopeHead(raw) : raw);
  if (!envelope.success) return null;
  const { id, request } = envelope.data;
  try {
    perOrigin.take(context.origin);
    if (sizeError) throw sizeError;
    return { type: 'response', id, result: await dispatch(request, context, id) };
  } catch (e) {
    return { type: 'response', id, error: toProviderError(e) };
  }
}

/** The envelope's own fields without its request: what an oversized message is answered by. */
function envelopeHead(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const { type, id } = raw as { type?: unknown; id?: unknown };
  return { type, id, request: null };
}

async function dispatch(
  request: unknown,
  context: RequestContext,
  requestId: string,
): Promise<unknown> {
  const { method, params } = parseOrInvalid(providerRequestSchema, request, 'request');
  if (!isProviderMethod(method)) {
    throw new ProviderRpcError(
      ProviderErrorCode.unsupportedMethod,
      `Unsupported method: ${method.slice(0, 64)}`,
    );
  }
  return callHandler(
    method,
    parseOrInvalid(providerParamsSchemas[method], params, 'params'),
    context,
    requestId,
  );
}

function callHandler<M extends ProviderMethod>(
  method: M,
  params: unknown,
  context: RequestContext,
  requestId: string,
): Promise<unknown> {
  const handler = providerHandlers[method] as ProviderHandler<M>;
  return handler(params as Parameters<ProviderHandler<M>>[0], context, requestId);
}

// JSON-RPC 2.0 over one HTTP body: single requests, batches and notifications, with the spec's
// error codes (-32700 parse, -32600 request, -32601 method, -32602 params, -32603 internal).
import type { z } from 'zod';
import { describeZodError } from '../zod-message';

export type JsonRpcId = string | number | null;

export interface JsonRpcResponse {
  jsonrpc: '2.0';
  id: JsonRpcId;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

export class JsonRpcError extends Error {
  readonly code: number;
  readonly data: unknown;

  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.code = code;
    this.data = data;
  }
}

export type RpcMethod = (params: unknown) => unknown;

/** Most batches a client sends are a handful of calls; this bounds one body's work. */
export const MAX_BATCH = 100;

const clip = (text: string): string => (text.length > 100 ? text.slice(0, 100) + '…' : text);

const errorResponse = (id: JsonRpcId, code: number, message: string, data?: unknown) => ({
  jsonrpc: '2.0' as const,
  id,
  error: data === undefined ? { code, message } : { code, message, data },
});

/** Validates `params` with `schema`, or throws -32602 naming the first bad field. */
export function parseParams<S extends z.ZodType>(schema: S, params: unknown): z.output<S> {
  const result = schema.safeParse(params);
  if (!result.success) {
    throw new JsonRpcError(-32602, `Invalid params: ${describeZodError(result.error)}`);
  }
  return result.data;
}

const isId = (id: unknown): id is JsonRpcId =>
  id === null || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));

function handleOne(
  request: unknown,
  methods: ReadonlyMap<string, RpcMethod>,
  onInternalError: (error: unknown) => void,
): JsonRpcResponse | undefined {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return errorResponse(null, -32600, 'Invalid Request: expected an object');
  }
  const r = request as Record<string, unknown>;
  const hasId = Object.prototype.hasOwnProperty.call(r, 'id');
  const id = hasId && isId(r.id) ? r.id : null;
  if (hasId && !isId(r.id)) return errorResponse(null, -32600, 'Invalid Request: bad id');
  if (r.jsonrpc !== '2.0')
    return errorResponse(id, -32600, 'Invalid Request: jsonrpc must be "2.0"');
  if (typeof r.method !== 'string') return errorResponse(id, -32600, 'Invalid Request: no method');
  if (r.params !== undefined && (typeof r.params !== 'object' || r.params === null)) {
    return errorResponse(id, -32600, 'Invalid Request: params must be an array or object');
  }
  const method = methods.get(r.method);
  let response: JsonRpcResponse;
  if (!method) {
    response = errorResponse(id, -32601, `Method not found: ${clip(r.method)}`);
  } else {
    try {
      response = { jsonrpc: '2.0', id, result: method(r.params ?? []) };
    } catch (error) {
      if (error instanceof JsonRpcError) {
        response = errorResponse(id, error.code, error.message, error.data);
      } else {
        onInternalError(error);
        response = errorResponse(id, -32603, 'Internal error');
      }
    }
  }
  // A notification (no id) gets no answer, whatever happened.
  return hasId ? response : undefined;
}

/**
 * The response body for one HTTP body of JSON-RPC: an object, an array (batch), or undefined when
 * every request was a notification.
 */
export function handleJsonRpc(
  raw: string,
  methods: ReadonlyMap<string, RpcMethod>,
  onInternalError: (error: unknown) => void = () => {},
): JsonRpcResponse | JsonRpcResponse[] | undefined {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return errorResponse(null, -32700, 'Parse error');
  }
  if (!Array.isArray(body)) return handleOne(body, methods, onInternalError);
  if (body.length === 0) return errorResponse(null, -32600, 'Invalid Request: empty batch');
  if (body.length > MAX_BATCH) {
    return errorResponse(null, -32600, `Invalid Request: batch over ${MAX_BATCH} requests`);
  }
  const responses = body
    .map((r) => handleOne(r, methods, onInternalError))
    .filter((r): r is JsonRpcResponse => r !== undefined);
  return responses.length > 0 ? responses : undefined;
}

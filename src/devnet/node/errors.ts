// Lit's error JSON on every failure a node answers: known codes through src/protocol's
// LitNodeError, plus the transport failures (413, bad JSON) that precede any endpoint.
import { randomBytes } from '@noble/hashes/utils.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toHex } from '../../protocol/bytes';
import { LitNodeError, type LitErrorKind, type LitNodeErrorJSON } from '../../protocol/errors';

const REQUEST_ID_RE = /^[\x21-\x7e]{1,128}$/;

/** The request's `X-Request-Id` when it is sane, else a fresh `lit_…` id. */
export function correlationIdOf(request: FastifyRequest): string {
  const header = request.headers['x-request-id'];
  if (typeof header === 'string' && REQUEST_ID_RE.test(header)) return header;
  return newCorrelationId();
}

/** A fresh `lit_…` id, for an answer to a request that sent none (or none could be read). */
export function newCorrelationId(): string {
  return 'lit_' + toHex(randomBytes(8));
}

/** An error body with Lit's fields for a status no Lit code covers (e.g. 413). */
export interface TransportError {
  status: number;
  errorKind: LitErrorKind;
  errorCode: string;
  message: string;
  details: string[];
}

/**
 * A failure with a status no Lit code covers (a busy sandbox, too many actions), thrown by an
 * endpoint; the server's error handler sends it in Lit's shape, with `headers` (Retry-After).
 */
export class NodeTransportError extends Error {
  override readonly name = 'NodeTransportError';

  constructor(
    readonly error: TransportError,
    readonly headers: Record<string, string> = {},
  ) {
    super(error.message);
  }
}

export function sendLitError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: LitNodeError | TransportError,
): FastifyReply {
  const correlationId = correlationIdOf(request);
  let body: LitNodeErrorJSON;
  if (error instanceof LitNodeError) {
    body = error.toJSON();
    // The short rate-limit body has no correlation id; every other body carries the request's.
    if (body.errorKind !== undefined) body = { ...body, correlationId };
  } else {
    body = transportErrorBody(error, correlationId);
  }
  return reply.code(error.status).type('application/json').send(body);
}

/** Lit's error body for a status no Lit code covers. */
export function transportErrorBody(error: TransportError, correlationId: string): LitNodeErrorJSON {
  return {
    errorKind: error.errorKind,
    errorCode: error.errorCode,
    status: error.status,
    message: error.message,
    correlationId,
    details: error.details,
  };
}

/** A 400 for a body that is not the JSON an endpoint takes. */
export function invalidRequest(detail: string): LitNodeError {
  return new LitNodeError('NodeParserError', [detail], { message: 'Invalid request body' });
}

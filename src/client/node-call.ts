// One HTTP call to one Lit node (or the chain's JSON-RPC): JSON in, JSON out, with a timeout.
// Failures become a `NodeCallError` that says which URL failed and how, never a bare TypeError.

export type NodeCallFailure =
  | { kind: 'unreachable'; message: string }
  | { kind: 'timeout'; message: string }
  | { kind: 'http'; status: number; errorCode?: string; message: string; body: unknown }
  | { kind: 'invalid-response'; message: string };

export class NodeCallError extends Error {
  constructor(
    readonly url: string,
    readonly failure: NodeCallFailure,
  ) {
    super(`${url}: ${failure.message}`);
    this.name = 'NodeCallError';
  }

  /** Lit's `errorCode` when the node answered with its error JSON. */
  get errorCode(): string | undefined {
    return this.failure.kind === 'http' ? this.failure.errorCode : undefined;
  }
}

export interface CallOptions {
  timeoutMs: number;
  /** Sent as `X-Request-Id` (Lit's correlation id). */
  requestId?: string;
  signal?: AbortSignal;
  /** Largest response body accepted, in bytes. */
  maxResponseBytes?: number;
}

const DEFAULT_MAX_RESPONSE = 4 * 1024 * 1024;

/** One POST as a transport sees it: the body already JSON, the limits already decided. */
export interface HttpRequest {
  url: string;
  headers: Readonly<Record<string, string>>;
  body: string;
  timeoutMs: number;
  signal?: AbortSignal;
  maxResponseBytes: number;
}

export interface HttpAnswer {
  status: number;
  text: string;
}

/**
 * Sends one POST and reads the whole answer. Throws a `NodeCallError` of kind `unreachable`,
 * `timeout` (the deadline covers reading the body too) or `invalid-response` (over the size limit).
 */
export type HttpTransport = (request: HttpRequest) => Promise<HttpAnswer>;

/** `fetch`: what the service worker, pages and Node all have. */
export const fetchTransport: HttpTransport = async (request) => {
  const signals = [AbortSignal.timeout(request.timeoutMs)];
  if (request.signal) signals.push(request.signal);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.any(signals),
    });
    return {
      status: response.status,
      text: await readLimited(request.url, response, request.maxResponseBytes),
    };
  } catch (e) {
    if (e instanceof NodeCallError) throw e;
    // The deadline can also pass while the body is read: that is a timeout too, not a crash.
    const timedOut = e instanceof DOMException && e.name === 'TimeoutError';
    throw new NodeCallError(
      request.url,
      timedOut
        ? { kind: 'timeout', message: `no answer within ${request.timeoutMs} ms` }
        : {
            kind: 'unreachable',
            message: `unreachable (${e instanceof Error ? e.message : 'network error'})`,
          },
    );
  }
};

let transport: HttpTransport = fetchTransport;

/**
 * Replaces how every node call is sent in this JS realm (Node programs: `useNodeSpeedups()` in
 * `node-speedups.ts` plugs in `node-http-transport.ts`); returns the previous transport.
 */
export function setHttpTransport(next: HttpTransport): HttpTransport {
  if (typeof next !== 'function') throw new TypeError('setHttpTransport: expected a function');
  const previous = transport;
  transport = next;
  return previous;
}

/** POSTs `body` as JSON to `url` and returns the parsed JSON of a 2xx answer. */
export async function postJson(url: string, body: unknown, options: CallOptions): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.requestId) headers['x-request-id'] = options.requestId;
  const response = await transport({
    url,
    headers,
    body: JSON.stringify(body),
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE,
  });
  const text = response.text;
  let json: unknown;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (response.status < 200 || response.status > 299) {
    const err = (json ?? {}) as { errorCode?: unknown; message?: unknown };
    throw new NodeCallError(url, {
      kind: 'http',
      status: response.status,
      errorCode: typeof err.errorCode === 'string' ? err.errorCode : undefined,
      message:
        typeof err.message === 'string'
          ? `HTTP ${response.status}: ${err.message}`
          : `HTTP ${response.status}`,
      body: json,
    });
  }
  if (json === undefined) {
    throw new NodeCallError(url, {
      kind: 'invalid-response',
      message: 'answered with invalid JSON',
    });
  }
  return json;
}

/**
 * The body as text, counted in bytes while it streams: an endless or huge answer is cut off at
 * the limit rather than read whole first (which would let a hostile node fill the memory).
 */
async function readLimited(url: string, response: Response, max: number): Promise<string> {
  const length = response.headers.get('content-length');
  const declared = Number(length ?? '0');
  if (declared > max) {
    await response.body?.cancel();
    throw tooLarge(url, max);
  }
  if (!response.body) return '';
  // A declared length is the body's length (HTTP framing: fetch stops there), so an answer
  // within the limit is read whole, without a read() round per chunk. Not when it is
  // content-encoded: the length is then the compressed one, and fetch decodes without a limit
  // (8 KB of gzip is 8 MB of JSON), so decoded bytes are counted below.
  const encoding = response.headers.get('content-encoding')?.trim().toLowerCase();
  const plain = encoding === undefined || encoding === '' || encoding === 'identity';
  if (plain && length !== null && /^\d+$/.test(length.trim())) return response.text();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    bytes += value.byteLength;
    if (bytes > max) {
      await reader.cancel();
      throw tooLarge(url, max);
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** The failure both transports give for an answer over the limit. */
export const tooLarge = (url: string, max: number): NodeCallError =>
  new NodeCallError(url, { kind: 'invalid-response', message: `response over ${max} bytes` });

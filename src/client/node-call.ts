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

/** POSTs `body` as JSON to `url` and returns the parsed JSON of a 2xx answer. */
export async function postJson(url: string, body: unknown, options: CallOptions): Promise<unknown> {
  const signals = [AbortSignal.timeout(options.timeoutMs)];
  if (options.signal) signals.push(options.signal);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.requestId) headers['x-request-id'] = options.requestId;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.any(signals),
    });
  } catch (e) {
    const timedOut = e instanceof DOMException && e.name === 'TimeoutError';
    throw new NodeCallError(
      url,
      timedOut
        ? { kind: 'timeout', message: `no answer within ${options.timeoutMs} ms` }
        : {
            kind: 'unreachable',
            message: `unreachable (${e instanceof Error ? e.message : 'network error'})`,
          },
    );
  }
  const text = await readLimited(url, response, options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE);
  let json: unknown;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
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

async function readLimited(url: string, response: Response, max: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > max) {
    await response.body?.cancel();
    throw new NodeCallError(url, {
      kind: 'invalid-response',
      message: `response over ${max} bytes`,
    });
  }
  const text = await response.text();
  if (text.length > max) {
    throw new NodeCallError(url, {
      kind: 'invalid-response',
      message: `response over ${max} bytes`,
    });
  }
  return text;
}

// A minimal JSON-RPC 2.0 client for the one chain read the client needs.
import { postJson, NodeCallError, type CallOptions } from './node-call';

let nextId = 1;

export async function jsonRpc(
  url: string,
  method: string,
  params: unknown[],
  options: CallOptions,
): Promise<unknown> {
  const id = nextId++;
  const answer = (await postJson(url, { jsonrpc: '2.0', id, method, params }, options)) as {
    result?: unknown;
    error?: { code?: unknown; message?: unknown };
  } | null;
  if (answer && typeof answer === 'object' && answer.error) {
    const message = typeof answer.error.message === 'string' ? answer.error.message : 'error';
    throw new NodeCallError(url, { kind: 'invalid-response', message: `${method}: ${message}` });
  }
  if (!answer || typeof answer !== 'object' || !('result' in answer)) {
    throw new NodeCallError(url, { kind: 'invalid-response', message: `${method}: no result` });
  }
  return answer.result;
}

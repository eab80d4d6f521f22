// Node only: node calls over node:http / node:https with keep-alive agents instead of fetch.
// Node's fetch (undici) streams every request body as an async iterable (a write and a microtask
// hop per chunk, plus two AbortSignals per call); one `end(payload)` here measured ~1 ms less per
// pkpSign (src/client README, "Node.js speedups"). The extension never loads this file.
import http from 'node:http';
import https from 'node:https';
import { NodeCallError, tooLarge, type HttpTransport } from './node-call';

// Nodes are few and called again and again: keep their sockets open between calls.
const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

export const nodeHttpTransport: HttpTransport = (request) =>
  new Promise((resolve, reject) => {
    const { url, timeoutMs, signal, maxResponseBytes } = request;
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      reject(new NodeCallError(url, { kind: 'unreachable', message: 'unreachable (bad URL)' }));
      return;
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      reject(
        new NodeCallError(url, {
          kind: 'unreachable',
          message: `unreachable (${target.protocol} is not http or https)`,
        }),
      );
      return;
    }
    const payload = Buffer.from(request.body, 'utf8');
    let settled = false;
    const fail = (error: NodeCallError) => {
      if (settled) return;
      settled = true;
      cleanUp();
      req.destroy();
      reject(error);
    };
    const send = target.protocol === 'https:' ? https.request : http.request;
    const req = send(
      target,
      {
        method: 'POST',
        agent: agents[target.protocol],
        headers: { ...request.headers, 'content-length': String(payload.length) },
      },
      (res) => {
        const declared = Number(res.headers['content-length'] ?? '0');
        if (declared > maxResponseBytes) return fail(tooLarge(url, maxResponseBytes));
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxResponseBytes) return fail(tooLarge(url, maxResponseBytes));
          chunks.push(chunk);
        });
        res.on('end', () => {
          if (settled) return;
          settled = true;
          cleanUp();
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', (e) => fail(unreachable(url, e)));
        // A socket closed mid-body closes the answer without 'end'.
        res.on('close', () => {
          if (!res.complete) fail(unreachable(url, new Error('connection closed mid-answer')));
        });
      },
    );
    req.on('error', (e) => fail(unreachable(url, e)));
    const timer = setTimeout(
      () =>
        fail(
          new NodeCallError(url, { kind: 'timeout', message: `no answer within ${timeoutMs} ms` }),
        ),
      timeoutMs,
    );
    const onAbort = () => fail(unreachable(url, new Error('aborted')));
    const cleanUp = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    req.end(payload);
  });

const unreachable = (url: string, e: unknown): NodeCallError =>
  new NodeCallError(url, {
    kind: 'unreachable',
    message: `unreachable (${e instanceof Error ? e.message : 'network error'})`,
  });

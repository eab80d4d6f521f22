// Serves the demo dApp on loopback. Run: `node --import tsx src/demo/server.ts [--port 5180]`
// (`npm start` also gives it the devnet, which turns on its JSON API, `api.ts`).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createDemoApi, type DemoApi } from './api';

const PUBLIC_DIR = new URL('./public/', import.meta.url);
const JS = 'text/javascript; charset=utf-8';
const inPublic = (name: string) => fileURLToPath(new URL(name, PUBLIC_DIR));

/**
 * The demo's files by URL path: a fixed map, so no request can reach any other file. The page
 * verifies signatures with ethers as a dApp would, from ethers' own browser build (an ES module
 * with no imports) rather than a copy of it here.
 */
const FILES: Record<string, { path: string; type: string }> = {
  '/': { path: inPublic('index.html'), type: 'text/html; charset=utf-8' },
  '/demo.js': { path: inPublic('demo.js'), type: JS },
  '/brokered.js': { path: inPublic('brokered.js'), type: JS },
  '/sig-watch.js': { path: inPublic('sig-watch.js'), type: JS },
  '/step-button.js': { path: inPublic('step-button.js'), type: JS },
  '/demo.css': { path: inPublic('demo.css'), type: 'text/css; charset=utf-8' },
  '/vendor/ethers.js': {
    path: createRequire(import.meta.url).resolve('ethers/dist/ethers.esm.min.js'),
    type: JS,
  },
};

export interface DemoServer {
  url: string;
  close(): Promise<void>;
}

export interface DemoServerOptions {
  /** The devnet's chain RPC URL: turns on `/api/*` (without it they answer 503). */
  rpcUrl?: string;
}

const MAX_BODY_BYTES = 256 * 1024;

/** Starts the demo server on 127.0.0.1:`port` (0 picks a free port). */
export function startDemoServer(
  port: number,
  options: DemoServerOptions = {},
): Promise<DemoServer> {
  const api = options.rpcUrl ? createDemoApi({ rpcUrl: options.rpcUrl }) : null;
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith('/api/')) {
      // A client that goes away mid-body is not worth more than closing its socket.
      serveApi(api, path, req, res).catch(() => res.destroy());
      return;
    }
    const entry = FILES[path];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (!entry) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    readFile(entry.path).then(
      (body) =>
        res.writeHead(200, { 'content-type': entry.type, 'cache-control': 'no-store' }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolve({
        url: `http://127.0.0.1:${actual}/`,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            // A browser that is still open keeps idle keep-alive connections; close() waits for them.
            server.closeAllConnections();
          }),
      });
    });
  });
}

const sendJson = (res: ServerResponse, status: number, body: unknown) =>
  res
    .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    .end(JSON.stringify(body));

const refuse = (res: ServerResponse, status: number, code: string, message: string) =>
  sendJson(res, status, { error: { code, message } });

/**
 * The API answers only its own page: addressed by a loopback name (no DNS rebinding), from its
 * own origin when the browser says one, and JSON bodies only (a cross-origin JSON POST needs a
 * preflight, which this server never grants).
 */
async function serveApi(
  api: DemoApi | null,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const host = req.headers.host ?? '';
  if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) {
    return void refuse(res, 403, 'forbidden', 'the demo API answers requests to 127.0.0.1 only');
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) {
    return void refuse(res, 403, 'forbidden', 'the demo API answers its own page only');
  }
  if (!api) {
    return void refuse(
      res,
      503,
      'no_devnet',
      'this demo server runs without a devnet (npm start has one)',
    );
  }
  let body: unknown = undefined;
  if (req.method === 'POST') {
    if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
      return void refuse(res, 415, 'unsupported_media_type', 'send Content-Type: application/json');
    }
    const text = await readBody(req);
    if (text === null) {
      return void refuse(
        res,
        413,
        'payload_too_large',
        `bodies are limited to ${MAX_BODY_BYTES} bytes`,
      );
    }
    try {
      body = JSON.parse(text);
    } catch {
      return void refuse(res, 400, 'invalid_json', 'the body is not valid JSON');
    }
  }
  const answer = await api.handle(req.method ?? '', path, body);
  if (answer) return void sendJson(res, answer.status, answer.body);
  if (api.knows(path))
    return void refuse(res, 405, 'method_not_allowed', `${req.method} is not allowed here`);
  refuse(res, 404, 'not_found', `no API at ${path}`);
}

/** The body as text, or null past the limit (the rest is not read). */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Parses `--port N`; anything else is an error with one clear line. */
export function parseDemoArgs(argv: string[]): { port: number } {
  let port = 5180;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--port') {
      const value = argv[++i];
      if (!value || !/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 65535) {
        throw new Error(`--port needs a number from 1 to 65535, got ${value ?? 'nothing'}`);
      }
      port = Number(value);
    } else {
      throw new Error(`unknown argument: ${arg}`);
    }
  }
  return { port };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const { port } = parseDemoArgs(process.argv.slice(2));
    const demo = await startDemoServer(port);
    console.log(`demo dApp: ${demo.url}`);
    const stop = () => void demo.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (e) {
    console.error(`demo: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}

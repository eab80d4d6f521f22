// Serves the demo dApp on loopback. Run: `node --import tsx src/demo/server.ts [--port 5180]`.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const PUBLIC_DIR = new URL('./public/', import.meta.url);

/** The demo's files by URL path: a fixed map, so no request can reach any other file. */
const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/demo.js': { file: 'demo.js', type: 'text/javascript; charset=utf-8' },
  '/demo.css': { file: 'demo.css', type: 'text/css; charset=utf-8' },
};

export interface DemoServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the demo server on 127.0.0.1:`port` (0 picks a free port). */
export function startDemoServer(port: number): Promise<DemoServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const entry = FILES[path];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (!entry) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    readFile(fileURLToPath(new URL(entry.file, PUBLIC_DIR))).then(
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

// Ports: checking before genesis that every port the devnet needs is free (one clear line when
// not), and picking free ones for tests, since node URLs go on-chain and port 0 cannot.
import { createServer } from 'node:net';
import { DEVNET_HOST } from './config';
import { DevnetError } from './errors';

export interface PortClaim {
  port: number;
  /** Who needs it, for the error line: "node 0", "rpc". */
  what: string;
}

function tryListen(port: number, host: string): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/** Throws a DevnetError naming the first port that cannot be listened on. */
export async function assertPortsFree(
  claims: readonly PortClaim[],
  host = DEVNET_HOST,
): Promise<void> {
  for (const { port, what } of claims) {
    const error = await tryListen(port, host);
    if (!error) continue;
    const reason =
      error.code === 'EADDRINUSE'
        ? 'is already in use'
        : error.code === 'EACCES'
          ? 'needs privileges'
          : `cannot be used (${error.code ?? error.message})`;
    throw new DevnetError(`port ${port} (${what}) ${reason}`);
  }
}

export interface FreePorts {
  /** Node i gets port + i. */
  port: number;
  rpcPort: number;
}

/** A free run of `nodes` consecutive ports and a free RPC port, chosen at random (tests). */
export async function pickFreePorts(nodes: number, host = DEVNET_HOST): Promise<FreePorts> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 40_000);
    const rpcPort = port + nodes;
    const claims = Array.from({ length: nodes + 1 }, (_, i) => ({ port: port + i, what: '' }));
    try {
      await assertPortsFree(claims, host);
      return { port, rpcPort };
    } catch {
      // Taken: try another run.
    }
  }
  throw new Error('no free ports found');
}

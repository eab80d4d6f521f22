// The whole devnet in one call: open (or create) the data dir, serve the chain stand-in, issue
// blocks, and start every node in this process or, with `processes`, each in its own.
import type { FastifyInstance } from 'fastify';
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { startBlockProducer } from './chain/blocks';
import { createChainServer } from './chain/server';
import { systemClock, type Clock } from './clock';
import { DEFAULT_BLOCK_INTERVAL_SECONDS, DEFAULT_NODES, DEVNET_HOST } from './config';
import { chainDbPath, ensureDataDir, lockDataDir } from './data-dir';
import { DevnetError, oneLine } from './errors';
import { checkNetworkFlags } from './flags';
import { openNetwork } from './genesis';
import { forkNode } from './node-process';
import { startNode } from './node/start-node';
import { PresignDealer } from './presign/presign-dealer';
import { assertPortsFree } from './ports';
import { ChainReader } from './state/chain-reader';
import type { ChainStore } from './state/chain-store';

export interface DevnetOptions {
  dataDir: string;
  /** Node i listens on port + i. */
  port: number;
  rpcPort: number;
  /** An explicit node count; undefined: the data dir's, or 3 for a new one. */
  nodes?: number;
  /** An explicit threshold; undefined: the data dir's, or ⌈2n/3⌉ for a new one. */
  threshold?: number;
  /** Run each node as its own OS process (faults are real). */
  processes?: boolean;
  blockIntervalSeconds?: number;
  /** Requests need a capacity credit (`--rate-limit`); off by default so dApps work as is. */
  rateLimit?: boolean;
  /** A shorter Lit Action time limit than Datil's 30 s, for tests of the timeout. */
  actionTimeoutMs?: number;
  /** In-process nodes and the chain read time from here (process nodes use the system clock). */
  clock?: Clock;
  /** One line per fault after start (a node process dying); stderr by default. */
  onEvent?: (line: string) => void;
}

export interface Devnet {
  /** `http://127.0.0.1:<port + i>`, in node order. */
  nodeUrls: string[];
  rpcUrl: string;
  /** BLS root public key, 96 hex. */
  networkPublicKey: string;
  threshold: number;
  /** True when this start ran genesis. */
  created: boolean;
  /** Stops nodes, block timer and chain server, closes the databases, releases the data dir. */
  stop(): Promise<void>;
  /** Takes node i down: SIGKILL for a process node, closing its server for an in-process one. */
  killNode(index: number): Promise<void>;
  /** Starts node i again on the same data dir and port (stopping it first if it runs). */
  restartNode(index: number): Promise<void>;
}

interface NodeHandle {
  stop(): Promise<void>;
  kill(): Promise<void>;
}

export async function startDevnet(options: DevnetOptions): Promise<Devnet> {
  // Absolute before anything is created or forked: node processes run in the project root, so a
  // relative dir would name another place there than the one this process locked.
  const dataDir = resolve(options.dataDir);
  const clock = options.clock ?? systemClock;
  const onEvent = options.onEvent ?? ((line: string) => process.stderr.write(line + '\n'));
  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanup = async (): Promise<void> => {
    for (const step of cleanups.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        onEvent(`devnet: while stopping: ${oneLine(error)}`);
      }
    }
  };

  // A start that fails takes away the dir it made (a typo in --data-dir leaves no litter); a dir
  // that was there before, even an empty one, is left as it was.
  let madeDir: string | undefined;
  try {
    madeDir = ensureDataDir(dataDir);
    cleanups.push(lockDataDir(dataDir));
    // The flags that depend on the node count, checked with the real one before anything starts
    // (without --nodes it is the data dir's; before, 3 was assumed).
    const existing = existingNodeCount(dataDir);
    const expected = options.nodes ?? existing ?? DEFAULT_NODES;
    checkNetworkFlags(
      {
        nodes: expected,
        port: options.port,
        rpcPort: options.rpcPort,
        ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
      },
      options.nodes !== undefined ? '' : existing !== undefined ? ` of ${dataDir}` : '',
    );
    await assertPortsFree([
      ...Array.from({ length: expected }, (_, i) => ({
        port: options.port + i,
        what: `node ${i}`,
      })),
      { port: options.rpcPort, what: 'rpc' },
    ]);
    const opened = openNetwork({
      dataDir,
      port: options.port,
      clock,
      ...(options.nodes !== undefined ? { nodes: options.nodes } : {}),
      ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    });
    const store: ChainStore = opened.chain;
    cleanups.push(() => store.close());
    const nodeCount = opened.meta.nodeCount;

    const chainServer: FastifyInstance = createChainServer({ store, clock });
    cleanups.push(() => chainServer.close());
    await listenChain(chainServer, options.rpcPort);
    cleanups.push(
      startBlockProducer(
        store,
        options.blockIntervalSeconds ?? DEFAULT_BLOCK_INTERVAL_SECONDS,
        (error) => onEvent(`devnet: block producer: ${oneLine(error)}`),
      ),
    );

    // The online dealer lives here, in the devnet's process, and nowhere else (README: trust).
    const dealer = new PresignDealer(opened.dealer, {
      threshold: opened.meta.threshold,
      nodeCount,
    });
    const rpcUrl = `http://${DEVNET_HOST}:${options.rpcPort}`;
    const rateLimit = options.rateLimit ?? false;
    const { actionTimeoutMs } = options;
    const extra = actionTimeoutMs !== undefined ? { actionTimeoutMs } : {};
    const launch = async (index: number): Promise<NodeHandle> => {
      const presign = dealer.sourceFor(index);
      if (options.processes) {
        return forkNode({
          dataDir,
          index,
          presign,
          rpcUrl,
          rateLimit,
          ...extra,
          onUnexpectedExit: (i, how) => onEvent(`devnet: node ${i} ${how}`),
        });
      }
      const node = await startNode({ dataDir, index, clock, presign, rpcUrl, rateLimit, ...extra });
      return { stop: () => node.close(), kill: () => node.close() };
    };
    const handles: (NodeHandle | undefined)[] = new Array(nodeCount).fill(undefined);
    cleanups.push(async () => {
      await Promise.all(handles.map((h) => h?.stop()));
    });
    const started = await Promise.allSettled(
      handles.map(async (_, i) => (handles[i] = await launch(i))),
    );
    const failure = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;

    const checkIndex = (index: number): void => {
      if (!Number.isInteger(index) || index < 0 || index >= nodeCount) {
        throw new RangeError(`node index ${index}: expected 0..${nodeCount - 1}`);
      }
    };
    let stopped = false;
    return {
      nodeUrls: store.nodes().map((n) => n.url),
      rpcUrl,
      networkPublicKey: opened.meta.networkPublicKey,
      threshold: opened.meta.threshold,
      created: opened.created,
      async stop() {
        if (stopped) return;
        stopped = true;
        await cleanup();
      },
      async killNode(index) {
        checkIndex(index);
        const handle = handles[index];
        handles[index] = undefined;
        await handle?.kill();
      },
      async restartNode(index) {
        checkIndex(index);
        const handle = handles[index];
        handles[index] = undefined;
        await handle?.stop();
        handles[index] = await launch(index);
      },
    };
  } catch (error) {
    await cleanup();
    if (madeDir !== undefined) {
      try {
        rmSync(madeDir, { recursive: true, force: true });
      } catch (removeError) {
        onEvent(`devnet: could not remove ${madeDir}: ${oneLine(removeError)}`);
      }
    }
    throw error;
  }
}

/** The node count of the network already in `dataDir`; undefined for a new dir (or one
 * openNetwork will refuse with its own message). */
function existingNodeCount(dataDir: string): number | undefined {
  const path = chainDbPath(dataDir);
  if (!existsSync(path)) return undefined;
  let chain: ChainReader | undefined;
  try {
    chain = ChainReader.open(path);
    return chain.networkOrUndefined()?.nodeCount;
  } catch {
    return undefined;
  } finally {
    chain?.close();
  }
}

async function listenChain(app: FastifyInstance, port: number): Promise<void> {
  try {
    await app.listen({ host: DEVNET_HOST, port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DevnetError(
      `rpc port ${port} ${code === 'EADDRINUSE' ? 'is already in use' : `failed (${code})`}`,
    );
  }
}

// The devnet's command line: every flag validated up front (those that depend on the node count
// again by the devnet when the count comes from the data dir), and every mistake reported as one
// line naming the flag (exit code 2).
import { parseArgs } from 'node:util';
import {
  DEFAULT_BLOCK_INTERVAL_SECONDS,
  DEFAULT_DATA_DIR,
  DEFAULT_NODES,
  DEFAULT_PORT,
  DEFAULT_RPC_PORT,
  MAX_BLOCK_INTERVAL_SECONDS,
  MAX_NODES,
} from './config';
import { DevnetError } from './errors';

export interface CliOptions {
  /** Given explicitly; undefined lets a data dir keep its own (3 for a new one). */
  nodes?: number;
  threshold?: number;
  port: number;
  rpcPort: number;
  dataDir: string;
  processes: boolean;
  blockIntervalSeconds: number;
  rateLimit: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run devnet -- [flags]

  --nodes N            nodes in a new network (default ${DEFAULT_NODES}, at most ${MAX_NODES})
  --threshold T        signatures needed, 2..N (default ⌈2N/3⌉: 2 of 3)
  --port P             node i serves http://127.0.0.1:<P+i> (default ${DEFAULT_PORT})
  --rpc-port P         chain JSON-RPC and admin API (default ${DEFAULT_RPC_PORT})
  --data-dir DIR       state (SQLite); reused on restart (default ${DEFAULT_DATA_DIR})
  --processes          run each node as its own OS process
  --block-interval S   seconds between blocks (default ${DEFAULT_BLOCK_INTERVAL_SECONDS})
  --rate-limit         requests need a capacity credit (off by default)
  --help               this text`;

const VALUE_FLAGS = ['nodes', 'threshold', 'port', 'rpc-port', 'data-dir', 'block-interval'];
const BOOLEAN_FLAGS = ['processes', 'rate-limit', 'help'];

const fail = (message: string): never => {
  throw new DevnetError(message, 2);
};

/** The flags whose meaning depends on the node count. */
export interface NetworkFlags {
  nodes: number;
  threshold?: number;
  port: number;
  rpcPort: number;
}

/**
 * Checks the threshold and the port ranges against `nodes`; throws a DevnetError (exit 2) on the
 * first mistake. `whose` says where the count came from when no --nodes was given (" of the
 * network in .devnet"); `fewest` that `nodes` is only the fewest a network has. The CLI checks
 * what it can before it knows the count; the devnet checks again with the data dir's count before
 * anything starts.
 */
export function checkNetworkFlags(flags: NetworkFlags, whose = '', fewest = false): void {
  const { nodes, threshold, port, rpcPort } = flags;
  if (threshold !== undefined && threshold < 2) {
    fail(`--threshold must be at least 2, got ${threshold}`);
  }
  if (threshold !== undefined && threshold > nodes) {
    fail(`--threshold ${threshold} is more than the ${nodes} nodes${whose}`);
  }
  const lastPort = port + nodes - 1;
  if (lastPort > 65535) {
    const even = fewest ? 'even ' : '';
    fail(`--port ${port} leaves no room for ${even}${nodes} nodes${whose} (up to ${lastPort})`);
  }
  if (rpcPort >= port && rpcPort <= lastPort) {
    // Before the count is known, only the first ports are sure: "8000-…", not "8000-8001".
    const range = fewest
      ? `${port}-… (${port}-${lastPort} even with ${nodes} nodes)`
      : `${port}-${lastPort}`;
    fail(`--rpc-port ${rpcPort} overlaps the node ports ${range}${whose}`);
  }
}

function integer(flag: string, text: string, min: number, max: number): number {
  if (!/^[0-9]{1,9}$/.test(text)) fail(`--${flag} must be a whole number, got "${text}"`);
  const n = Number(text);
  if (n < min || n > max) fail(`--${flag} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** Parses `argv` (without node and script); throws a DevnetError (exit 2) on the first mistake. */
export function parseFlags(argv: readonly string[]): CliOptions {
  const { tokens } = parseArgs({
    args: [...argv],
    options: {
      ...Object.fromEntries(VALUE_FLAGS.map((f) => [f, { type: 'string' as const }])),
      ...Object.fromEntries(BOOLEAN_FLAGS.map((f) => [f, { type: 'boolean' as const }])),
      help: { type: 'boolean', short: 'h' },
    },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values = new Map<string, string | true>();
  for (const token of tokens) {
    if (token.kind === 'positional') fail(`unexpected argument "${token.value}" (see --help)`);
    if (token.kind !== 'option') continue;
    const { name, rawName } = token;
    if (!VALUE_FLAGS.includes(name) && !BOOLEAN_FLAGS.includes(name)) {
      fail(`unknown flag ${rawName} (see --help)`);
    }
    if (values.has(name)) fail(`--${name} is given more than once`);
    if (BOOLEAN_FLAGS.includes(name)) {
      if (token.value !== undefined) fail(`--${name} takes no value`);
      values.set(name, true);
    } else {
      // `--nodes --threshold 2`: the next flag is not a value.
      const swallowedFlag = !token.inlineValue && token.value?.startsWith('--');
      if (token.value === undefined || swallowedFlag) fail(`--${name} needs a value`);
      values.set(name, token.value!);
    }
  }
  const text = (flag: string): string | undefined => values.get(flag) as string | undefined;

  const nodesText = text('nodes');
  const nodes = nodesText === undefined ? undefined : integer('nodes', nodesText, 2, MAX_NODES);
  const thresholdText = text('threshold');
  const threshold =
    thresholdText === undefined ? undefined : integer('threshold', thresholdText, 2, MAX_NODES);
  const port = integer('port', text('port') ?? String(DEFAULT_PORT), 1, 65535);
  const rpcPort = integer('rpc-port', text('rpc-port') ?? String(DEFAULT_RPC_PORT), 1, 65535);
  if (nodes !== undefined) {
    checkNetworkFlags({ nodes, port, rpcPort, ...(threshold !== undefined ? { threshold } : {}) });
  } else {
    // The count is the data dir's (or 3 for a new one): check now only what fails for any
    // network, which has 2 nodes at least; the devnet checks the rest once it knows the count.
    checkNetworkFlags({ nodes: 2, port, rpcPort }, '', true);
  }
  const dataDir = text('data-dir') ?? DEFAULT_DATA_DIR;
  if (dataDir.trim() === '') fail('--data-dir must not be empty');
  const blockIntervalSeconds = integer(
    'block-interval',
    text('block-interval') ?? String(DEFAULT_BLOCK_INTERVAL_SECONDS),
    1,
    MAX_BLOCK_INTERVAL_SECONDS,
  );
  return {
    ...(nodes !== undefined ? { nodes } : {}),
    ...(threshold !== undefined ? { threshold } : {}),
    port,
    rpcPort,
    dataDir,
    processes: values.has('processes'),
    blockIntervalSeconds,
    rateLimit: values.has('rate-limit'),
    help: values.has('help'),
  };
}

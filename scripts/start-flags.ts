// `npm start` flags: each validated before anything starts; a mistake is one line (exit 2).
import { parseArgs } from 'node:util';

export interface StartOptions {
  help: boolean;
  headless: boolean;
  build: boolean;
  /** Where `--headless` writes its pictures. */
  outDir: string;
  dataDir: string;
  /** Node i serves 127.0.0.1:<port + i>. */
  port: number;
  rpcPort: number;
  demoPort: number;
}

export const START_USAGE = `Usage: npm start -- [flags]

  --headless        run the demo's steps in headless Chromium and write pictures to --out
  --out DIR         where --headless writes its pictures (default demo-output)
  --no-build        use dist/ as it is (the tests build it first)
  --data-dir DIR    the devnet's state, reused across runs (default .devnet)
  --port P          node i serves http://127.0.0.1:<P+i> (default 7470)
  --rpc-port P      the devnet's chain and admin API (default 8545)
  --demo-port P     the demo dApp (default 5180)
  --help            this text`;

export class StartFlagError extends Error {}

const fail = (message: string): never => {
  throw new StartFlagError(message);
};

function port(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^[0-9]{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) {
    fail(`--${flag} must be a port from 1 to 65535, got "${text}"`);
  }
  return Number(text);
}

function dir(flag: string, text: string | undefined, fallback: string): string {
  if (text === undefined) return fallback;
  if (text.trim() === '' || text.startsWith('--')) fail(`--${flag} needs a directory`);
  return text;
}

/** Parses `argv` (after `npm start --`); throws a StartFlagError naming the first mistake. */
export function parseStartFlags(argv: readonly string[], nodes = 3): StartOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        headless: { type: 'boolean' },
        'no-build': { type: 'boolean' },
        out: { type: 'string' },
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        'rpc-port': { type: 'string' },
        'demo-port': { type: 'string' },
      },
    }));
  } catch (e) {
    // node:util's messages run to three sentences; the first names the problem.
    throw new StartFlagError((e as Error).message.split('. ')[0]!.replace(/\.$/, ''));
  }
  const text = (flag: string) => values[flag] as string | undefined;
  const options: StartOptions = {
    help: values.help === true,
    headless: values.headless === true,
    build: values['no-build'] !== true,
    outDir: dir('out', text('out'), 'demo-output'),
    dataDir: dir('data-dir', text('data-dir'), '.devnet'),
    port: port('port', text('port'), 7470),
    rpcPort: port('rpc-port', text('rpc-port'), 8545),
    demoPort: port('demo-port', text('demo-port'), 5180),
  };
  if (text('out') !== undefined && !options.headless) fail('--out goes with --headless');
  const last = options.port + nodes - 1;
  if (last > 65535) fail(`--port ${options.port} leaves no room for ${nodes} nodes`);
  const onNodes = (p: number) => p >= options.port && p <= last;
  if (onNodes(options.rpcPort)) {
    fail(`--rpc-port ${options.rpcPort} overlaps the node ports ${options.port}-${last}`);
  }
  if (onNodes(options.demoPort) || options.demoPort === options.rpcPort) {
    fail(`--demo-port ${options.demoPort} overlaps the devnet's ports`);
  }
  return options;
}

// `npm run devnet`: parse the flags, start the devnet, print one ready line, and stop cleanly on
// SIGINT/SIGTERM. Every failure is one line on stderr and a non-zero exit.
import { DevnetError, oneLine } from './errors';
import { USAGE, parseFlags } from './flags';
import { startDevnet, type Devnet } from './network';

function exitWith(error: unknown): never {
  process.stderr.write(`devnet: ${oneLine(error)}\n`);
  process.exit(error instanceof DevnetError ? error.exitCode : 1);
}

async function main(argv: readonly string[]): Promise<void> {
  const options = parseFlags(argv);
  if (options.help) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const devnet: Devnet = await startDevnet({
    dataDir: options.dataDir,
    port: options.port,
    rpcPort: options.rpcPort,
    processes: options.processes,
    blockIntervalSeconds: options.blockIntervalSeconds,
    rateLimit: options.rateLimit,
    ...(options.nodes !== undefined ? { nodes: options.nodes } : {}),
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
  });
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    // A second Ctrl-C while stopping means "now".
    if (stopping) process.exit(signal === 'SIGINT' ? 130 : 143);
    stopping = true;
    devnet.stop().then(
      () => process.exit(0),
      (error: unknown) => exitWith(error),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.stdout.write(
    `devnet ready: nodes ${devnet.nodeUrls.join(',')} threshold ${devnet.threshold} ` +
      `network key ${devnet.networkPublicKey} rpc ${devnet.rpcUrl}\n`,
  );
}

main(process.argv.slice(2)).catch(exitWith);

// A node as its own OS process (devnet --processes): forked by the devnet with an IPC channel,
// it reports `ready` or a one-line `error`, and exits when told to stop or when its parent dies.
import { parseArgs } from 'node:util';
import { oneLine } from '../errors';
import { ipcPresignSource, type PresignAsk } from '../presign/presign-ipc';
import { startNode, type RunningNode } from './start-node';

/** What a node process tells its parent over IPC. */
export type NodeProcessMessage =
  | { type: 'ready'; index: number; url: string }
  | { type: 'error'; index: number; message: string }
  | PresignAsk;

function send(message: NodeProcessMessage): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      index: { type: 'string' },
      'rpc-url': { type: 'string' },
      'rate-limit': { type: 'boolean' },
      'action-timeout-ms': { type: 'string' },
    },
    strict: true,
  });
  const index = Number(values.index);
  const dataDir = values['data-dir'];
  const actionTimeoutMs =
    values['action-timeout-ms'] === undefined ? undefined : Number(values['action-timeout-ms']);
  const badTimeout =
    actionTimeoutMs !== undefined && (!Number.isInteger(actionTimeoutMs) || actionTimeoutMs < 1);
  if (!dataDir || !Number.isInteger(index) || index < 0 || badTimeout) {
    throw new Error(
      'usage: process-entry.ts --data-dir <dir> --index <i> [--rpc-url <url>] [--rate-limit] ' +
        '[--action-timeout-ms <ms>]',
    );
  }
  let node: RunningNode;
  try {
    node = await startNode({
      dataDir,
      index,
      presign: ipcPresignSource(),
      rateLimit: values['rate-limit'] === true,
      ...(values['rpc-url'] !== undefined ? { rpcUrl: values['rpc-url'] } : {}),
      ...(actionTimeoutMs !== undefined ? { actionTimeoutMs } : {}),
    });
  } catch (error) {
    send({ type: 'error', index, message: oneLine(error) });
    process.exitCode = 1;
    process.disconnect?.();
    return;
  }
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    node.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  // Ctrl-C reaches the whole process group: the devnet stops its nodes itself, in order.
  process.on('SIGINT', () => {});
  // An orphaned node would keep its port: leave with the parent.
  process.on('disconnect', stop);
  send({ type: 'ready', index, url: node.url });
}

main().catch((error: unknown) => {
  process.stderr.write(`devnet node process: ${oneLine(error)}\n`);
  process.exit(1);
});

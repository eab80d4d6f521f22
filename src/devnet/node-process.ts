// A node run as its own OS process (--processes): fork process-entry.ts, wait for its `ready`
// (or report why it failed), and stop it gently or kill it outright.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DevnetError } from './errors';
import type { NodeProcessMessage } from './node/process-entry';
import type { PresignSource } from './presign/presign-dealer';
import { answerPresignAsks } from './presign/presign-ipc';

const ENTRY = fileURLToPath(new URL('./node/process-entry.ts', import.meta.url));
// `--import tsx` resolves from the working directory: the project root.
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

export interface NodeProcess {
  index: number;
  url: string;
  pid: number;
  /** SIGTERM, then SIGKILL if it does not exit in time. */
  stop(): Promise<void>;
  /** SIGKILL: a real fault. */
  kill(): Promise<void>;
}

export interface ForkNodeOptions {
  /** Absolute (`startDevnet` resolves it): the child runs in the project root. */
  dataDir: string;
  index: number;
  /** The dealer bound to this node: its presignature asks over IPC are answered from here. */
  presign: PresignSource;
  rpcUrl?: string;
  rateLimit?: boolean;
  actionTimeoutMs?: number;
  /** Called when the process exits without being asked to (a crash, an outside kill). */
  onUnexpectedExit(index: number, description: string): void;
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));

const describeExit = (code: number | null, signal: NodeJS.Signals | null): string =>
  signal ? `killed by ${signal}` : `exited with code ${code}`;

export function forkNode({
  dataDir,
  index,
  presign,
  rpcUrl,
  rateLimit,
  actionTimeoutMs,
  onUnexpectedExit,
}: ForkNodeOptions): Promise<NodeProcess> {
  const args = ['--data-dir', dataDir, '--index', String(index)];
  if (rpcUrl !== undefined) args.push('--rpc-url', rpcUrl);
  if (rateLimit) args.push('--rate-limit');
  if (actionTimeoutMs !== undefined) args.push('--action-timeout-ms', String(actionTimeoutMs));
  const child = fork(ENTRY, args, {
    cwd: PROJECT_ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  answerPresignAsks(child, presign);
  let ready = false;
  let expectingExit = false;
  let stderrTail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-2000);
    if (ready) process.stderr.write(chunk);
  });

  const handle = (url: string): NodeProcess => ({
    index,
    url,
    pid: child.pid!,
    async stop() {
      expectingExit = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited(child);
      clearTimeout(timer);
    },
    async kill() {
      expectingExit = true;
      child.kill('SIGKILL');
      await exited(child);
    },
  });

  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (reason: string): void => {
      if (failed) return;
      failed = true;
      clearTimeout(timer);
      expectingExit = true;
      child.kill('SIGKILL');
      reject(new DevnetError(`node ${index} failed to start: ${reason}`));
    };
    const timer = setTimeout(
      () => fail(`no ready message in ${START_TIMEOUT_MS / 1000} s`),
      START_TIMEOUT_MS,
    );
    child.on('message', (message: NodeProcessMessage) => {
      if (ready || message.type === 'presign') return;
      if (message.type === 'ready') {
        ready = true;
        clearTimeout(timer);
        resolve(handle(message.url));
      } else if (message.type === 'error') {
        fail(message.message);
      }
    });
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => {
      if (!ready) {
        const lastLine = stderrTail.trim().split('\n').pop();
        fail(lastLine || describeExit(code, signal));
      } else if (!expectingExit) {
        onUnexpectedExit(index, describeExit(code, signal));
      }
    });
  });
}

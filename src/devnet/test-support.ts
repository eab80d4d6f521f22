// Helpers shared by the devnet's tests and benches: a temp data dir per test, removed
// afterwards, and the usual 3-node, threshold-2 devnet on free ports in one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevnet, type Devnet, type DevnetOptions } from './network';
import { pickFreePorts } from './ports';

export function tempDataDir(prefix = 'devnet-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export type TestDevnetOptions = Partial<Omit<DevnetOptions, 'dataDir' | 'port' | 'rpcPort'>> & {
  /** The temp data dir's name prefix. */
  prefix?: string;
};

/**
 * A devnet of 3 nodes, threshold 2 (unless told otherwise) on free ports in a temp dir, with
 * blocks only at start (tests use the first block hash as their nonce).
 */
export async function startTestDevnet(
  options: TestDevnetOptions = {},
): Promise<{ devnet: Devnet; temp: ReturnType<typeof tempDataDir> }> {
  const { prefix, ...rest } = options;
  const temp = tempDataDir(prefix);
  const nodes = rest.nodes ?? 3;
  try {
    const devnet = await startDevnet({
      dataDir: temp.dir,
      ...(await pickFreePorts(nodes)),
      nodes,
      threshold: 2,
      blockIntervalSeconds: 3600,
      ...rest,
    });
    return { devnet, temp };
  } catch (error) {
    temp.remove();
    throw error;
  }
}

/** POSTs to the devnet's own API (`/devnet/…` on the chain stand-in); anything but 200 throws. */
export async function postDevnetAdmin<T>(
  devnet: Pick<Devnet, 'rpcUrl'>,
  path: string,
  body: unknown,
): Promise<T> {
  const response = await fetch(`${devnet.rpcUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

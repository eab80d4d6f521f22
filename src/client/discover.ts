// Connecting to a Lit network the way Lit's client does for `custom` networks: read the node
// list from the Staking contract over JSON-RPC, then handshake with every node.
import { jsonRpc } from './json-rpc';
import { handshake, type NetworkState } from './handshake';
import {
  CUSTOM_STAKING_ADDRESS,
  STAKING_READ_SELECTOR,
  decodeStakingRead,
  validatorUrl,
} from './staking-read';

export interface LitNetwork extends NetworkState {
  rpcUrl: string;
  /** Every node the chain lists (`nodeUrls` are those that handshook). */
  listedNodeUrls: string[];
  /** Signatures needed (the chain's `minNodeCount`). */
  threshold: number;
  epoch: number;
}

export interface DiscoverOptions {
  /** The chain's JSON-RPC URL; the devnet's by default. */
  rpcUrl?: string;
  stakingAddress?: string;
  timeoutMs?: number;
}

export const DEVNET_RPC_URL = 'http://127.0.0.1:8545';

export async function discoverNetwork(options: DiscoverOptions = {}): Promise<LitNetwork> {
  const rpcUrl = options.rpcUrl ?? DEVNET_RPC_URL;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const raw = await jsonRpc(
    rpcUrl,
    'eth_call',
    [
      { to: options.stakingAddress ?? CUSTOM_STAKING_ADDRESS, data: STAKING_READ_SELECTOR },
      'latest',
    ],
    { timeoutMs },
  );
  if (typeof raw !== 'string') throw new Error('staking read: eth_call returned no data');
  const read = decodeStakingRead(raw);
  if (read.minNodeCount < 2) throw new Error('staking read: a threshold below 2 is not safe');
  if (read.validators.length < read.minNodeCount) {
    throw new Error(
      `staking read: ${read.validators.length} validators listed, ${read.minNodeCount} needed`,
    );
  }
  const listedNodeUrls = read.validators.map(validatorUrl);
  const epoch = Number(read.epoch.number);
  const state = await handshake(listedNodeUrls, { epoch, threshold: read.minNodeCount, timeoutMs });
  return { ...state, rpcUrl, listedNodeUrls, threshold: read.minNodeCount, epoch };
}

// Fixed facts of the devnet: defaults, limits and the addresses Lit's SDK expects on `custom`.

export const DEFAULT_NODES = 3;
export const DEFAULT_PORT = 7470;
export const DEFAULT_RPC_PORT = 8545;
export const DEFAULT_DATA_DIR = '.devnet';
export const DEFAULT_BLOCK_INTERVAL_SECONDS = 12;
/** Enough for any local test; Lit's share ids are one byte, and each node is a process. */
export const MAX_NODES = 32;
export const MAX_BLOCK_INTERVAL_SECONDS = 3600;
/** Nodes and the chain listen on loopback only. */
export const DEVNET_HOST = '127.0.0.1';
/** Anvil's chain id: Lit's `custom` network is its contracts deployed on a local anvil. */
export const DEVNET_CHAIN_ID = 31337;
/** Staking contract Lit's 7.x SDK reads on `custom` (datil-dev's deployment, bundled in the SDK). */
export const STAKING_CONTRACT_ADDRESS = '0xD4507CD392Af2c80919219d7896508728f6A623F';
/** secp256k1 root keys for PKP derivation; Lit's wasm special-cases a single root. */
export const HD_ROOT_COUNT = 2;
/** Request bodies above this get 413, on the nodes and on the chain. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** The staking read's epoch: fixed, since the devnet's validator set never rotates. */
export const EPOCH_NUMBER = 1;
export const EPOCH_LENGTH_SECONDS = 3600;

/** Lit's two-thirds rule, never below 2: 2 of 3, 3 of 4, 4 of 5… */
export function defaultThreshold(nodes: number): number {
  return Math.max(2, Math.ceil((2 * nodes) / 3));
}

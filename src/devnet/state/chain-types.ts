// Records the chain stand-in keeps: what Lit's staking and PKP contracts would hold on a real chain.

/** The staking contract's epoch, as `getActiveUnkickedValidatorStructsAndCounts` returns it. */
export interface EpochInfo {
  number: number;
  /** Seconds. */
  epochLength: number;
  /** Unix seconds. */
  endTime: number;
  retries: number;
  /** Seconds. */
  timeout: number;
}

export interface NetworkMeta {
  /** 32 random bytes, hex: ties every node DB to the chain DB it was dealt with. */
  networkId: string;
  chainId: number;
  nodeCount: number;
  threshold: number;
  epoch: EpochInfo;
  /** BLS12-381 root public key, G1 compressed, 96 hex. */
  networkPublicKey: string;
  /** secp256k1 root public keys for PKPs, compressed, 66 hex each, in derivation order. */
  hdRootPubkeys: string[];
  /** Unix seconds. */
  createdAt: number;
}

export interface NodeRecord {
  /** 0-based; the node's BLS share id is index + 1. */
  index: number;
  host: string;
  port: number;
  url: string;
  /** The node wallet's checksummed address (the validator's `nodeAddress`). */
  nodeAddress: string;
  blsShareId: number;
  /** This node's BLS public share, G1 compressed, 96 hex. */
  blsPublicShare: string;
}

export interface BlockRecord {
  number: number;
  /** `0x` + 64 lowercase hex. */
  hash: string;
  parentHash: string;
  /** Unix seconds. */
  timestamp: number;
}

export interface AuthMethodPermission {
  authMethodType: number;
  /** `0x` + lowercase hex. */
  authMethodId: string;
  /** Sorted, distinct: 0 none, 1 sign anything, 2 personal sign. */
  scopes: number[];
}

export interface PkpPermissions {
  /** Checksummed. */
  permittedAddresses: string[];
  permittedAuthMethods: AuthMethodPermission[];
  /** IPFS CIDv0 (`Qm…`). */
  permittedActions: string[];
}

export interface PkpRecord extends PkpPermissions {
  /** keccak256 of the uncompressed key: 64 lowercase hex, no `0x`. */
  tokenId: string;
  /** `0x04…`, 65 bytes. */
  publicKey: string;
  ethAddress: string;
  /** The 32-byte HD key id the key was derived from, `0x` hex. */
  keyId: string;
  owner: string | null;
  mintedAt: number;
}

export interface CapacityCredit {
  /** Decimal. */
  tokenId: string;
  owner: string;
  requestsPerKilosecond: number;
  /** Unix seconds. */
  expiresAt: number;
  mintedAt: number;
}

// The devnet's trusted dealer: at genesis it makes the BLS root key, the secp256k1 root keys for
// PKPs and a wallet per node, and splits the root keys into t-of-n Shamir shares. A production
// network runs a DKG instead; this is the devnet's documented trust assumption.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { randomBlsSecretKey } from '../protocol/bls';
import { toHex } from '../protocol/bytes';
import { addressFromPublicKey } from '../protocol/ethereum';
import { dealShares } from '../protocol/shamir';
import { HD_ROOT_COUNT } from './config';
import { dealScalarShares } from './field-shamir';
import { SECP256K1_ORDER } from './hd-keys';

export interface DealtNode {
  index: number;
  blsShare: { id: number; secretKey: Uint8Array; publicKey: Uint8Array };
  ecdsaRootShares: { id: number; secretKey: Uint8Array }[];
  walletPrivateKey: Uint8Array;
  walletAddress: string;
}

export interface DealtNetwork {
  /** 32 random bytes, hex. */
  networkId: string;
  threshold: number;
  /** BLS root public key, 48 bytes compressed G1. */
  blsPublicKey: Uint8Array;
  /** secp256k1 root public keys, 33 bytes compressed each. */
  hdRootPublicKeys: Uint8Array[];
  /** The root secret keys, 32 bytes each: kept only by the online dealer (dealer.sqlite). */
  hdRootSecretKeys: Uint8Array[];
  nodes: DealtNode[];
}

function randomSecpScalar(): bigint {
  for (;;) {
    // 48 bytes reduced mod n: the bias is below 2^-128.
    const s = bytesToNumberBE(randomBytes(48)) % SECP256K1_ORDER;
    if (s !== 0n) return s;
  }
}

/** Deals a fresh network of `count` nodes, any `threshold` of which can sign. */
export function dealNetwork(count: number, threshold: number): DealtNetwork {
  const blsSecret = randomBlsSecretKey();
  const bls = dealShares(blsSecret, threshold, count);
  blsSecret.fill(0);

  const hdRootPublicKeys: Uint8Array[] = [];
  const hdRootSecretKeys: Uint8Array[] = [];
  const rootShares: bigint[][] = [];
  for (let r = 0; r < HD_ROOT_COUNT; r++) {
    const secret = randomSecpScalar();
    hdRootPublicKeys.push(secp256k1.Point.BASE.multiply(secret).toBytes(true));
    hdRootSecretKeys.push(numberToBytesBE(secret, 32));
    rootShares.push(
      dealScalarShares(secret, threshold, count, SECP256K1_ORDER, randomSecpScalar).map(
        (s) => s.value,
      ),
    );
  }

  const nodes = bls.shares.map((share, index): DealtNode => {
    const walletPrivateKey = numberToBytesBE(randomSecpScalar(), 32);
    return {
      index,
      blsShare: { id: share.id, secretKey: share.secretKey, publicKey: share.publicKey },
      ecdsaRootShares: rootShares.map((shares) => ({
        id: share.id,
        secretKey: numberToBytesBE(shares[index]!, 32),
      })),
      walletPrivateKey,
      walletAddress: addressFromPublicKey(secp256k1.getPublicKey(walletPrivateKey, false)),
    };
  });
  return {
    networkId: toHex(randomBytes(32)),
    threshold,
    blsPublicKey: bls.publicKey,
    hdRootPublicKeys,
    hdRootSecretKeys,
    nodes,
  };
}

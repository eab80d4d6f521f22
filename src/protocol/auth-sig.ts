// AuthSigs: one JSON shape, four kinds (wire doc section 2). Builders produce the same objects,
// with the same key order, as Lit's SDK, so they stringify to the same bytes.
import { fromHex, toHex } from './bytes';
import {
  addressFromPublicKey,
  eip191Hash,
  type MessageSigner,
  recoverAddress,
  toChecksumAddress,
} from './ethereum';
import { LIT_RESOURCE_PREFIX } from './resources';
import { parseSiweMessage } from './siwe';
import { createSiweMessageWithRecaps } from './siwe-recap';

/** The one JSON shape of every AuthSig. */
export interface AuthSig {
  sig: string;
  derivedVia: string;
  signedMessage: string;
  address: string;
  algo?: string;
}

/** An EOA's EIP-191 signature of a SIWE message. */
export interface WalletAuthSig extends AuthSig {
  derivedVia: 'web3.eth.personal.sign';
}

/** The network's combined BLS signature of a PKP session's SIWE message. */
export interface NetworkAuthSig extends AuthSig {
  derivedVia: 'lit.bls';
  algo: 'LIT_BLS';
}

/** A contract wallet's EIP-1271 signature. */
export interface ContractAuthSig extends AuthSig {
  derivedVia: 'EIP1271' | 'EIP1271_SHA256';
}

/** A session key's Ed25519 signature of a per-node signed message. */
export interface SessionSig extends AuthSig {
  derivedVia: 'litSessionSignViaNacl';
  algo: 'ed25519';
}

export type AuthSigKind = 'wallet' | 'network' | 'contract' | 'session';

export const DERIVED_VIA = {
  wallet: 'web3.eth.personal.sign',
  network: 'lit.bls',
  contract: 'EIP1271',
  session: 'litSessionSignViaNacl',
} as const;

/** True when `value` has the AuthSig shape: four strings and an optional string `algo`. */
export function isAuthSig(value: unknown): value is AuthSig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.sig === 'string' &&
    typeof v.derivedVia === 'string' &&
    typeof v.signedMessage === 'string' &&
    typeof v.address === 'string' &&
    (v.algo === undefined || v.algo === null || typeof v.algo === 'string')
  );
}

/**
 * The kind a node assigns (its `determine_auth_material_type`): a session or network kind needs
 * both `derivedVia` and `algo`; `EIP1271` is a contract; everything else is read as a wallet.
 */
export function authSigKind(authSig: Pick<AuthSig, 'derivedVia' | 'algo'>): AuthSigKind {
  if (typeof authSig !== 'object' || authSig === null) return 'wallet';
  if (authSig.derivedVia === 'litSessionSignViaNacl' && authSig.algo === 'ed25519')
    return 'session';
  if (authSig.derivedVia === 'EIP1271') return 'contract';
  if (authSig.derivedVia === 'lit.bls' && authSig.algo === 'LIT_BLS') return 'network';
  return 'wallet';
}

const SIG65_RE = /^0x[0-9a-fA-F]{130}$/;

/**
 * A wallet AuthSig of `message` from any signer with `signMessage` (an ethers Signer, an EIP-1193
 * wallet adapter, `privateKeySigner`). `address` defaults to `getAddress()` or else the recovered
 * signer; throws when the signature is malformed or was not made by that address.
 */
export async function createWalletAuthSig(params: {
  signer: MessageSigner;
  message: string;
  address?: string;
}): Promise<WalletAuthSig> {
  if (typeof params !== 'object' || params === null) throw new TypeError('expected parameters');
  const { signer, message } = params;
  if (typeof signer?.signMessage !== 'function')
    throw new TypeError('signer: has no signMessage method');
  if (typeof message !== 'string') throw new TypeError('message: expected a string');
  const sig: unknown = await signer.signMessage(message);
  if (typeof sig !== 'string' || !SIG65_RE.test(sig)) {
    throw new TypeError('signer: signMessage did not return a 0x-prefixed 65-byte hex signature');
  }
  const recovered = recoverAddress(eip191Hash(message), sig);
  const claimed = params.address ?? (signer.getAddress ? await signer.getAddress() : recovered);
  const address = toChecksumAddress(claimed);
  if (address !== recovered) {
    throw new Error(`signer: the signature recovers to ${recovered}, not ${address}`);
  }
  return { sig, derivedVia: 'web3.eth.personal.sign', signedMessage: message, address };
}

/**
 * The network (`lit.bls`) AuthSig of a PKP session: `sig` is `{"ProofOfPossession":"<hex>"}` of
 * the 96-byte combined G2 signature; `address` is the PKP's address (given, or from its public key).
 */
export function createNetworkAuthSig(params: {
  signature: string | Uint8Array;
  siweMessage: string;
  address?: string;
  pkpPublicKey?: string | Uint8Array;
}): NetworkAuthSig {
  if (typeof params !== 'object' || params === null) throw new TypeError('expected parameters');
  const sigBytes =
    typeof params.signature === 'string'
      ? fromHex(params.signature, 96, 'signature')
      : params.signature;
  if (!(sigBytes instanceof Uint8Array) || sigBytes.length !== 96) {
    throw new TypeError('signature: expected a 96-byte compressed G2 signature');
  }
  let address: string;
  if (params.address !== undefined) address = toChecksumAddress(params.address);
  else if (params.pkpPublicKey !== undefined) address = addressFromPublicKey(params.pkpPublicKey);
  else throw new TypeError('expected the PKP address or public key');
  const siwe = parseSiweMessage(params.siweMessage);
  if (siwe.address !== address) {
    throw new Error(`siweMessage: its address ${siwe.address} is not the PKP address ${address}`);
  }
  return {
    sig: JSON.stringify({ ProofOfPossession: toHex(sigBytes) }),
    algo: 'LIT_BLS',
    derivedVia: 'lit.bls',
    signedMessage: params.siweMessage,
    address,
  };
}

/** The SIWE URI of a capacity credits delegation. */
export const CAPACITY_DELEGATION_URI = 'lit:capability:delegation';

export interface CapacityDelegationParams {
  /** The capacity credit owner's signer (an EOA). */
  signer: MessageSigner;
  /** The owner's address; default `signer.getAddress()` or the recovered signer. */
  address?: string;
  /** The network's latest block hash. */
  nonce: string;
  /** Decimal NFT id; default `*` (any of the owner's credits) with no `nft_id`. */
  capacityTokenId?: string;
  /** Addresses allowed to use it (the `0x` is dropped, as Lit does); omitted = anyone. */
  delegateeAddresses?: string[];
  uses?: string | number;
  expiration?: string;
  issuedAt?: string;
  now?: () => number;
  domain?: string;
  statement?: string;
}

/**
 * A capacity credits delegation AuthSig (wire doc section 12), as Lit's
 * `createCapacityDelegationAuthSig` makes it: a wallet AuthSig over a SIWE with URI
 * `lit:capability:delegation` and one recap `lit-ratelimitincrease://<id or *>` → `Auth/Auth`.
 */
export async function createCapacityDelegationAuthSig(
  params: CapacityDelegationParams,
): Promise<WalletAuthSig> {
  if (typeof params !== 'object' || params === null) throw new TypeError('expected parameters');
  const { signer } = params;
  const delegatees = params.delegateeAddresses;
  if (
    delegatees !== undefined &&
    (!Array.isArray(delegatees) || !delegatees.every((a) => typeof a === 'string'))
  ) {
    throw new TypeError('delegateeAddresses: expected an array of address strings');
  }
  if (params.capacityTokenId !== undefined && typeof params.capacityTokenId !== 'string') {
    throw new TypeError('capacityTokenId: expected a decimal string');
  }
  if (typeof signer?.signMessage !== 'function')
    throw new TypeError('signer: has no signMessage method');
  const claimed = params.address ?? (signer.getAddress ? await signer.getAddress() : undefined);
  if (claimed === undefined)
    throw new TypeError('expected the owner address or signer.getAddress()');
  const owner = toChecksumAddress(claimed);
  const data = {
    ...(params.capacityTokenId ? { nft_id: [params.capacityTokenId] } : {}),
    ...(params.delegateeAddresses
      ? { delegate_to: params.delegateeAddresses.map((a) => (a.startsWith('0x') ? a.slice(2) : a)) }
      : {}),
    ...(params.uses !== undefined ? { uses: params.uses.toString() } : {}),
  };
  const message = createSiweMessageWithRecaps({
    walletAddress: owner,
    uri: CAPACITY_DELEGATION_URI,
    nonce: params.nonce,
    ...(params.expiration !== undefined ? { expiration: params.expiration } : {}),
    ...(params.issuedAt !== undefined ? { issuedAt: params.issuedAt } : {}),
    ...(params.now !== undefined ? { now: params.now } : {}),
    ...(params.domain !== undefined ? { domain: params.domain } : {}),
    ...(params.statement !== undefined ? { statement: params.statement } : {}),
    resources: [
      {
        resource: {
          resource: params.capacityTokenId ?? '*',
          resourcePrefix: LIT_RESOURCE_PREFIX.RateLimitIncrease,
        },
        ability: 'rate-limit-increase-auth',
        data,
      },
    ],
  });
  return createWalletAuthSig({ signer, message, address: owner });
}

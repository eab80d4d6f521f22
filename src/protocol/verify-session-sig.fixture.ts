// Test fixture (not exported from index): a valid session sig for one node, built from parts a
// test can swap, with a wallet or a network (`lit.bls`) capability.
import {
  type AuthSig,
  createNetworkAuthSig,
  createWalletAuthSig,
  type SessionSig,
} from './auth-sig';
import { blsPublicKey, blsSign, sessionDigest } from './bls';
import { addressFromPublicKey, privateKeySigner } from './ethereum';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { type LitResourceAbilityRequest, pkpTokenIdFromPublicKey } from './resources';
import { sessionKeyFromSeed } from './session-key';
import {
  createSessionCapabilityMessage,
  createSessionSig,
  createSessionSignedMessage,
  type SessionSignedMessage,
} from './session-sigs';

export const T0 = Date.UTC(2025, 5, 1, 12, 0, 0);
export const NODE_ADDRESS = '127.0.0.1:7470';
export const NODE_URL = 'http://127.0.0.1:7470';
export const NONCE = '0x' + '5e'.repeat(32);
export const iso = (ms: number) => new Date(ms).toISOString();

export const wallet = privateKeySigner(new Uint8Array(32).fill(0x31));
export const sessionKey = sessionKeyFromSeed(new Uint8Array(32).fill(0x32));
export const otherSessionKey = sessionKeyFromSeed(new Uint8Array(32).fill(0x33));
export const pkpPublicKey = secp256k1.getPublicKey(new Uint8Array(32).fill(0x34), false);
export const pkpAddress = addressFromPublicKey(pkpPublicKey);
export const tokenId = pkpTokenIdFromPublicKey(pkpPublicKey);
// A fixed BLS root key (any scalar below the group order works).
export const blsSecret = new Uint8Array(32).fill(0x11);
export const networkPublicKey = blsPublicKey(blsSecret);

export const request: LitResourceAbilityRequest = {
  resource: { resource: tokenId, resourcePrefix: 'lit-pkp' },
  ability: 'pkp-signing',
};
export const pkpWildcard: LitResourceAbilityRequest = {
  resource: { resource: '*', resourcePrefix: 'lit-pkp' },
  ability: 'pkp-signing',
};

export interface CapabilityOptions {
  sessionPublicKey?: string;
  resources?: LitResourceAbilityRequest[];
  issuedAt?: number;
  expiration?: number;
  statement?: string;
}

/** The SIWE + ReCap a wallet (or, with `address`, the network) signs for the session key. */
export function capabilityMessage(o: CapabilityOptions = {}, address?: string): string {
  return createSessionCapabilityMessage({
    sessionPublicKey: o.sessionPublicKey ?? sessionKey.publicKey,
    walletAddress: address ?? '0x0000000000000000000000000000000000000000',
    nonce: NONCE,
    resources: o.resources ?? [pkpWildcard],
    issuedAt: iso(o.issuedAt ?? T0 - 60_000),
    expiration: iso(o.expiration ?? T0 + 3_600_000),
    ...(o.statement !== undefined ? { statement: o.statement } : {}),
  });
}

export async function walletCapability(o: CapabilityOptions = {}): Promise<AuthSig> {
  return createWalletAuthSig({
    signer: wallet,
    message: capabilityMessage(o, await wallet.getAddress()),
  });
}

export function networkCapability(o: CapabilityOptions = {}, secret = blsSecret): AuthSig {
  const siweMessage = capabilityMessage(o, pkpAddress);
  return createNetworkAuthSig({
    signature: blsSign(secret, sessionDigest(siweMessage)),
    siweMessage,
    address: pkpAddress,
  });
}

export function signedMessage(
  capabilities: AuthSig[],
  patch: Partial<SessionSignedMessage> = {},
): SessionSignedMessage {
  return {
    sessionKey: sessionKey.publicKey,
    resourceAbilityRequests: [request],
    capabilities,
    issuedAt: iso(T0),
    expiration: iso(T0 + 600_000),
    nodeAddress: NODE_URL,
    ...patch,
  };
}

/** Signs any text as the session key would (for re-signed mutations). */
export async function signText(text: string, key = sessionKey): Promise<SessionSig> {
  return createSessionSig(key, text);
}

export async function sessionSig(
  capabilities: AuthSig[],
  patch: Partial<SessionSignedMessage> = {},
): Promise<SessionSig> {
  return signText(createSessionSignedMessage(signedMessage(capabilities, patch)));
}

export const baseOptions = {
  nodeAddress: NODE_ADDRESS,
  request,
  networkPublicKey,
  now: () => T0,
};

// What a dApp asked for, in one shape for the three session kinds: the provider params turned
// into the PKP (checked on the curve, with its token id and address) and the deciding action
// (its CID computed here from the code, never taken from the page).
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex, utf8 } from '../../protocol/bytes';
import { addressFromPublicKey, uncompressedPublicKey } from '../../protocol/ethereum';
import { ipfsCidV0 } from '../../protocol/ipfs-cid';
import { canonicalJson } from '../../protocol/recap';
import { pkpTokenIdFromPublicKey } from '../../protocol/resources';
import {
  ProviderErrorCode,
  type ProviderParams,
  type ResourceAbilityRequest,
  type SessionKind,
  type SessionPkp,
  type WalletSource,
} from '../messages';
import type { SessionSubject } from './coverage';
import { ProviderRpcError } from './errors';

export interface LitActionRequest {
  /** The code, when the dApp sent it. */
  code: string | null;
  /** The CID the dApp named, when it sent no code. */
  ipfsId: string | null;
  cid: string;
  size: number | null;
  jsParams: Record<string, unknown>;
  jsParamsHash: string;
}

export interface SessionRequest {
  kind: SessionKind;
  resourceAbilityRequests: ResourceAbilityRequest[];
  expiration?: string;
  walletSource?: WalletSource;
  pkp?: SessionPkp;
  litAction?: LitActionRequest;
}

function common(params: ProviderParams<'lit_getSessionSigs'>) {
  return {
    resourceAbilityRequests: params.resourceAbilityRequests,
    ...(params.expiration !== undefined && { expiration: params.expiration }),
    ...(params.walletSource !== undefined && { walletSource: params.walletSource }),
  };
}

export function walletSessionRequest(params: ProviderParams<'lit_getSessionSigs'>): SessionRequest {
  return { kind: 'wallet', ...common(params) };
}

// A dApp signs with the same few PKPs again and again: each one's checked form is kept, since the
// curve checks and keccaks below take ~0.3 ms of every brokered call before it reaches the nodes.
const PKP_CACHE_SIZE = 64;
const knownPkps = new Map<string, SessionPkp>();

/** The PKP of a public key; -32602 naming the field when it is not a point on secp256k1. */
export function sessionPkp(publicKey: string, field = 'pkpPublicKey'): SessionPkp {
  const known = knownPkps.get(publicKey);
  if (known) return { ...known };
  let key: Uint8Array;
  try {
    key = uncompressedPublicKey(publicKey);
  } catch {
    throw new ProviderRpcError(
      ProviderErrorCode.invalidParams,
      `Invalid params: params.${field}: is not a point on secp256k1`,
    );
  }
  const pkp: SessionPkp = {
    publicKey: `0x${toHex(key)}`,
    tokenId: pkpTokenIdFromPublicKey(key),
    address: addressFromPublicKey(key),
  };
  if (knownPkps.size >= PKP_CACHE_SIZE) knownPkps.delete(knownPkps.keys().next().value!);
  knownPkps.set(publicKey, pkp);
  return { ...pkp };
}

export function pkpSessionRequest(params: ProviderParams<'lit_getPkpSessionSigs'>): SessionRequest {
  return { kind: 'pkp', ...common(params), pkp: sessionPkp(params.pkpPublicKey) };
}

export function litActionSessionRequest(
  params: ProviderParams<'lit_getLitActionSessionSigs'>,
): SessionRequest {
  const code = params.litActionCode ?? null;
  const jsParams = params.jsParams ?? {};
  return {
    kind: 'lit-action',
    ...common(params),
    pkp: sessionPkp(params.pkpPublicKey),
    litAction: {
      code,
      ipfsId: params.litActionIpfsId ?? null,
      cid: code !== null ? ipfsCidV0(code) : params.litActionIpfsId!,
      size: code !== null ? utf8(code).length : null,
      jsParams,
      jsParamsHash: toHex(sha256(utf8(canonicalJson(jsParams)))),
    },
  };
}

/** What a kept session must be to serve this request. */
export function subjectOf(
  request: Pick<SessionRequest, 'kind' | 'pkp' | 'litAction'>,
): SessionSubject {
  if (request.kind === 'wallet') return { kind: 'wallet' };
  const pkpPublicKey = request.pkp!.publicKey;
  if (request.kind === 'pkp') return { kind: 'pkp', pkpPublicKey };
  const { cid, jsParamsHash } = request.litAction!;
  return { kind: 'lit-action', pkpPublicKey, cid, jsParamsHash };
}

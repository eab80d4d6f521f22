// claimKeyId (lit-operations.md "Claiming"): every node signs the auth method's key id with its
// node wallet; with a threshold of signatures the chain mints the PKP whose key the client can
// already compute from the key id and the network's HD root keys.
import { z } from 'zod/mini';
import { fromHex, toHex, utf8 } from '../protocol/bytes';
import { eip191Hash, recoverAddress } from '../protocol/ethereum';
import { deriveHdPublicKey } from '../protocol/hd-keys';
import { keccak_256 } from '@noble/hashes/sha3.js';
import type { LitNetwork } from './discover';
import { gather, mostCommonError } from './gather';
import { NodeCallError, postJson } from './node-call';
import type { AuthMethod } from './sign-session-key';

export interface ClaimSignature {
  r: string;
  s: string;
  v: number;
  /** The node wallet that signed (recovered from the signature). */
  signer: string;
}

export interface ClaimKeyIdResult {
  /** The key id, 64 hex (no 0x). */
  claimedKeyId: string;
  /** The PKP key the key id derives, `04…` hex (no 0x), as Lit's client returns it. */
  pubkey: string;
  /** One per node that signed, in node order. */
  signatures: ClaimSignature[];
  /** What `mintCallback` returned, when one was given. */
  mintTx?: string;
  failures: { url: string; error: NodeCallError }[];
}

export interface ClaimKeyIdParams {
  /** An EthWallet auth method (type 1) whose accessToken is the wallet's AuthSig. */
  authMethod: AuthMethod;
  /** Mints the claimed key on the chain (on the devnet, its admin API's `/devnet/pkp/mint`). */
  mintCallback?: (claim: {
    derivedKeyId: string;
    pubkey: string;
    signatures: ClaimSignature[];
    authMethodType: number;
  }) => Promise<string>;
  timeoutMs?: number;
}

export class ClaimKeyError extends Error {
  constructor(
    message: string,
    readonly errorCode: string | undefined,
    readonly failures: { url: string; error: NodeCallError }[],
  ) {
    super(message);
    this.name = 'ClaimKeyError';
  }
}

const claimSchema = z.object({
  signature: z.string().check(z.regex(/^(0x)?[0-9a-fA-F]{130}$/)),
  derivedKeyId: z.string().check(z.regex(/^(0x)?[0-9a-fA-F]{64}$/)),
});

/** The key id an EthWallet auth method claims: keccak256("<address as written>:lit"). */
function expectedKeyId(authMethod: AuthMethod): string | null {
  if (authMethod.authMethodType !== 1) return null;
  try {
    const address = (JSON.parse(authMethod.accessToken) as { address?: unknown }).address;
    return typeof address === 'string' ? toHex(keccak_256(utf8(`${address}:lit`))) : null;
  } catch {
    return null;
  }
}

export async function claimKeyId(
  network: LitNetwork,
  params: ClaimKeyIdParams,
): Promise<ClaimKeyIdResult> {
  const timeoutMs = params.timeoutMs ?? 30_000;
  const expected = expectedKeyId(params.authMethod);
  const body = { authMethod: params.authMethod, epoch: network.epoch };
  const requestId = `lit_${toHex(crypto.getRandomValues(new Uint8Array(16)))}`;
  const gathered = await gather(
    network.nodeUrls,
    async (url, signal) => {
      const answer = claimSchema.safeParse(
        await postJson(`${url}/web/pkp/claim/`, body, { timeoutMs, requestId, signal }),
      );
      const bad = (message: string) =>
        new NodeCallError(url, { kind: 'invalid-response', message });
      if (!answer.success) throw bad('answered without a claim signature');
      const keyId = answer.data.derivedKeyId.replace(/^0x/, '').toLowerCase();
      if (expected !== null && keyId !== expected) throw bad(`signed another key id (${keyId})`);
      const sig = answer.data.signature.replace(/^0x/, '');
      let signer: string;
      try {
        signer = recoverAddress(eip191Hash(fromHex(keyId, 32)), sig);
      } catch {
        throw bad('its claim signature does not recover');
      }
      const v = parseInt(sig.slice(128), 16);
      return { keyId, r: `0x${sig.slice(0, 64)}`, s: `0x${sig.slice(64, 128)}`, v, signer };
    },
    // Like Lit's client, ask every node: the chain wants as many signatures as it can get.
    { enough: (s) => s.length === network.nodeUrls.length, timeoutMs },
  );
  const keyIds = new Set(gathered.successes.map((s) => s.value.keyId));
  if (gathered.successes.length < network.threshold || keyIds.size !== 1) {
    const common = mostCommonError(gathered.failures);
    throw new ClaimKeyError(
      `claimKeyId: ${gathered.successes.length} of ${network.nodeUrls.length} nodes signed` +
        (keyIds.size > 1 ? ' different key ids' : `, ${network.threshold} needed`) +
        (common ? ` (most common error: ${common.failure.message})` : ''),
      common?.errorCode,
      gathered.failures,
    );
  }
  const claimedKeyId = [...keyIds][0]!;
  const pubkey = toHex(
    deriveHdPublicKey(
      network.hdRootPubkeys.map((pk) => fromHex(pk.replace(/^0x/, ''))),
      fromHex(claimedKeyId, 32),
    ),
  );
  const order = (url: string) => network.listedNodeUrls.indexOf(url);
  const signatures = gathered.successes
    .sort((a, b) => order(a.url) - order(b.url))
    .map(({ value: { r, s, v, signer } }) => ({ r, s, v, signer }));
  const mintTx = await params.mintCallback?.({
    derivedKeyId: claimedKeyId,
    pubkey,
    signatures,
    authMethodType: params.authMethod.authMethodType,
  });
  return {
    claimedKeyId,
    pubkey,
    signatures,
    ...(mintTx !== undefined ? { mintTx } : {}),
    failures: gathered.failures,
  };
}

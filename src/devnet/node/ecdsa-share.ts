// A node's share of a threshold ECDSA signature with a PKP: the one signing step pkpSign and Lit
// Actions' signEcdsa share. It checks the PKP's permissions (scope 1, sign anything) for the
// caller, works out whether this node is in the request's signing set, gets its presignature
// shares from the dealer over its private line, and answers in Lit's share shape.
import { ECDH } from 'node:crypto';
import { mod } from '@noble/curves/abstract/modular.js';
import { bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils.js';
import { fromHex, toHex } from '../../protocol/bytes';
import { LitNodeError } from '../../protocol/errors';
import { pkpSigningSet } from '../../protocol/pkp-signature';
import { pkpTokenIdFromPublicKey } from '../../protocol/resources';
import { lagrangeAtZero } from '../field-shamir';
import { SECP256K1_ORDER as N, deriveHdPublicKey, hdKeyScalar } from '../hd-keys';
import type { NodeContext } from './context';
import { SCOPE, pkpPermission, type AuthenticatedCaller } from './pkp-permissions';

export interface EcdsaShareRequest {
  /** The 32-byte digest; nodes never hash. */
  toSign: Uint8Array;
  /** The PKP's public key, hex (with or without 0x), 65 or 33 bytes. */
  pkpPublicKey: string;
  /**
   * Names the signing request; it picks the signing set and the presignature, so every node of
   * one request must get the same key: pkpSign's X-Request-Id, or request id + sigName.
   */
  requestKey: string;
  /** Who asks (see session-caller.ts, or the action's CID for signEcdsa). */
  caller: AuthenticatedCaller;
  /** The scope the caller needs: 1 (sign anything, the default) or 2 (personal messages). */
  scope?: number;
}

/** Lit's share object (`signatureShare` of pkpSign): quoted upper hex, as Datil sends it. */
export interface LitEcdsaShare {
  digest: string;
  result: 'success' | 'fail';
  share_index: number;
  /** `"<HEX s_i>"`, or `""` from a node outside the signing set. */
  signature_share: string;
  big_r: string;
  public_key: string;
  sig_type: 'K256';
}

const quoted = (hex: string): string => `"${hex.toUpperCase()}"`;

// d = hash_to_field(key id) per PKP, checked once against the chain's public key for it.
const scalarCache = new WeakMap<NodeContext, Map<string, bigint>>();

function derivationScalar(
  ctx: NodeContext,
  pkp: { tokenId: string; keyId: string; publicKey: string },
): bigint {
  let cache = scalarCache.get(ctx);
  if (!cache) scalarCache.set(ctx, (cache = new Map()));
  const known = cache.get(pkp.tokenId);
  if (known !== undefined) return known;
  const keyId = fromHex(pkp.keyId.replace(/^0x/, ''), 32);
  const derived = deriveHdPublicKey(
    ctx.hdRootPubkeys.map((pk) => fromHex(pk, 33)),
    keyId,
  );
  if (toHex(derived) !== pkp.publicKey.replace(/^0x/, '').toLowerCase()) {
    // A chain record whose key does not come from its key id: nobody holds shares of it.
    throw new LitNodeError('NodePKPNotAuthorized', [
      `PKP ${pkp.tokenId} is not derived from the network's root keys`,
    ]);
  }
  const d = hdKeyScalar(keyId);
  if (cache.size > 10_000) cache.clear();
  cache.set(pkp.tokenId, d);
  return d;
}

/** Σ d^j·v_j over the roots (Horner): how HD derivation maps root shares to the PKP's. */
const powerSum = (values: readonly bigint[], d: bigint): bigint =>
  values.reduceRight((acc, v) => mod(acc * d + v, N), 0n);

const hexScalar = (hex: unknown, what: string): bigint => {
  if (typeof hex !== 'string' || !/^[0-9a-f]{64}$/i.test(hex)) {
    throw new Error(`dealer answered a malformed ${what}`);
  }
  return mod(BigInt('0x' + hex), N);
};

export async function ecdsaSignatureShare(
  ctx: NodeContext,
  request: EcdsaShareRequest,
): Promise<LitEcdsaShare> {
  const { toSign, requestKey, caller } = request;
  if (!(toSign instanceof Uint8Array) || toSign.length !== 32) {
    throw new LitNodeError('NodeParserError', [
      'Message length to be signed is not 32 bytes.  Please hash it before sending it to the node to sign.',
    ]);
  }
  let tokenId: string;
  try {
    tokenId = pkpTokenIdFromPublicKey(request.pkpPublicKey);
  } catch {
    throw new LitNodeError('NodePKPNotAuthorized', ['the public key is not a point on secp256k1']);
  }
  const pkp = ctx.chain.pkp(tokenId);
  if (!pkp) throw new LitNodeError('NodePKPNotAuthorized', [`no PKP with token id ${tokenId}`]);
  const scope = request.scope ?? SCOPE.SignAnything;
  if (!pkpPermission(pkp, caller, scope)) {
    throw new LitNodeError('NodePKPNotAuthorized', [
      `not permitted to sign with PKP ${tokenId} (scope ${scope} is needed)`,
    ]);
  }
  const d = derivationScalar(ctx, pkp);

  const ownId = ctx.ecdsaRootShares[0]!.id;
  const shareIds = Array.from({ length: ctx.nodeCount }, (_, i) => i + 1);
  const signers = pkpSigningSet(toSign, requestKey, shareIds, ctx.threshold);
  const digestHex = toHex(toSign);
  const publicKeyHex = pkp.publicKey.replace(/^0x/, '');
  const answer = {
    digest: quoted(digestHex),
    share_index: ctx.index,
    public_key: quoted(publicKeyHex),
    sig_type: 'K256' as const,
  };
  if (!signers.includes(ownId)) {
    // Outside this request's signing set: Lit's SDK expects an answer with an empty share.
    return { ...answer, result: 'fail', signature_share: '', big_r: '' };
  }

  const shares = await ctx.presign({
    pkpPublicKey: pkp.publicKey,
    toSign: digestHex,
    requestKey,
  });
  if (shares.shareId !== ownId || shares.sigmaShares.length !== ctx.hdRootPubkeys.length) {
    throw new Error('dealer answered shares for another node or another set of roots');
  }
  if (typeof shares.bigR !== 'string' || !/^0[23][0-9a-f]{64}$/i.test(shares.bigR)) {
    throw new Error('dealer answered a malformed R');
  }
  // r = x(R): native point decompression (noble's square root costs ~100× more).
  const uncompressedR = ECDH.convertKey(shares.bigR, 'secp256k1', 'hex', 'hex', 'uncompressed');
  const r = mod(BigInt('0x' + (uncompressedR as string).slice(2, 66)), N);
  const kInv = hexScalar(shares.kInvShare, 'k⁻¹ share');
  const sigma = powerSum(
    shares.sigmaShares.map((s) => hexScalar(s, 'σ share')),
    d,
  );
  const lambda = lagrangeAtZero(signers, N)[signers.indexOf(ownId)]!;
  const h = mod(bytesToNumberBE(toSign), N);
  // s_i = λ_i·(h·k⁻¹_i + r·σ_i): the signers' shares add up to s = k⁻¹(h + r·x).
  const s = mod(lambda * mod(h * kInv + r * sigma, N), N);
  return {
    ...answer,
    result: 'success',
    signature_share: quoted(toHex(numberToBytesBE(s, 32))),
    big_r: quoted(shares.bigR),
  };
}

// One capability of a session sig, checked as a node's `SiweValidator::validate_auth_sig` does:
// the SIWE parses, its signature (wallet ECDSA or network BLS) verifies, it is valid now, its URI
// names the session key, and one of its recaps grants the requested resource.
import { type AuthSig, authSigKind } from './auth-sig';
import type { VerifiedCapability } from './capability-cache';
import { fromHex, isHexOfLength, toHex } from './bytes';
import { LitNodeError, type LitNodeErrorCode } from './errors';
import { eip191Hash, recoverAddress } from './ethereum';
import { recapGrants, recapStatement } from './recap';
import type { LitResourceAbilityRequest } from './resources';
import { compareInstants, type Instant, parseRfc3339 } from './rfc3339';
import { parseSiweMessage } from './siwe';
import { extractRecaps } from './siwe-recap';

/** Verifies a 96-byte G2 signature over `message` under a 48-byte G1 public key; never throws. */
export type BlsVerifier = (
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
) => boolean;

export interface CapabilityContext {
  blsVerify: BlsVerifier;
  sessionDigest: (siweMessage: string) => Uint8Array;
  networkPublicKey: Uint8Array | undefined;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: LitNodeError };

const fail = (code: LitNodeErrorCode, detail: string): { ok: false; error: LitNodeError } => ({
  ok: false,
  error: new LitNodeError(code, [detail]),
});

/** The SIWE validity window as the node's siwe crate has it: `notBefore < now ≤ expirationTime`. */
export function validAt(
  v: Pick<VerifiedCapability, 'expiration' | 'notBefore'>,
  now: Instant,
): boolean {
  return (
    (v.notBefore === undefined || compareInstants(v.notBefore, now) < 0) &&
    (v.expiration === undefined || compareInstants(v.expiration, now) >= 0)
  );
}

function blsSignatureBytes(sig: string): Uint8Array | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(sig);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const keys = Object.keys(parsed);
  const hex = (parsed as Record<string, unknown>).ProofOfPossession;
  return keys.length === 1 && isHexOfLength(hex, 96) ? fromHex(hex) : undefined;
}

/**
 * The expensive, cacheable part: parse the SIWE and verify the capability's signature at `now`.
 * Time comes first, as in the node, so an expired capability is never verified (or cached).
 */
export function verifyCapabilitySignature(
  capability: AuthSig,
  now: Instant,
  ctx: CapabilityContext,
): Checked<VerifiedCapability> {
  let fields;
  try {
    fields = parseSiweMessage(capability.signedMessage);
  } catch (e) {
    return fail(
      'NodeSIWECapabilityInvalid',
      `Error parsing SIWE message on capability sig: ${(e as Error).message}`,
    );
  }
  // Stricter than the node's session path, which ignores it: `address` must be the SIWE address.
  if (capability.address.toLowerCase() !== fields.address.toLowerCase()) {
    return fail(
      'NodeSIWEMessageError',
      'The address in the SIWE message does not match the address in the auth sig',
    );
  }
  const kind = authSigKind(capability);
  if (kind !== 'wallet' && kind !== 'network') {
    return fail(
      'NodeSIWEMessageError',
      `The auth sig material type ${kind} is not supported in session sig validation`,
    );
  }
  const expiration =
    fields.expirationTime === undefined ? undefined : parseRfc3339(fields.expirationTime);
  const notBefore = fields.notBefore === undefined ? undefined : parseRfc3339(fields.notBefore);
  const recaps = extractRecaps(fields);
  // Stricter than the node, which skips this check when the SIWE has no statement at all.
  const statementMatchesRecaps = recaps.every(
    (r) => fields.statement !== undefined && fields.statement.endsWith(recapStatement(r)),
  );
  const base = { kind, fields, expiration, notBefore, recaps, statementMatchesRecaps } as const;

  if (kind === 'wallet') {
    const hex = capability.sig.startsWith('0x') ? capability.sig.slice(2) : capability.sig;
    if (!isHexOfLength(hex, 65))
      return fail('NodeSIWESigConversionError', 'wallet sig: expected 65 bytes of hex');
    if (!validAt(base, now))
      return fail('NodeSIWEMessageError', 'Wallet signature of SIWE: expired or not yet valid');
    let signer: string;
    try {
      signer = recoverAddress(eip191Hash(capability.signedMessage), fromHex(hex));
    } catch (e) {
      return fail(
        'NodeSIWEMessageError',
        `Wallet signature of SIWE is not valid: ${(e as Error).message}`,
      );
    }
    if (signer !== fields.address) {
      return fail(
        'NodeSIWEMessageError',
        `Wallet signature of SIWE is not valid: signer ${signer} is not ${fields.address}`,
      );
    }
    return { ok: true, value: { ...base, networkKey: '' } };
  }

  if (!validAt(base, now))
    return fail(
      'NodeSIWEMessageError',
      'The SIWE message is not valid now.  It has expired or is not yet valid',
    );
  const signature = blsSignatureBytes(capability.sig);
  if (!signature)
    return fail(
      'NodeSIWESigConversionError',
      'lit.bls sig: expected {"ProofOfPossession":"<192 hex>"}',
    );
  if (!ctx.networkPublicKey)
    return fail('NodeSIWEMessageError', 'no network public key to verify a lit.bls capability');
  if (
    !ctx.blsVerify(ctx.networkPublicKey, ctx.sessionDigest(capability.signedMessage), signature)
  ) {
    return fail('NodeSIWEMessageError', 'BLS signature of session key via SIWE is not valid');
  }
  return { ok: true, value: { ...base, networkKey: toHex(ctx.networkPublicKey) } };
}

/**
 * The per-use part: still valid at `now`, the SIWE URI names this session key, every recap's text
 * ends the statement, and one recap grants the requested resource and ability.
 */
export function capabilityGrants(
  verified: VerifiedCapability,
  sessionAddress: string,
  request: LitResourceAbilityRequest,
  now: Instant,
): Checked<true> {
  if (!validAt(verified, now))
    return fail(
      'NodeSIWEMessageError',
      'The SIWE message is not valid now.  It has expired or is not yet valid',
    );
  const uri = `lit:session:${sessionAddress}`;
  if (verified.fields.uri !== uri) {
    return fail(
      'NodeSIWEMessageError',
      `The session pubkey in the auth sig is not signed in the SIWE message: expected URI ${uri}`,
    );
  }
  if (!verified.statementMatchesRecaps) {
    return fail('NodeSIWECapabilityInvalid', 'Incorrect statement for capability object');
  }
  if (!verified.recaps.some((r) => recapGrants(r, request.resource, request.ability))) {
    return fail('NodeSIWECapabilityInvalid', 'Unable to verify any of the SIWE capability objects');
  }
  return { ok: true, value: true };
}

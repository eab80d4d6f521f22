// Session revocation, which Lit lacks: `POST /web/session/revoke/v1`. The holder of the session
// key, or the wallet that signed its capability, signs `{"sessionKey","revokedAt"}`; from then
// on this node refuses every session sig of that key. The signed text is verified as received.
import { z } from 'zod';
import { fromHex, utf8 } from '../../protocol/bytes';
import { verifyEd25519 } from '../../protocol/ed25519';
import { LitNodeError } from '../../protocol/errors';
import { eip191Hash, recoverAddress } from '../../protocol/ethereum';
import { parseSiweMessage, recoverSiweSigner } from '../../protocol/siwe';
import { GRACE_MS } from './siwe-window';

export const revokeSessionBodySchema = z.strictObject({
  /** The exact JSON text that was signed: `{"sessionKey":"<64 hex>","revokedAt":"<ISO 8601>"}`. */
  revocation: z.string().max(512),
  /** Ed25519 by the session key (128 hex), or EIP-191 by the capability's wallet (0x + 130 hex). */
  signature: z.string().regex(/^(0x[0-9a-fA-F]{130}|[0-9a-fA-F]{128})$/),
  /** The wallet capability of the session, when the wallet (not the session key) signs. */
  capability: z
    .strictObject({
      sig: z.string().max(200),
      derivedVia: z.string().max(64),
      signedMessage: z.string().max(64 * 1024),
      address: z.string().max(64),
      algo: z.string().max(32).optional(),
    })
    .optional(),
  epoch: z.number().int().min(0).optional(),
});

const revocationSchema = z.strictObject({
  sessionKey: z.string().regex(/^[0-9a-f]{64}$/),
  revokedAt: z.iso.datetime({ offset: true }),
});

export interface Revocation {
  sessionKey: string;
  revokedAt: number;
  revokedBy: string;
}

const invalid = (detail: string): never => {
  throw new LitNodeError('NodeInvalidAuthSig', [detail]);
};

/** Checks a revocation request; returns what to record, or throws Lit's error. */
export function verifyRevocation(raw: unknown, nowMs: number): Revocation {
  const body = revokeSessionBodySchema.safeParse(raw);
  if (!body.success) {
    const issue = body.error.issues[0];
    return invalid(`invalid request: ${issue?.path.join('.') || 'body'}: ${issue?.message}`);
  }
  const { revocation: text, signature, capability } = body.data;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return invalid('revocation: not JSON');
  }
  const revocation = revocationSchema.safeParse(json);
  if (!revocation.success) return invalid('revocation: expected {"sessionKey","revokedAt"}');
  const { sessionKey, revokedAt } = revocation.data;
  const at = Date.parse(revokedAt);
  if (at > nowMs + GRACE_MS) {
    throw new LitNodeError('NodeIatOutsideGracePeriod', ['revokedAt is in the future']);
  }

  if (!capability) {
    if (!/^[0-9a-f]{128}$/i.test(signature)) return invalid('expected a 64-byte Ed25519 signature');
    if (!verifyEd25519(fromHex(signature), utf8(text), fromHex(sessionKey))) {
      return invalid('the session key did not sign this revocation');
    }
    return { sessionKey, revokedAt: at, revokedBy: `session:${sessionKey}` };
  }

  // The wallet path: the capability must be this session's, signed by that wallet (expired or not).
  let uri: string;
  let address: string;
  try {
    const fields = parseSiweMessage(capability.signedMessage);
    uri = fields.uri;
    address = fields.address;
    if (recoverSiweSigner(capability.signedMessage, capability.sig) !== address) {
      return invalid('the capability is not signed by its address');
    }
  } catch {
    return invalid('the capability is not a signed SIWE message');
  }
  if (uri !== `lit:session:${sessionKey}`)
    return invalid('the capability is not for this session key');
  let signer: string;
  try {
    signer = recoverAddress(eip191Hash(text), signature);
  } catch {
    return invalid('the revocation signature is malformed');
  }
  if (signer !== address) return invalid("the capability's wallet did not sign this revocation");
  return { sessionKey, revokedAt: at, revokedBy: `wallet:${address}` };
}

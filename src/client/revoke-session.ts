// Tells every node that a session key is revoked, so sigs already handed out stop working there
// too. Signed by the session key itself (the holder of the key can always revoke it).
import type { SessionKey } from '../protocol/session-key';
import { toHex, utf8 } from '../protocol/bytes';
import { gather } from './gather';
import { postJson, type NodeCallError } from './node-call';

export interface RevokeResult {
  /** Nodes that recorded the revocation. */
  revokedOn: string[];
  /** Nodes that did not, and why (they keep accepting the key's sigs until told). */
  failures: { url: string; error: NodeCallError }[];
}

/** The exact text a revocation signs: `{"sessionKey","revokedAt"}` in that order. */
export function revocationText(sessionPublicKey: string, revokedAt: Date): string {
  return JSON.stringify({ sessionKey: sessionPublicKey, revokedAt: revokedAt.toISOString() });
}

/** A revocation signed by the session key: what `POST /web/session/revoke/v1` takes. */
export interface SignedRevocation {
  revocation: string;
  signature: string;
}

/** Signs the revocation of `key` now, so it can be sent later (even after the key is gone). */
export async function signRevocation(
  key: SessionKey,
  revokedAt: Date = new Date(),
): Promise<SignedRevocation> {
  const revocation = revocationText(key.publicKey, revokedAt);
  return { revocation, signature: toHex(await key.sign(utf8(revocation))) };
}

/** Sends a signed revocation to every node and waits for all of them (or the timeout). */
export async function sendRevocation(
  nodeUrls: readonly string[],
  signed: SignedRevocation,
  options: { timeoutMs?: number } = {},
): Promise<RevokeResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const gathered = await gather(
    nodeUrls,
    (url, signal) => postJson(`${url}/web/session/revoke/v1`, signed, { timeoutMs, signal }),
    { enough: (s) => s.length === nodeUrls.length, timeoutMs },
  );
  return { revokedOn: gathered.successes.map((s) => s.url), failures: gathered.failures };
}

export async function revokeSessionOnNodes(
  nodeUrls: readonly string[],
  key: SessionKey,
  options: { timeoutMs?: number; now?: () => Date } = {},
): Promise<RevokeResult> {
  const signed = await signRevocation(key, (options.now ?? (() => new Date()))());
  return sendRevocation(nodeUrls, signed, options);
}

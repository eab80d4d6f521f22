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

export async function revokeSessionOnNodes(
  nodeUrls: readonly string[],
  key: SessionKey,
  options: { timeoutMs?: number; now?: () => Date } = {},
): Promise<RevokeResult> {
  const revocation = revocationText(key.publicKey, (options.now ?? (() => new Date()))());
  const signature = toHex(await key.sign(utf8(revocation)));
  const timeoutMs = options.timeoutMs ?? 10_000;
  const gathered = await gather(
    nodeUrls,
    (url, signal) =>
      postJson(`${url}/web/session/revoke/v1`, { revocation, signature }, { timeoutMs, signal }),
    { enough: (s) => s.length === nodeUrls.length, timeoutMs },
  );
  return { revokedOn: gathered.successes.map((s) => s.url), failures: gathered.failures };
}

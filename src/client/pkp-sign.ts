// pkpSign (lit-operations.md "pkpSign"): one X-Request-Id to every node, the signing set's shares
// summed into one low-s signature that must verify against the PKP's key. Unlike Lit's client,
// a signer that is down or a share that does not verify is not the end: the client tries again
// with a new request id, hence a new signing set, steering it away from nodes that failed.
import { z } from 'zod/mini';
import { toHex } from '../protocol/bytes';
import { combineEcdsaShares, pkpSigningSet, type PkpSignature } from '../protocol/pkp-signature';
import type { LitNetwork } from './discover';
import { gather, mostCommon, mostCommonError } from './gather';
import { NodeCallError, postJson } from './node-call';

export type { PkpSignature } from '../protocol/pkp-signature';

export interface PkpSignParams {
  /** Session sigs keyed by node URL, granting `lit-pkp://<token id>` + `pkp-signing`. */
  sessionSigs: Readonly<Record<string, unknown>>;
  /** The 32-byte digest to sign (nodes do not hash). */
  toSign: Uint8Array | readonly number[];
  /** The PKP's public key, `0x04…`. */
  pubKey: string;
  /** Per attempt; 30 s by default. */
  timeoutMs?: number;
  /** Request ids tried before giving up; 4 by default. */
  maxAttempts?: number;
  /** Told which nodes' shares made the signature (the extension lists them per call). */
  onSigners?: (urls: string[]) => void;
}

/** Thrown when no attempt produced a valid signature; carries the error most nodes gave. */
export class PkpSignError extends Error {
  constructor(
    message: string,
    readonly errorCode: string | undefined,
    readonly failures: { url: string; error: NodeCallError }[],
  ) {
    super(message);
    this.name = 'PkpSignError';
  }
}

const shareSchema = z.object({
  signatureShare: z.object({
    signature_share: z.string(),
    big_r: z.string(),
    public_key: z.string(),
    share_index: z.number(),
  }),
});
type ShareAnswer = z.infer<typeof shareSchema>;

const unquote = (s: string): string => s.replaceAll('"', '');
const newRequestId = (): string => `lit_${toHex(crypto.getRandomValues(new Uint8Array(16)))}`;

/** A request id whose signing set (as the devnet picks it) avoids failed nodes, when one exists. */
function chooseRequestId(
  network: Pick<LitNetwork, 'listedNodeUrls' | 'threshold'>,
  toSign: Uint8Array,
  avoid: ReadonlyMap<string, number>,
): string {
  if (avoid.size === 0) return newRequestId();
  const ids = network.listedNodeUrls.map((_, i) => i + 1);
  let best = { id: newRequestId(), score: Infinity };
  for (let tries = 0; tries < 64 && best.score > 0; tries++) {
    const id = newRequestId();
    const set = pkpSigningSet(toSign, id, ids, network.threshold);
    const score = set.reduce((sum, shareId) => {
      return sum + (avoid.get(network.listedNodeUrls[shareId - 1]!) ?? 0);
    }, 0);
    if (score < best.score) best = { id, score };
  }
  return best.id;
}

function digestOf(toSign: PkpSignParams['toSign']): Uint8Array {
  const bytes = toSign instanceof Uint8Array ? toSign : Uint8Array.from(toSign as number[]);
  const valid =
    bytes.length === 32 &&
    (toSign instanceof Uint8Array ||
      (toSign as readonly unknown[]).every((b) => Number.isInteger(b) && (b as number) <= 255));
  if (!valid) throw new TypeError('toSign: expected 32 bytes (hash the message first)');
  return bytes;
}

export async function pkpSign(
  network: Pick<LitNetwork, 'listedNodeUrls' | 'nodeUrls' | 'threshold' | 'epoch'>,
  params: PkpSignParams,
): Promise<PkpSignature> {
  const toSign = digestOf(params.toSign);
  if (typeof params.pubKey !== 'string' || !/^(0x)?04[0-9a-fA-F]{128}$/.test(params.pubKey)) {
    throw new TypeError('pubKey: expected a 65-byte uncompressed public key (0x04…)');
  }
  const pubkey = params.pubKey.startsWith('0x') ? params.pubKey : `0x${params.pubKey}`;
  const timeoutMs = params.timeoutMs ?? 30_000;
  const maxAttempts = params.maxAttempts ?? 4;
  // How much to avoid each node: heavily when down, a little when it signed a set that failed.
  const avoid = new Map<string, number>(
    network.listedNodeUrls
      .filter((url) => !network.nodeUrls.includes(url))
      .map((url) => [url, 1000]),
  );
  const shareIds = network.listedNodeUrls.map((_, i) => i + 1);
  const allFailures: { url: string; error: NodeCallError }[] = [];

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const requestId = chooseRequestId(network, toSign, avoid);
    let signature: PkpSignature | null = null;
    let signedBy: string[] = [];
    let combineError: string | null = null;
    const enough = (answers: readonly { url: string; value: ShareAnswer }[]): boolean => {
      const signed = answers.filter((a) => a.value.signatureShare.signature_share !== '');
      const bigR = mostCommon(signed, (a) => unquote(a.value.signatureShare.big_r));
      if (!bigR) return false;
      const r = unquote(bigR.value.signatureShare.big_r);
      const group = signed.filter((a) => unquote(a.value.signatureShare.big_r) === r);
      if (group.length < network.threshold) return false;
      try {
        signature = combineEcdsaShares({
          shares: group.map((a) => unquote(a.value.signatureShare.signature_share)),
          bigR: r,
          toSign,
          publicKey: pubkey,
        });
        signedBy = group.map((a) => a.url);
        return true;
      } catch (e) {
        combineError = e instanceof Error ? e.message : String(e);
        return false;
      }
    };
    // Only the signing set can sign this request id (the others answer an empty share), so only
    // they are asked: Lit's client asks every node and waits for all of them.
    const signers = pkpSigningSet(toSign, requestId, shareIds, network.threshold).map(
      (id) => network.listedNodeUrls[id - 1]!,
    );
    const gathered = await gather(
      signers,
      async (url, signal) => {
        const authSig = params.sessionSigs[url];
        if (authSig === undefined) {
          throw new NodeCallError(url, { kind: 'invalid-response', message: 'no session sig' });
        }
        const body = { toSign: Array.from(toSign), pubkey, authSig, epoch: network.epoch };
        const answer = await postJson(`${url}/web/pkp/sign/v1`, body, {
          timeoutMs,
          requestId,
          signal,
        });
        const parsed = shareSchema.safeParse(answer);
        if (!parsed.success) {
          throw new NodeCallError(url, {
            kind: 'invalid-response',
            message: 'answered without a signature share',
          });
        }
        return parsed.data;
      },
      { enough, timeoutMs },
    );
    if (signature) {
      params.onSigners?.(signedBy);
      return signature;
    }

    allFailures.push(...gathered.failures);
    // A refusal (a Lit error answer) from more nodes than any signing set can leave out is final.
    const refusals = gathered.failures.filter(
      (f) => f.error.failure.kind === 'http' && f.error.failure.status < 500,
    );
    if (refusals.length > network.nodeUrls.length - network.threshold) {
      const common = mostCommonError(refusals)!;
      throw new PkpSignError(
        `pkpSign: ${refusals.length} of ${network.nodeUrls.length} nodes refused: ${common.failure.message}`,
        common.errorCode,
        allFailures,
      );
    }
    for (const f of gathered.failures) avoid.set(f.url, 1000);
    if (combineError !== null) {
      for (const s of gathered.successes) {
        if (s.value.signatureShare.signature_share !== '') {
          avoid.set(s.url, (avoid.get(s.url) ?? 0) + 1);
          allFailures.push({
            url: s.url,
            error: new NodeCallError(s.url, {
              kind: 'invalid-response',
              message: `its share was in a set that did not verify (${combineError})`,
            }),
          });
        }
      }
    }
  }
  const common = mostCommonError(allFailures);
  throw new PkpSignError(
    `pkpSign: no valid signature after ${maxAttempts} request ids` +
      (common ? ` (most common error: ${common.failure.message})` : ''),
    common?.errorCode,
    allFailures,
  );
}

// One request to every node that answers with a BLS signature share over a message (decryption:
// the identity; JWTs: the unsigned token): gathers until `threshold` shares over the same message
// combine into a signature that verifies against the network key, names every node whose share
// does not, and below the threshold throws with the error most nodes gave.
import { z } from 'zod/mini';
import { toHex } from '../protocol/bytes';
import type { LitNetwork } from './discover';
import { gather, mostCommon, mostCommonError } from './gather';
import { NodeCallError, postJson } from './node-call';
import { findBadShares, selectValidShares, type CandidateShare } from './share-selection';

/** The fields of a node's answer that carry its share (decryption; JWTs add `unsignedJwt`). */
export const shareAnswerFields = {
  result: z.literal('success'),
  signatureShare: z.object({ ProofOfPossession: z.string().check(z.regex(/^[0-9a-fA-F]{194}$/)) }),
  shareIndex: z.number(),
};

export interface NodeShare {
  /** 97-byte share hex (id byte ‖ G2 point). */
  share: string;
  /** What the node signed. */
  message: Uint8Array;
}

export interface ThresholdSharesRequest {
  /** What the call is, for error messages ("decrypt"). */
  operation: string;
  path: string;
  /** Each node's body (it carries that node's session sig), or undefined to skip the node. */
  body: (url: string) => unknown;
  /** The share in a node's answer; throws (a NodeCallError) when the answer is unusable. */
  parse: (answer: unknown, url: string) => NodeShare;
  timeoutMs?: number;
  /** Told about each node as it answers, for progress ("2 of 3 nodes signed"). */
  onNodeAnswer?: (answer: { url: string; ok: boolean; error?: string }) => void;
}

export interface NodeFailure {
  url: string;
  error: NodeCallError;
}

export interface ThresholdSignature {
  /** The combined 96-byte network signature over `message`. */
  signature: Uint8Array;
  message: Uint8Array;
  /** Nodes whose shares were combined. */
  signers: string[];
  /** Nodes that failed, sent a bad share, or did not answer, and why. */
  failures: NodeFailure[];
}

/** Fewer than `threshold` valid shares; `errorCode` is the Lit code most nodes answered with. */
export class ThresholdRequestError extends Error {
  override readonly name = 'ThresholdRequestError';
  constructor(
    message: string,
    readonly errorCode: string | undefined,
    readonly failures: NodeFailure[],
  ) {
    super(message);
  }
}

interface Chosen {
  signature: Uint8Array;
  used: CandidateShare[];
  message: Uint8Array;
}

const invalid = (url: string, message: string) =>
  new NodeCallError(url, { kind: 'invalid-response', message });

const requestId = (): string => `lit_${toHex(crypto.getRandomValues(new Uint8Array(16)))}`;

export async function collectThresholdSignature(
  network: Pick<LitNetwork, 'nodeUrls' | 'threshold' | 'networkPublicKey'>,
  request: ThresholdSharesRequest,
): Promise<ThresholdSignature> {
  const timeoutMs = request.timeoutMs ?? 30_000;
  const id = requestId();
  let chosen: Chosen | null = null;

  // Enough once `threshold` shares over the most common message combine into a valid signature.
  const enough = (answers: readonly { url: string; value: NodeShare }[]): boolean => {
    const common = mostCommon(answers, (a) => toHex(a.value.message));
    if (!common) return false;
    const key = toHex(common.value.message);
    const candidates = answers
      .filter((a) => toHex(a.value.message) === key)
      .map((a) => ({ url: a.url, share: a.value.share }));
    const found = selectValidShares(
      candidates,
      network.threshold,
      network.networkPublicKey,
      common.value.message,
    );
    if (found) chosen = { ...found, message: common.value.message };
    return found !== null;
  };

  const gathered = await gather(
    network.nodeUrls,
    async (url, signal) => {
      try {
        const body = request.body(url);
        if (body === undefined) throw invalid(url, 'no session sig for this node');
        const answer = await postJson(`${url}${request.path}`, body, {
          timeoutMs,
          requestId: id,
          signal,
        });
        const share = request.parse(answer, url);
        request.onNodeAnswer?.({ url, ok: true });
        return share;
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        request.onNodeAnswer?.({ url, ok: false, error });
        throw e;
      }
    },
    // Any `threshold` valid shares will do: ask that many, the others only when needed.
    { enough, timeoutMs, first: network.threshold },
  );

  // TypeScript cannot see the assignment inside the callback, hence the widening.
  const result = chosen as Chosen | null;
  if (result) {
    const used = new Set(result.used.map((u) => u.url));
    const key = toHex(result.message);
    const others = gathered.successes.filter((s) => !used.has(s.url));
    const sameMessage = others
      .filter((s) => toHex(s.value.message) === key)
      .map((s) => ({ url: s.url, share: s.value.share }));
    const bad = new Set(
      findBadShares(result.used, sameMessage, network.networkPublicKey, result.message).map(
        (b) => b.url,
      ),
    );
    const badShares = others
      .filter((s) => bad.has(s.url) || toHex(s.value.message) !== key)
      .map((s) => ({
        url: s.url,
        error: invalid(
          s.url,
          bad.has(s.url)
            ? 'returned a signature share that does not verify'
            : 'signed something other than what the other nodes signed',
        ),
      }));
    return {
      signature: result.signature,
      message: result.message,
      signers: result.used.map((u) => u.url),
      failures: [...gathered.failures, ...badShares],
    };
  }

  const failures = [...gathered.failures];
  if (gathered.successes.length >= network.threshold) {
    // Shares came back but no threshold of them verifies: every answering node is suspect.
    for (const s of gathered.successes) {
      failures.push({
        url: s.url,
        error: invalid(s.url, 'its signature share did not combine into a valid network signature'),
      });
    }
  }
  const common = mostCommonError(failures);
  throw new ThresholdRequestError(
    `${request.operation}: ${gathered.successes.length} of ${network.nodeUrls.length} nodes ` +
      `answered with a share, ${network.threshold} valid shares needed` +
      (common ? ` (most common error: ${common.failure.message})` : ''),
    common?.errorCode,
    failures,
  );
}

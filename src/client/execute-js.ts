// executeJs (lit-operations.md): every node runs the Lit Action with the same request id (so
// their `runOnce` agrees on a leader), and the client keeps the answer only when the nodes that
// answered agree on it: the same `response` and `logs`, from at least `threshold` nodes.
import { z } from 'zod/mini';
import type { SessionSigsMap } from '../protocol/session-sigs';
import { fromHex, toHex } from '../protocol/bytes';
import { combineEcdsaShares, type PkpSignature } from '../protocol/pkp-signature';
import { gather, mostCommonError } from './gather';
import { NodeCallError, postJson } from './node-call';
import type { LitNetwork } from './discover';

export interface ExecuteJsParams {
  /** A session sig per node URL, granting `lit-action-execution` on this action (or `*`). */
  sessionSigs: SessionSigsMap;
  /** The action's source, sent base64; or `ipfsId` of code the nodes have already seen. */
  code?: string;
  ipfsId?: string;
  /** Each key becomes a global of the action. */
  jsParams?: Record<string, unknown>;
  /** Per node; the action itself may run up to 30 s on the nodes. Default 45 s. */
  timeoutMs?: number;
}

/** One node's signature share under a `sigName` (from `signEcdsa`), as the node returned it. */
export interface ActionSignatureShare {
  url: string;
  sigType: string;
  dataSigned: string;
  signatureShare: string;
  shareIndex: number;
  bigR: string;
  publicKey: string;
}

export interface ExecuteJsResult {
  /** The action's `setResponse` text, identical on every answering node. */
  response: string;
  logs: string;
  /** Per `sigName`, every node's share (empty `signatureShare` from nodes outside the signing
   * set), to be summed into the signature. */
  signatureShares: Record<string, ActionSignatureShare[]>;
  /** Per `sigName`, the combined signature (low s, verified against the PKP key): Lit's shape. */
  signatures: Record<string, PkpSignature>;
  /** Nodes that answered, and nodes that failed or did not answer, with why. */
  nodes: string[];
  failures: { url: string; error: NodeCallError }[];
}

/** Thrown when the action failed (its error and logs attached) or the nodes did not agree. */
export class ExecuteJsError extends Error {
  constructor(
    message: string,
    readonly errorCode: string | undefined,
    readonly logs: string | undefined,
    readonly failures: { url: string; error: NodeCallError }[],
  ) {
    super(message);
    this.name = 'ExecuteJsError';
  }
}

const shareSchema = z.object({
  sigType: z.string(),
  dataSigned: z.string(),
  signatureShare: z.string(),
  shareIndex: z.number(),
  bigR: z.string(),
  publicKey: z.string(),
});
const answerSchema = z.object({
  success: z.literal(true),
  signedData: z.record(z.string(), shareSchema),
  response: z.string(),
  logs: z.string(),
});
const actionErrorSchema = z.object({
  success: z.literal(false),
  error: z.string(),
  logs: z.string(),
});
type Answer = z.infer<typeof answerSchema>;

function base64(text: string): string {
  let binary = '';
  for (const b of new TextEncoder().encode(text)) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * Runs a Lit Action on every node of `network`.
 *
 * @example
 * const { response } = await executeJs(network, {
 *   sessionSigs,
 *   code: 'Lit.Actions.setResponse({ response: String(a + b) })',
 *   jsParams: { a: 1, b: 2 },
 * }); // '3'
 */
export async function executeJs(
  network: Pick<LitNetwork, 'nodeUrls' | 'threshold' | 'epoch'>,
  params: ExecuteJsParams,
): Promise<ExecuteJsResult> {
  if ((params.code === undefined) === (params.ipfsId === undefined)) {
    throw new TypeError('executeJs: give exactly one of code and ipfsId');
  }
  const missing = network.nodeUrls.filter((url) => params.sessionSigs?.[url] === undefined);
  if (missing.length > 0)
    throw new TypeError(`executeJs: no session sig for ${missing.join(', ')}`);
  const timeoutMs = params.timeoutMs ?? 45_000;
  const requestId = `lit_${toHex(crypto.getRandomValues(new Uint8Array(16)))}`;
  const common = {
    ...(params.code !== undefined ? { code: base64(params.code) } : { ipfsId: params.ipfsId }),
    ...(params.jsParams !== undefined ? { jsParams: params.jsParams } : {}),
    epoch: network.epoch,
  };
  const actionErrors: { url: string; error: string; logs: string }[] = [];
  const gathered = await gather(
    network.nodeUrls,
    async (url, signal) => {
      let answer: unknown;
      try {
        answer = await postJson(
          `${url}/web/execute/v1`,
          { ...common, authSig: params.sessionSigs[url] },
          { timeoutMs, requestId, signal },
        );
      } catch (e) {
        const failed =
          e instanceof NodeCallError && e.failure.kind === 'http' ? e.failure.body : null;
        const actionError = actionErrorSchema.safeParse(failed);
        if (actionError.success) actionErrors.push({ url, ...actionError.data });
        throw e;
      }
      const parsed = answerSchema.safeParse(answer);
      if (!parsed.success) {
        throw new NodeCallError(url, {
          kind: 'invalid-response',
          message: 'answered without an executeJs response',
        });
      }
      return parsed.data;
    },
    // Every node runs the action (runOnce and shared decryption need them all): wait for all.
    { enough: (s) => s.length === network.nodeUrls.length, timeoutMs },
  );

  const { successes, failures } = gathered;
  if (actionErrors.length > 0 && actionErrors.length >= successes.length) {
    const first = actionErrors[0]!;
    throw new ExecuteJsError(
      `executeJs: the action failed: ${first.error}`,
      'NodeJsExecutionError',
      first.logs,
      failures,
    );
  }
  if (successes.length < network.threshold) {
    const common = mostCommonError(failures);
    throw new ExecuteJsError(
      `executeJs: ${successes.length} of ${network.nodeUrls.length} nodes answered, ` +
        `${network.threshold} needed` +
        (common ? ` (most common error: ${common.failure.message})` : ''),
      common?.errorCode,
      undefined,
      failures,
    );
  }
  const first = successes[0]!.value;
  const disagreeing = successes.filter(
    (s) => s.value.response !== first.response || s.value.logs !== first.logs,
  );
  if (disagreeing.length > 0 || actionErrors.length > 0) {
    throw new ExecuteJsError(
      'executeJs: the nodes did not return the same response and logs',
      undefined,
      undefined,
      failures,
    );
  }
  const signatureShares = sharesBySigName(successes);
  return {
    response: first.response,
    logs: first.logs,
    signatureShares,
    signatures: combineActionSignatures(signatureShares, failures),
    nodes: successes.map((s) => s.url),
    failures,
  };
}

function sharesBySigName(
  successes: readonly { url: string; value: Answer }[],
): Record<string, ActionSignatureShare[]> {
  const out: Record<string, ActionSignatureShare[]> = {};
  for (const { url, value } of successes) {
    for (const [sigName, share] of Object.entries(value.signedData)) {
      (out[sigName] ??= []).push({ url, ...share });
    }
  }
  return out;
}

// Nodes send share fields as Datil does: quoted upper hex (`"\"AB…\""`).
const unquote = (value: string): string => value.replaceAll('"', '');

/** Sums each sigName's shares into Lit's signature; one that does not verify is an error. */
function combineActionSignatures(
  shares: Record<string, ActionSignatureShare[]>,
  failures: { url: string; error: NodeCallError }[],
): Record<string, PkpSignature> {
  const out: Record<string, PkpSignature> = {};
  for (const [sigName, all] of Object.entries(shares)) {
    const signed = all.filter((share) => unquote(share.signatureShare) !== '');
    try {
      const first = signed[0];
      if (!first) throw new Error('no node of the signing set answered');
      out[sigName] = combineEcdsaShares({
        shares: signed.map((share) => unquote(share.signatureShare)),
        bigR: unquote(first.bigR),
        toSign: fromHex(unquote(first.dataSigned), 32, 'dataSigned'),
        publicKey: unquote(first.publicKey),
      });
    } catch (error) {
      throw new ExecuteJsError(
        `executeJs: the shares of signature ${JSON.stringify(sigName)} do not combine: ` +
          (error as Error).message,
        undefined,
        undefined,
        failures,
      );
    }
  }
  return out;
}

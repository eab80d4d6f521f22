// PKP and Lit Action sessions (wire doc §8): every node authenticates the user, checks the PKP's
// permissions, rewrites the SIWE and signs it with its BLS share; the client gathers a threshold
// of shares that verify, names bad ones, and builds the `lit.bls` AuthSig.
import { z } from 'zod/mini';
import { createNetworkAuthSig, type NetworkAuthSig } from '../protocol/auth-sig';
import { sessionDigest } from '../protocol/bls';
import { toHex } from '../protocol/bytes';
import { gather, mostCommon, mostCommonError } from './gather';
import { NodeCallError, postJson } from './node-call';
import { findBadShares, selectValidShares, type CandidateShare } from './share-selection';
import type { LitNetwork } from './discover';

export interface AuthMethod {
  authMethodType: number;
  accessToken: string;
}

export interface SignSessionKeyParams {
  /** The session key's public key (64 hex). */
  sessionPublicKey: string;
  authMethods: AuthMethod[];
  pkpPublicKey: string;
  /** The SIWE + ReCap the user asks the nodes to sign (address = PKP address). */
  siweMessage: string;
  /** A Lit Action that decides: its code (sent base64) or its IPFS CID. */
  litActionCode?: string;
  litActionIpfsId?: string;
  jsParams?: Record<string, unknown>;
  timeoutMs?: number;
  /** Told about each node as it answers, for progress ("2 of 3 nodes signed"). */
  onNodeAnswer?: (answer: { url: string; ok: boolean; error?: string }) => void;
}

export interface SignSessionKeyResult {
  authSig: NetworkAuthSig;
  /** Nodes whose share was used. */
  signers: string[];
  /** Nodes that failed, answered with a bad share, or did not answer, and why. */
  failures: { url: string; error: NodeCallError }[];
}

/** Thrown when fewer than `threshold` nodes signed; carries the error most nodes gave. */
export class SignSessionKeyError extends Error {
  constructor(
    message: string,
    readonly errorCode: string | undefined,
    readonly failures: { url: string; error: NodeCallError }[],
  ) {
    super(message);
    this.name = 'SignSessionKeyError';
  }
}

const shareAnswerSchema = z.object({
  result: z.literal('success'),
  signatureShare: z.object({ ProofOfPossession: z.string().check(z.regex(/^[0-9a-fA-F]{194}$/)) }),
  shareIndex: z.number(),
  curveType: z.literal('BLS'),
  siweMessage: z.string(),
  dataSigned: z.string(),
  blsRootPubkey: z.string(),
});
type ShareAnswer = z.infer<typeof shareAnswerSchema>;

function base64(text: string): string {
  let binary = '';
  for (const b of new TextEncoder().encode(text)) binary += String.fromCharCode(b);
  return btoa(binary);
}

function requestId(): string {
  return `lit_${toHex(crypto.getRandomValues(new Uint8Array(16)))}`;
}

export async function signSessionKey(
  network: LitNetwork,
  params: SignSessionKeyParams,
): Promise<SignSessionKeyResult> {
  const timeoutMs = params.timeoutMs ?? 30_000;
  const body = {
    sessionKey: `lit:session:${params.sessionPublicKey}`,
    authMethods: params.authMethods,
    pkpPublicKey: params.pkpPublicKey,
    siweMessage: params.siweMessage,
    curveType: 'BLS',
    ...(params.litActionCode !== undefined && { code: base64(params.litActionCode) }),
    ...(params.litActionIpfsId !== undefined && { litActionIpfsId: params.litActionIpfsId }),
    ...(params.jsParams !== undefined && { jsParams: params.jsParams }),
    epoch: network.epoch,
  };
  const id = requestId();
  const badShares: { url: string; error: NodeCallError }[] = [];
  let chosen: { signature: Uint8Array; used: CandidateShare[]; siweMessage: string } | null = null;

  // Enough once `threshold` shares over the same rewritten SIWE combine into a valid signature.
  const enough = (answers: readonly { url: string; value: ShareAnswer }[]) => {
    const siweMessage = mostCommon(answers, (a) => a.value.siweMessage)?.value.siweMessage;
    if (siweMessage === undefined) return false;
    const digest = sessionDigest(siweMessage);
    const candidates = answers
      .filter(
        (a) =>
          a.value.siweMessage === siweMessage && a.value.dataSigned.toLowerCase() === toHex(digest),
      )
      .map((a) => ({ url: a.url, share: a.value.signatureShare.ProofOfPossession }));
    const found = selectValidShares(
      candidates,
      network.threshold,
      network.networkPublicKey,
      digest,
    );
    if (found) chosen = { ...found, siweMessage };
    return found !== null;
  };

  const gathered = await gather(
    network.nodeUrls,
    async (url, signal) => {
      try {
        const answer = await postJson(`${url}/web/sign_session_key/v1`, body, {
          timeoutMs,
          requestId: id,
          signal,
        });
        const parsed = shareAnswerSchema.safeParse(answer);
        if (!parsed.success) {
          throw new NodeCallError(url, {
            kind: 'invalid-response',
            message: 'answered without a valid signature share',
          });
        }
        params.onNodeAnswer?.({ url, ok: true });
        return parsed.data;
      } catch (e) {
        params.onNodeAnswer?.({
          url,
          ok: false,
          error: e instanceof Error ? e.message : String(e),
        });
        throw e;
      }
    },
    { enough, timeoutMs },
  );

  const result = chosen as {
    signature: Uint8Array;
    used: CandidateShare[];
    siweMessage: string;
  } | null;
  if (result) {
    const usedUrls = new Set(result.used.map((u) => u.url));
    const others = gathered.successes
      .filter((s) => !usedUrls.has(s.url))
      .map((s) => ({ url: s.url, share: s.value.signatureShare.ProofOfPossession }));
    for (const bad of findBadShares(
      result.used,
      others,
      network.networkPublicKey,
      sessionDigest(result.siweMessage),
    )) {
      badShares.push({
        url: bad.url,
        error: new NodeCallError(bad.url, {
          kind: 'invalid-response',
          message: 'returned a signature share that does not verify',
        }),
      });
    }
    return {
      authSig: createNetworkAuthSig({
        signature: result.signature,
        siweMessage: result.siweMessage,
        pkpPublicKey: params.pkpPublicKey,
      }),
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
        error: new NodeCallError(s.url, {
          kind: 'invalid-response',
          message: 'its signature share did not combine into a valid network signature',
        }),
      });
    }
  }
  const common = mostCommonError(failures);
  throw new SignSessionKeyError(
    `sign_session_key: ${gathered.successes.length} of ${network.nodeUrls.length} nodes signed, ` +
      `${network.threshold} valid shares needed` +
      (common ? ` (most common error: ${common.failure.message})` : ''),
    common?.errorCode,
    failures,
  );
}

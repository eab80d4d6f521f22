// PKP and Lit Action sessions (wire doc §8): every node authenticates the user, checks the PKP's
// permissions, rewrites the SIWE and signs it with its BLS share; the client gathers a threshold
// of shares that verify, names bad ones, and builds the `lit.bls` AuthSig.
import { z } from 'zod/mini';
import { createNetworkAuthSig, type NetworkAuthSig } from '../protocol/auth-sig';
import { sessionDigest } from '../protocol/bls';
import { toHex } from '../protocol/bytes';
import { NodeCallError } from './node-call';
import { collectThresholdSignature, shareAnswerFields, type NodeFailure } from './threshold-shares';
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
  failures: NodeFailure[];
}

/** Thrown when fewer than `threshold` nodes signed; carries the error most nodes gave. */
export { ThresholdRequestError as SignSessionKeyError } from './threshold-shares';

const shareAnswerSchema = z.object({
  ...shareAnswerFields,
  curveType: z.literal('BLS'),
  siweMessage: z.string(),
  dataSigned: z.string(),
  blsRootPubkey: z.string(),
});

function base64(text: string): string {
  let binary = '';
  for (const b of new TextEncoder().encode(text)) binary += String.fromCharCode(b);
  return btoa(binary);
}

export async function signSessionKey(
  network: Pick<LitNetwork, 'nodeUrls' | 'threshold' | 'networkPublicKey' | 'epoch'>,
  params: SignSessionKeyParams,
): Promise<SignSessionKeyResult> {
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
  // Each node signs the digest of the SIWE it rewrote; shares over the same digest combine.
  const siweByDigest = new Map<string, string>();
  const signed = await collectThresholdSignature(network, {
    operation: 'sign_session_key',
    path: '/web/sign_session_key/v1',
    timeoutMs: params.timeoutMs,
    ...(params.onNodeAnswer && { onNodeAnswer: params.onNodeAnswer }),
    body: () => body,
    parse: (answer, url) => {
      const parsed = shareAnswerSchema.safeParse(answer);
      if (!parsed.success) {
        throw new NodeCallError(url, {
          kind: 'invalid-response',
          message: 'answered without a valid signature share',
        });
      }
      const digest = sessionDigest(parsed.data.siweMessage);
      if (parsed.data.dataSigned.toLowerCase() !== toHex(digest)) {
        throw new NodeCallError(url, {
          kind: 'invalid-response',
          message: 'its dataSigned is not the session digest of its SIWE message',
        });
      }
      siweByDigest.set(toHex(digest), parsed.data.siweMessage);
      return { share: parsed.data.signatureShare.ProofOfPossession, message: digest };
    },
  });
  return {
    authSig: createNetworkAuthSig({
      signature: signed.signature,
      siweMessage: siweByDigest.get(toHex(signed.message))!,
      pkpPublicKey: params.pkpPublicKey,
    }),
    signers: signed.signers,
    failures: signed.failures,
  };
}

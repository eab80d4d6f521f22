// Decryption (wire doc §11): every node checks the session sig and the conditions and returns
// its BLS share over the identity; threshold shares that verify are combined and open the
// ciphertext locally. A node with a bad share is named and left out.
import { z } from 'zod/mini';
import { canonicalConditions, encryptionIdentity } from '../protocol/access-control';
import type { AuthSig } from '../protocol/auth-sig';

import { decryptWithSignature } from '../protocol/encryption';
import { decodeCiphertext } from '../protocol/encryption-format';
import type { LitNetwork } from './discover';
import { conditionsHash, type ConditionsParams } from './encrypt';
import { NodeCallError } from './node-call';
import { collectThresholdSignature, shareAnswerFields, type NodeFailure } from './threshold-shares';

export type DecryptParams = ConditionsParams & {
  /** Session sigs keyed by node URL, granting decryption of this resource. */
  sessionSigs: Record<string, AuthSig>;
  ciphertext: string;
  dataToEncryptHash: string;
  /** Lit's chain name sent along (the conditions name their own chains). */
  chain?: string;
  timeoutMs?: number;
};

export interface DecryptResult {
  plaintext: Uint8Array;
  /** Nodes whose shares opened the ciphertext. */
  signers: string[];
  /** Nodes that refused, failed or sent a bad share, and why. */
  failures: NodeFailure[];
}

const shareAnswer = z.object({
  ...shareAnswerFields,
});

export async function decrypt(
  network: Pick<LitNetwork, 'nodeUrls' | 'threshold' | 'networkPublicKey' | 'epoch'>,
  params: DecryptParams,
): Promise<DecryptResult> {
  decodeCiphertext(params.ciphertext);
  const { kind, conditions, hashHex } = conditionsHash(params);
  const identity = encryptionIdentity(hashHex, params.dataToEncryptHash);
  // Sent canonical, as Lit's SDK sends them: the nodes hash exactly what they receive.
  const canonical = canonicalConditions(kind, conditions, { nodeComparators: true });
  const signed = await collectThresholdSignature(network, {
    operation: 'decrypt',
    path: '/web/encryption/sign',
    timeoutMs: params.timeoutMs,
    body: (url) => {
      const authSig = params.sessionSigs[url];
      if (!authSig) return undefined;
      return {
        [kind]: canonical,
        dataToEncryptHash: params.dataToEncryptHash,
        ...(params.chain !== undefined && { chain: params.chain }),
        authSig,
        epoch: network.epoch,
      };
    },
    parse: (answer, url) => {
      const parsed = shareAnswer.safeParse(answer);
      if (!parsed.success) {
        throw new NodeCallError(url, {
          kind: 'invalid-response',
          message: 'answered without a valid decryption share',
        });
      }
      return { share: parsed.data.signatureShare.ProofOfPossession, message: identity };
    },
  });
  return {
    plaintext: decryptWithSignature(params.ciphertext, signed.signature),
    signers: signed.signers,
    failures: signed.failures,
  };
}

/** `decrypt`, with the plaintext read as UTF-8. */
export async function decryptToString(
  network: Parameters<typeof decrypt>[0],
  params: DecryptParams,
): Promise<string> {
  const { plaintext } = await decrypt(network, params);
  return new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
}

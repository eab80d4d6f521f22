// Authenticating an EthWallet auth method (type 1): its accessToken is a wallet AuthSig that passes
// the node's top-level wallet AuthSig check (`wallet-auth-sig.ts`): signed by its address, still
// valid, and not a session's capability or a delegation lifted out of session sigs.
// sign_session_key and PKP claims use it.
import { z } from 'zod';
import { LitNodeError } from '../../protocol/errors';
import { verifyTopLevelWalletAuthSig } from './wallet-auth-sig';

const walletAuthSigSchema = z.object({
  sig: z.string().max(200),
  derivedVia: z.string().max(64),
  signedMessage: z.string().max(64 * 1024),
  address: z.string().max(64),
});

export interface EthWalletIdentity {
  /** The AuthSig's `address` as written: the auth method's user id. */
  address: string;
  /** The signature's canonical key (`walletSignatureKey`): what replay protection records, so
   * that no other spelling of the same signature counts as a new auth method. */
  signatureHash: string;
}

const refuse = (detail: string): never => {
  throw new LitNodeError('NodeInvalidAuthSig', [detail]);
};

/** Verifies an EthWallet accessToken, or throws `NodeInvalidAuthSig` saying why. */
export function authenticateEthWallet(accessToken: string, now: () => number): EthWalletIdentity {
  let parsed: unknown;
  try {
    parsed = JSON.parse(accessToken);
  } catch {
    refuse('the EthWallet accessToken is not an AuthSig JSON');
  }
  const authSig = walletAuthSigSchema.safeParse(parsed);
  if (!authSig.success) return refuse('the EthWallet accessToken is not an AuthSig');
  const verified = verifyTopLevelWalletAuthSig(authSig.data, now, 'EthWallet auth method');
  return { address: authSig.data.address, signatureHash: verified.signatureKey };
}

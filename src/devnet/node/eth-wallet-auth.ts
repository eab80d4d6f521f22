// Authenticating an EthWallet auth method (type 1): its accessToken is a wallet AuthSig whose SIWE
// the stated address signed and which is still valid. sign_session_key and PKP claims use it.
import { z } from 'zod';
import { LitNodeError } from '../../protocol/errors';
import { verifySiweMessage } from '../../protocol/siwe';
import { walletSignatureKey } from './signature-key';

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
  const { sig, signedMessage, address } = authSig.data;
  const verified = verifySiweMessage(signedMessage, sig, { now });
  if (!verified.ok) return refuse(`EthWallet auth method: ${verified.reason}`);
  if (verified.signer.toLowerCase() !== address.toLowerCase()) {
    refuse('EthWallet auth method: the AuthSig address did not sign it');
  }
  return {
    address,
    signatureHash: walletSignatureKey(sig),
  };
}

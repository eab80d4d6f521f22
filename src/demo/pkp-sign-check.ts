// The "real node request" of each demo step: the PKP signs a message with the session sigs the
// page got (src/client's pkpSign: `POST /web/pkp/sign/v1`, the signing set's shares combined),
// and the signature is recovered independently to show it is the PKP's.
import { addressFromPublicKey, eip191Hash, recoverAddress } from '../protocol/ethereum';
import type { LitNetwork } from '../client/discover';
import { pkpSign } from '../client/pkp-sign';

export interface PkpSignCheck {
  /** What the PKP signed, as an Ethereum personal message. */
  message: string;
  signature: string;
  /** The signer recovered from the signature and the message. */
  recoveredAddress: string;
  pkpAddress: string;
}

export async function signWithSessionSigs(
  network: LitNetwork,
  params: { sessionSigs: Record<string, unknown>; pkpPublicKey: string; message: string },
): Promise<PkpSignCheck> {
  const digest = eip191Hash(params.message);
  const signed = await pkpSign(network, {
    sessionSigs: params.sessionSigs,
    toSign: digest,
    pubKey: params.pkpPublicKey,
  });
  return {
    message: params.message,
    signature: signed.signature,
    recoveredAddress: recoverAddress(digest, signed.signature),
    pkpAddress: addressFromPublicKey(params.pkpPublicKey),
  };
}

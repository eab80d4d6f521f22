// The one check of a wallet AuthSig presented as top-level auth: a bare `authSig` on decryption or
// JWT signing, an EthWallet auth method's accessToken (sign_session_key, PKP claims), and the
// `authSig` a Lit Action passes to checkConditions / decryptAndCombine. As Lit's
// `validate_wallet_sig`: the SIWE is signed by its address, valid now, and its URI is not a
// session key's (`lit:session:…`) or a capacity delegation's (`lit:capability:delegation`). Those
// two are signed for one purpose and travel inside session sigs, where anyone holding the sigs can
// read them; accepted alone, the capability of a session granting only PKP signing would decrypt,
// or claim a full PKP session, as that wallet.
import type { AuthSig } from '../../protocol/auth-sig';
import { LitNodeError } from '../../protocol/errors';
import { type SiweFields, verifySiweMessage } from '../../protocol/siwe';
import { walletSignatureKey } from './signature-key';

/** The URI prefixes Lit refuses on a top-level wallet AuthSig (`INVALID_SIWE_URIS_FOR_AUTH`). */
export const NOT_TOP_LEVEL_URIS = ['lit:session', 'lit:capability:delegation'] as const;

export interface VerifiedWalletAuthSig {
  /** The checksummed address that signed the SIWE (its `address`). */
  signer: string;
  fields: SiweFields;
  /** The signature's canonical key (`walletSignatureKey`): what replay protection records. */
  signatureKey: string;
}

/**
 * Verifies `authSig` as a top-level wallet AuthSig at `now()` (ms), or throws `NodeInvalidAuthSig`
 * (401) saying why; `what` names it in the detail ("wallet AuthSig", "EthWallet auth method").
 * The URI refusal carries Lit's own detail text.
 */
export function verifyTopLevelWalletAuthSig(
  authSig: Pick<AuthSig, 'sig' | 'signedMessage' | 'address'>,
  now: () => number,
  what = 'wallet AuthSig',
): VerifiedWalletAuthSig {
  const verified = verifySiweMessage(authSig.signedMessage, authSig.sig, { now });
  if (!verified.ok) throw new LitNodeError('NodeInvalidAuthSig', [`${what}: ${verified.reason}`]);
  const { uri } = verified.fields;
  if (NOT_TOP_LEVEL_URIS.some((prefix) => uri.startsWith(prefix))) {
    throw new LitNodeError('NodeInvalidAuthSig', [
      `validation error: Invalid URI for top level auth sig: ${uri}`,
    ]);
  }
  if (verified.signer.toLowerCase() !== authSig.address.toLowerCase()) {
    throw new LitNodeError('NodeInvalidAuthSig', [
      `${what}: address ${authSig.address.slice(0, 42)} is not the signer ${verified.signer}`,
    ]);
  }
  return {
    signer: verified.signer,
    fields: verified.fields,
    signatureKey: walletSignatureKey(authSig.sig),
  };
}

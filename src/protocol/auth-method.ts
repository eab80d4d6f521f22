// Lit's EthWallet auth method (type 1): a wallet AuthSig over a plain SIWE, handed to the nodes as
// `accessToken`, and the id a PKP's permissions name it by. Nodes (ours and Lit's) compute the id
// from the address as the AuthSig writes it, so callers pass the checksummed address they signed.
import { keccak_256 } from '@noble/hashes/sha3.js';
import type { WalletAuthSig } from './auth-sig';
import { toHex, utf8 } from './bytes';

/** Lit's auth method types used here. */
export const AUTH_METHOD_TYPE = { EthWallet: 1, LitAction: 2 } as const;

/** Lit's permission scopes: 1 signs anything, 2 signs personal messages (session keys). */
export const AUTH_METHOD_SCOPE = { SignAnything: 1, PersonalSign: 2 } as const;

export interface EthWalletAuthMethod {
  authMethodType: typeof AUTH_METHOD_TYPE.EthWallet;
  /** The wallet AuthSig as JSON. */
  accessToken: string;
}

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;

/** `keccak256(utf8("<address as written>:lit"))`, `0x` + 64 hex: the EthWallet auth method id. */
export function ethWalletAuthMethodId(address: string): string {
  if (typeof address !== 'string' || !ADDRESS_RE.test(address)) {
    throw new TypeError('address: expected 0x and 40 hex digits');
  }
  return `0x${toHex(keccak_256(utf8(`${address}:lit`)))}`;
}

/** The EthWallet auth method of a wallet AuthSig (over a plain SIWE whose nonce the nodes know). */
export function ethWalletAuthMethod(authSig: WalletAuthSig): EthWalletAuthMethod {
  if (
    typeof authSig !== 'object' ||
    authSig === null ||
    typeof authSig.sig !== 'string' ||
    typeof authSig.signedMessage !== 'string' ||
    typeof authSig.address !== 'string' ||
    !ADDRESS_RE.test(authSig.address)
  ) {
    throw new TypeError(
      'authSig: expected a wallet AuthSig {sig, derivedVia, signedMessage, address}',
    );
  }
  return {
    authMethodType: AUTH_METHOD_TYPE.EthWallet,
    accessToken: JSON.stringify({
      sig: authSig.sig,
      derivedVia: authSig.derivedVia,
      signedMessage: authSig.signedMessage,
      address: authSig.address,
    }),
  };
}

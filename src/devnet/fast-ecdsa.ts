// libsecp256k1 (bitcoinjs' tiny-secp256k1: compiled to WebAssembly, so no native build step)
// behind src/protocol's EcdsaRecoverBackend: nodes recover the signer of every EthWallet AuthSig
// about 4× faster than pure JS.
import { recover } from 'tiny-secp256k1';
import { setEcdsaRecoverBackend, type EcdsaRecoverBackend } from '../protocol/ecdsa-backend';

export const libsecp256k1RecoverBackend: EcdsaRecoverBackend = {
  name: 'libsecp256k1',
  recoverPublicKey(hash, signature, recovery) {
    try {
      return recover(hash, signature, recovery, false);
    } catch {
      // It throws on inputs it considers invalid; the caller reports "no public key".
      return null;
    }
  },
};

/** Makes `recoverAddress` use libsecp256k1 in this process; returns the previous backend. */
export function useFastEcdsa(): EcdsaRecoverBackend {
  return setEcdsaRecoverBackend(libsecp256k1RecoverBackend);
}

// Devnet nodes recover the signer of every EthWallet AuthSig with libsecp256k1 (about 4× faster
// than pure JS); src/protocol/libsecp256k1-node.ts says why that library.
import { setEcdsaRecoverBackend, type EcdsaRecoverBackend } from '../protocol/ecdsa-backend';
import { libsecp256k1RecoverBackend } from '../protocol/libsecp256k1-node';

/** Makes `recoverAddress` use libsecp256k1 in this process; returns the previous backend. */
export function useFastEcdsa(): EcdsaRecoverBackend {
  return setEcdsaRecoverBackend(libsecp256k1RecoverBackend);
}

// Native BLS12-381 (supranational blst via @chainsafe/blst) behind src/protocol's BlsBackend:
// the devnet's nodes sign shares and verify capabilities ~10× faster than pure JS.
import {
  PublicKey,
  SecretKey,
  Signature,
  aggregateSerializedSignatures,
  verify,
} from '@chainsafe/blst';
import { setBlsBackend, type BlsBackend } from '../protocol/bls-backend';

/**
 * blst in min-pk mode (G1 keys, G2 signatures) hashes with the POP DST Lit uses, so a share
 * signed here is byte-identical to noble's.
 */
export const blstBackend: BlsBackend = {
  name: 'blst',
  sign(secretKey, message) {
    return SecretKey.fromBytes(secretKey).sign(message).toBytes(true);
  },
  verify(publicKey, message, signature) {
    try {
      // Group and infinity checks on both points, as the noble backend does.
      const pk = PublicKey.fromBytes(publicKey, true);
      const sig = Signature.fromBytes(signature, true, true);
      return verify(message, pk, sig, true, true);
    } catch {
      return false;
    }
  },
  aggregate(points) {
    // Decompression checks each point is on the curve; the subgroup is checked on the verified
    // result, as the pure-JS combination does.
    return aggregateSerializedSignatures([...points], false).toBytes(true);
  },
};

/** Makes src/protocol sign and verify with blst in this process; returns the previous backend. */
export function useFastBls(): BlsBackend {
  return setBlsBackend(blstBackend);
}

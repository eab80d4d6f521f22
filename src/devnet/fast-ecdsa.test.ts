import fc from 'fast-check';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { afterEach, describe, expect, it } from 'vitest';
import { nobleEcdsaRecoverBackend, setEcdsaRecoverBackend } from '../protocol/ecdsa-backend';
import { addressFromPublicKey, recoverAddress } from '../protocol/ethereum';
import { libsecp256k1RecoverBackend } from '../protocol/libsecp256k1-node';
import { useFastEcdsa } from './fast-ecdsa';

afterEach(() => {
  setEcdsaRecoverBackend(nobleEcdsaRecoverBackend);
});

describe('libsecp256k1RecoverBackend', () => {
  it('recovers the same key as noble for random keys, digests and both recovery bits', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 48, maxLength: 48 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (seed, hash) => {
          const secret = secp256k1.utils.randomSecretKey(seed);
          const sig = secp256k1.sign(hash, secret, { prehash: false, format: 'recovered' });
          const recovery = sig[0]! as 0 | 1;
          const rs = sig.slice(1);
          const ours = libsecp256k1RecoverBackend.recoverPublicKey(hash, rs, recovery);
          expect(ours).toEqual(secp256k1.getPublicKey(secret, false));
          // The other recovery bit gives another key (or none), never the signer's.
          const other = libsecp256k1RecoverBackend.recoverPublicKey(
            hash,
            rs,
            (1 - recovery) as 0 | 1,
          );
          expect(other).toEqual(
            nobleEcdsaRecoverBackend.recoverPublicKey(hash, rs, (1 - recovery) as 0 | 1),
          );
        },
      ),
      { numRuns: 50 },
    );
  });

  it('answers null, not an exception, when nothing recovers', () => {
    const zeroR = new Uint8Array(64);
    zeroR[63] = 1;
    expect(libsecp256k1RecoverBackend.recoverPublicKey(new Uint8Array(32), zeroR, 0)).toBeNull();
  });

  it('plugs into recoverAddress with the same answers and errors', () => {
    const secret = secp256k1.utils.randomSecretKey();
    const hash = crypto.getRandomValues(new Uint8Array(32));
    const sig = secp256k1.sign(hash, secret, { prehash: false, format: 'recovered' });
    const rsv = new Uint8Array(65);
    rsv.set(sig.slice(1));
    rsv[64] = 27 + sig[0]!;
    const expected = addressFromPublicKey(secp256k1.getPublicKey(secret, false));
    expect(useFastEcdsa().name).toBe('noble');
    expect(recoverAddress(hash, rsv)).toBe(expected);
    const bad = rsv.slice();
    bad.fill(0, 0, 32);
    expect(() => recoverAddress(hash, bad)).toThrow(/r or s out of range|no public key/);
  });
});

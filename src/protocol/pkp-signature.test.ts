// Signing sets and share combination, checked against noble's own ECDSA and ethers-style
// recovery: additive shares of s combine, low s is enforced, and anything off is refused.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from './bytes';
import {
  nobleEcdsaVerifyBackend,
  setEcdsaVerifyBackend,
  type EcdsaVerifyBackend,
} from './ecdsa-backend';
import { libsecp256k1VerifyBackend } from './libsecp256k1-node';
import { addressFromPublicKey, recoverAddress } from './ethereum';
import { combineEcdsaShares, pkpSigningSet } from './pkp-signature';

const N = secp256k1.Point.Fn.ORDER;
const digest = () => crypto.getRandomValues(new Uint8Array(32));
const hex32 = (v: bigint) => v.toString(16).padStart(64, '0');
const randomScalar = () => BigInt('0x' + toHex(secp256k1.utils.randomSecretKey()));

/** A signature by `x` with nonce `k`, its s split into `parts` random additive shares. */
function sharedSignature(x: bigint, k: bigint, toSign: Uint8Array, parts: number) {
  const R = secp256k1.Point.BASE.multiply(k);
  const r = R.toAffine().x % N;
  const h = BigInt('0x' + toHex(toSign)) % N;
  const kInv = secp256k1.Point.Fn.inv(k);
  const s = (kInv * ((h + r * x) % N)) % N;
  const shares = Array.from({ length: parts - 1 }, randomScalar);
  shares.push((((s - shares.reduce((a, b) => a + b, 0n)) % N) + N) % N);
  return { bigR: toHex(R.toBytes(true)), shares: shares.map(hex32), s };
}

describe('pkpSigningSet', () => {
  it('is the same threshold-sized, sorted set for the same digest and request id', () => {
    const toSign = digest();
    const a = pkpSigningSet(toSign, 'lit_1', [1, 2, 3, 4, 5], 3);
    expect(a).toHaveLength(3);
    expect([...a].sort((x, y) => x - y)).toEqual(a);
    expect(pkpSigningSet(toSign, 'lit_1', [5, 4, 3, 2, 1], 3)).toEqual(a);
  });

  it('spreads over every node as request ids change', () => {
    const toSign = digest();
    const seen = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const key = pkpSigningSet(toSign, `lit_${i}`, [1, 2, 3], 2).join(',');
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect([...seen.keys()].sort()).toEqual(['1,2', '1,3', '2,3']);
    for (const n of seen.values()) expect(n).toBeGreaterThan(50);
  });

  it('refuses bad digests, request ids, share ids and thresholds precisely', () => {
    expect(() => pkpSigningSet(new Uint8Array(31), 'x', [1, 2], 2)).toThrow(/toSign: expected 32/);
    expect(() => pkpSigningSet(digest(), '', [1, 2], 2)).toThrow(/requestId/);
    expect(() => pkpSigningSet(digest(), 'x', [1, 1], 2)).toThrow(/duplicates/);
    expect(() => pkpSigningSet(digest(), 'x', [0, 1], 2)).toThrow(/not an integer in 1..255/);
    expect(() => pkpSigningSet(digest(), 'x', [1, 2], 3)).toThrow(/threshold/);
  });
});

const verifiers: [string, EcdsaVerifyBackend][] = [
  ['noble', nobleEcdsaVerifyBackend],
  ['libsecp256k1', libsecp256k1VerifyBackend],
];

describe.each(verifiers)('combineEcdsaShares, verified by %s', (_name, verifier) => {
  beforeAll(() => {
    setEcdsaVerifyBackend(verifier);
  });
  afterAll(() => {
    setEcdsaVerifyBackend(nobleEcdsaVerifyBackend);
  });

  it('sums additive shares into a low-s signature that recovers to the key', () => {
    for (let i = 0; i < 20; i++) {
      const x = randomScalar();
      const publicKey = secp256k1.Point.BASE.multiply(x).toBytes(false);
      const toSign = digest();
      const { bigR, shares, s } = sharedSignature(x, randomScalar(), toSign, 2 + (i % 3));
      const sig = combineEcdsaShares({ shares, bigR, toSign, publicKey: toHex(publicKey) });
      expect(BigInt('0x' + sig.s)).toBe(s > N / 2n ? N - s : s);
      expect(recoverAddress(toSign, sig.signature)).toBe(addressFromPublicKey(publicKey));
      const compact = secp256k1.Signature.fromHex(sig.r + sig.s).toBytes();
      expect(secp256k1.verify(compact, toSign, publicKey, { prehash: false })).toBe(true);
      expect(sig).toMatchObject({ dataSigned: toHex(toSign), publicKey: toHex(publicKey) });
      // The same key again takes the cached, precomputed path: still the same answer.
      expect(combineEcdsaShares({ shares, bigR, toSign, publicKey })).toEqual(sig);
    }
  });

  it('refuses shares that do not make a signature by that key', () => {
    const x = randomScalar();
    const publicKey = secp256k1.Point.BASE.multiply(x).toBytes(false);
    const toSign = digest();
    const { bigR, shares } = sharedSignature(x, randomScalar(), toSign, 2);
    const other = secp256k1.Point.BASE.multiply(randomScalar()).toBytes(false);
    const bad = [hex32((BigInt('0x' + shares[0]!) + 1n) % N), shares[1]!];
    expect(() => combineEcdsaShares({ shares: bad, bigR, toSign, publicKey })).toThrow(
      /do not combine into a signature that verifies/,
    );
    expect(() => combineEcdsaShares({ shares, bigR, toSign, publicKey: other })).toThrow(
      /verifies/,
    );
    expect(() =>
      combineEcdsaShares({ shares: shares.slice(0, 1), bigR, toSign, publicKey }),
    ).toThrow(/verifies/);
    expect(() => combineEcdsaShares({ shares, bigR, toSign: digest(), publicKey })).toThrow(
      /verifies/,
    );
  });

  it("takes the recovery id from the key, not from the nodes' R", () => {
    const x = randomScalar();
    const publicKey = secp256k1.Point.BASE.multiply(x).toBytes(false);
    const toSign = digest();
    const { bigR, shares } = sharedSignature(x, randomScalar(), toSign, 2);
    const honest = combineEcdsaShares({ shares, bigR, toSign, publicKey });
    // The other point with the same x: a node that flips R's prefix changes nothing.
    const flipped = (bigR.startsWith('02') ? '03' : '02') + bigR.slice(2);
    const sig = combineEcdsaShares({ shares, bigR: flipped, toSign, publicKey });
    expect(sig).toEqual(honest);
    expect(recoverAddress(toSign, sig.signature)).toBe(addressFromPublicKey(publicKey));
  });

  it('refuses malformed input with a precise message', () => {
    const publicKey = secp256k1.Point.BASE.toBytes(false);
    const ok = { shares: ['11'.repeat(32)], bigR: toHex(secp256k1.Point.BASE.toBytes(true)) };
    expect(() => combineEcdsaShares({ ...ok, shares: [], toSign: digest(), publicKey })).toThrow(
      /at least one/,
    );
    expect(() =>
      combineEcdsaShares({ ...ok, shares: ['zz'], toSign: digest(), publicKey }),
    ).toThrow(/shares\[0\]: expected 32 bytes/);
    expect(() =>
      combineEcdsaShares({ ...ok, shares: ['ff'.repeat(32)], toSign: digest(), publicKey }),
    ).toThrow(/curve order/);
    expect(() =>
      combineEcdsaShares({ ...ok, bigR: '04' + '11'.repeat(32), toSign: digest(), publicKey }),
    ).toThrow(/bigR: expected/);
    expect(() => combineEcdsaShares({ ...ok, toSign: new Uint8Array(33), publicKey })).toThrow(
      /toSign/,
    );
    // Twice: a key that failed the curve check is not kept as checked (keys that pass are).
    for (let i = 0; i < 2; i++) {
      expect(() =>
        combineEcdsaShares({ ...ok, toSign: digest(), publicKey: '04' + '00'.repeat(64) }),
      ).toThrow(/publicKey: not a secp256k1/);
    }
  });
});

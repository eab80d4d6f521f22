// The dealer's presignatures: each node's shares interpolate to k⁻¹ and k⁻¹·x_j for the R it
// states, the derivation is deterministic per (key, digest, request) and different otherwise, and
// a node can only ever get its own shares.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../protocol/bytes';
import { combineEcdsaShares } from '../../protocol/pkp-signature';
import { lagrangeAtZero, recoverScalar } from '../field-shamir';
import { SECP256K1_ORDER as N, deriveHdPublicKey, hdKeyScalar } from '../hd-keys';
import { PresignDealer, type PresignRequest } from './presign-dealer';

const Point = secp256k1.Point;
const rootKeys = [secp256k1.utils.randomSecretKey(), secp256k1.utils.randomSecretKey()];
const roots = rootKeys.map((k) => BigInt('0x' + toHex(k)));
const seed = crypto.getRandomValues(new Uint8Array(32));
const keyId = crypto.getRandomValues(new Uint8Array(32));
const pkpPublicKey =
  '0x' +
  toHex(
    deriveHdPublicKey(
      rootKeys.map((k) => secp256k1.getPublicKey(k, true)),
      keyId,
    ),
  );
const dealer = new PresignDealer(
  { rootSecretKeys: rootKeys, presignSeed: seed },
  { threshold: 3, nodeCount: 5 },
);
const request = (requestKey: string, toSign = 'ab'.repeat(32)): PresignRequest => ({
  pkpPublicKey,
  toSign,
  requestKey,
});
const big = (hex: string) => BigInt('0x' + hex);

describe('PresignDealer', () => {
  it('deals shares of k⁻¹ and of k⁻¹·x_j for the R it states, t-of-n', () => {
    const all = [0, 1, 2, 3, 4].map((i) => dealer.sharesFor(i, request('lit_a')));
    expect(new Set(all.map((s) => s.bigR)).size).toBe(1);
    expect(all.map((s) => s.shareId)).toEqual([1, 2, 3, 4, 5]);
    for (const subset of [
      [0, 1, 2],
      [2, 3, 4],
      [0, 2, 4],
    ]) {
      const kInv = recoverScalar(
        subset.map((i) => ({ id: i + 1, value: big(all[i]!.kInvShare) })),
        N,
      );
      const k = Point.Fn.inv(kInv);
      expect(toHex(Point.BASE.multiply(k).toBytes(true))).toBe(all[0]!.bigR);
      roots.forEach((x, j) => {
        const sigma = recoverScalar(
          subset.map((i) => ({ id: i + 1, value: big(all[i]!.sigmaShares[j]!) })),
          N,
        );
        expect(sigma).toBe((kInv * x) % N);
      });
    }
  });

  it('gives shares that sign, the way nodes use them, for the derived PKP key', () => {
    const toSign = crypto.getRandomValues(new Uint8Array(32));
    const signers = [1, 3, 4];
    const d = hdKeyScalar(keyId);
    const lambdas = lagrangeAtZero(signers, N);
    let bigR = '';
    const shares = signers.map((id, i) => {
      const p = dealer.sharesFor(id - 1, request('lit_sign', toHex(toSign)));
      bigR = p.bigR;
      const r = Point.fromHex(p.bigR).toAffine().x % N;
      const sigma = p.sigmaShares.reduceRight((acc, s) => (acc * d + big(s)) % N, 0n);
      const h = big(toHex(toSign)) % N;
      const s = (lambdas[i]! * ((h * big(p.kInvShare) + r * sigma) % N)) % N;
      return s.toString(16).padStart(64, '0');
    });
    const sig = combineEcdsaShares({ shares, bigR, toSign, publicKey: pkpPublicKey });
    expect(sig.publicKey).toBe(pkpPublicKey.slice(2));
  });

  it('derives one nonce per (key, digest, request) and a new one when any of them changes', () => {
    const r = (req: PresignRequest) => dealer.sharesFor(0, req).bigR;
    const base = r(request('lit_x'));
    expect(r(request('lit_x'))).toBe(base);
    // Another dealer with the same seed and roots (a restart) derives the same nonce.
    const restarted = new PresignDealer(
      { rootSecretKeys: rootKeys, presignSeed: seed },
      { threshold: 3, nodeCount: 5 },
    );
    expect(restarted.sharesFor(0, request('lit_x')).bigR).toBe(base);
    const others = new Set([
      base,
      r(request('lit_y')),
      r(request('lit_x', 'cd'.repeat(32))),
      r({ ...request('lit_x'), pkpPublicKey: '0x' + toHex(Point.BASE.toBytes(false)) }),
    ]);
    expect(others.size).toBe(4);
    const fresh = new PresignDealer(
      { rootSecretKeys: rootKeys, presignSeed: crypto.getRandomValues(new Uint8Array(32)) },
      { threshold: 3, nodeCount: 5 },
    );
    expect(fresh.sharesFor(0, request('lit_x')).bigR).not.toBe(base);
  });

  it("binds a node's source to its index and validates what it asks", async () => {
    const source = dealer.sourceFor(2);
    expect((await source(request('lit_z'))).shareId).toBe(3);
    expect(() => dealer.sharesFor(5, request('lit_z'))).toThrow(/node index 5/);
    expect(() => dealer.sharesFor(-1, request('lit_z'))).toThrow(/node index -1/);
    for (const bad of [
      { ...request('x'), toSign: 'ab' },
      { ...request('x'), pkpPublicKey: '0x02' + 'ab'.repeat(32) },
      { ...request('x'), requestKey: '' },
      { ...request('x'), requestKey: 'a\nb' },
      { ...request('x'), extra: 1 },
      null,
      'lit_x',
    ]) {
      expect(() => dealer.sharesFor(0, bad)).toThrow(/presign request/);
    }
  });

  it('refuses secrets it cannot use', () => {
    expect(
      () =>
        new PresignDealer(
          { rootSecretKeys: rootKeys.slice(0, 1), presignSeed: seed },
          { threshold: 2, nodeCount: 3 },
        ),
    ).toThrow(/at least 2/);
    expect(
      () =>
        new PresignDealer(
          { rootSecretKeys: rootKeys, presignSeed: new Uint8Array(16) },
          { threshold: 2, nodeCount: 3 },
        ),
    ).toThrow(/presignSeed/);
  });
});

import { beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import * as litCrypto from '@lit-protocol/crypto';
import { blsSign, verifyBlsSignature } from './bls';
import { CURVE_ORDER, encodeScalar } from './bls-curve';
import { infinity, nonSubgroupG2, offCurveG2 } from './bls-hostile.fixtures';
import {
  combineSignatureShares,
  parseSignatureShare,
  signShare,
  verifySignatureShare,
} from './bls-shares';
import { dealShares } from './shamir';
import { fromHex, toHex, utf8 } from './bytes';

const secret = encodeScalar(0x5eed5eed5eedn);
const dealt = dealShares(secret, 3, 5);
const message = utf8('lit-accesscontrolcondition://aa/bb');
const shares = dealt.shares.map((s) => signShare(s, message));
const expected = toHex(blsSign(secret, message));

const lit = (list: string[]) =>
  litCrypto.combineSignatureShares(list.map((s) => ({ ProofOfPossession: s })));

beforeAll(() => {
  // Lit's wasm glue logs on every call.
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});

describe('signShare', () => {
  it('writes Lit’s 97-byte share: id byte ‖ 96-byte G2, as 194 lowercase hex', () => {
    expect(shares[3]).toMatch(/^04[0-9a-f]{192}$/);
    expect(parseSignatureShare(shares[3]!)).toEqual({
      id: 4,
      signature: blsSign(dealt.shares[3]!.secretKey, message),
    });
  });

  it('validates the share it signs with', () => {
    const s = dealt.shares[0]!;
    expect(() => signShare({ id: 0, secretKey: s.secretKey }, message)).toThrow(/share id 0/);
    expect(() => signShare({ id: 256, secretKey: s.secretKey }, message)).toThrow(/share id 256/);
    expect(() => signShare({ id: 1, secretKey: new Uint8Array(32) }, message)).toThrow(
      /secret key/,
    );
  });
});

describe('combineSignatureShares', () => {
  it('gives the network signature, byte for byte what Lit’s wasm combines', async () => {
    const ours = combineSignatureShares(shares.slice(0, 3));
    expect(toHex(ours)).toBe(expected);
    expect(await lit(shares.slice(0, 3))).toBe(expected);
    expect(verifyBlsSignature(dealt.publicKey, message, ours)).toBe(true);
    await expect(
      litCrypto.verifySignature(toHex(dealt.publicKey), message, ours),
    ).resolves.toBeUndefined();
  });

  it('any t of n shares, in any order, combine to the same bytes as Lit’s', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 2, max: 6 })
          .chain((t) =>
            fc.tuple(
              fc.constant(t),
              fc.integer({ min: t, max: 8 }),
              fc.bigInt({ min: 1n, max: CURVE_ORDER - 1n }),
            ),
          ),
        fc.uint8Array({ maxLength: 64 }),
        fc.infiniteStream(fc.nat()),
        async ([t, n, s], msg, picks) => {
          const d = dealShares(encodeScalar(s), t, n);
          const all = d.shares.map((sh) => signShare(sh, msg));
          const it = picks[Symbol.iterator]();
          const pick = () => {
            const pool = [...all];
            const out: string[] = [];
            while (out.length < t) out.push(pool.splice(it.next().value % pool.length, 1)[0]!);
            return out;
          };
          const a = pick();
          const b = pick();
          const combined = toHex(combineSignatureShares(a, t));
          expect(toHex(combineSignatureShares(b, t))).toBe(combined);
          expect(combined).toBe(toHex(blsSign(encodeScalar(s), msg)));
          expect(await lit(a)).toBe(combined);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('a share outside the subgroup only yields a signature that does not verify', () => {
    const combined = combineSignatureShares(['01' + toHex(nonSubgroupG2()), ...shares.slice(1, 3)]);
    expect(verifyBlsSignature(dealt.publicKey, message, combined)).toBe(false);
    expect(() => parseSignatureShare('01' + toHex(nonSubgroupG2()))).toThrow(/not a valid/);
  });

  it('combines large share sets (20 of 32, coefficients past 64 bits) like Lit', async () => {
    const d = dealShares(secret, 20, 32);
    const all = d.shares.map((sh) => signShare(sh, message));
    const picked = all.filter((_, i) => i % 3 !== 1).slice(0, 20);
    const combined = toHex(combineSignatureShares(picked, 20));
    expect(combined).toBe(expected);
    expect(await lit(picked)).toBe(expected);
  });

  it('uses every share given, like Lit (more than t still combine)', async () => {
    expect(toHex(combineSignatureShares(shares))).toBe(expected);
    expect(await lit(shares)).toBe(expected);
  });

  it('accepts bytes, hex and 0x-hex', () => {
    const mixed = [fromHex(shares[0]!), '0x' + shares[1], shares[2]!.toUpperCase()];
    expect(toHex(combineSignatureShares(mixed))).toBe(expected);
  });

  it('with fewer than t shares gives a signature that does not verify', () => {
    const two = combineSignatureShares(shares.slice(0, 2));
    expect(verifyBlsSignature(dealt.publicKey, message, two)).toBe(false);
    expect(() => combineSignatureShares(shares.slice(0, 2), 3)).toThrow(
      /at least 3 signature shares, got 2/,
    );
  });

  it('refuses what Lit’s wasm refuses: one share, a duplicate id, id 0', async () => {
    expect(() => combineSignatureShares(shares.slice(0, 1))).toThrow(
      /at least 2 signature shares, got 1/,
    );
    await expect(lit(shares.slice(0, 1))).rejects.toThrow();
    const dup = [shares[0]!, shares[0]!, shares[1]!];
    expect(() => combineSignatureShares(dup)).toThrow(
      /signature share 1: share id 1 duplicates signature share 0/,
    );
    await expect(lit(dup)).rejects.toThrow();
    const zero = '00' + shares[0]!.slice(2);
    expect(() => combineSignatureShares([zero, shares[1]!, shares[2]!])).toThrow(
      /share id 0 is not allowed/,
    );
    await expect(lit([zero, shares[1]!, shares[2]!])).rejects.toThrow();
  });

  it('names a malformed share precisely', () => {
    const good = shares.slice(1, 3);
    const cases: [unknown, RegExp][] = [
      [shares[0]!.slice(0, 192), /signature share 0: expected 97 bytes, got 96/],
      [shares[0]! + '00', /expected 97 bytes, got 98/],
      ['zz' + shares[0]!.slice(2), /signature share 0: not an even-length hex string/],
      [new Uint8Array(96), /expected 97 bytes, got 96/],
      [42, /expected a hex string or a Uint8Array/],
      [
        '01' + toHex(infinity(96)),
        /signature share 0 \(id 1\): the point at infinity is not allowed/,
      ],
      ['01' + toHex(offCurveG2()), /signature share 0 \(id 1\): not a valid BLS12-381 G2 point/],
      ['01' + 'ff'.repeat(48) + '00'.repeat(48), /signature share 0 \(id 1\): not a valid/],
      ['01' + 'ff'.repeat(96), /signature share 0 \(id 1\): not a valid BLS12-381 G2 point/],
    ];
    for (const [bad, message] of cases) {
      expect(() => combineSignatureShares([bad as string, ...good])).toThrow(message);
    }
    expect(() => combineSignatureShares('nope' as unknown as string[])).toThrow(
      /expected an array/,
    );
    expect(() => combineSignatureShares(shares, 1)).toThrow(/threshold: expected an integer ≥ 2/);
  });
});

describe('verifySignatureShare', () => {
  it('accepts each node’s share under its own public share only', () => {
    dealt.shares.forEach((s, i) => {
      expect(verifySignatureShare(shares[i]!, s.publicKey, message)).toBe(true);
      expect(verifySignatureShare(shares[i]!, dealt.shares[(i + 1) % 5]!.publicKey, message)).toBe(
        false,
      );
    });
    expect(verifySignatureShare(shares[0]!, dealt.shares[0]!.publicKey, utf8('other'))).toBe(false);
  });

  it('with an expected id, refuses a right point sent under another id', () => {
    const relabelled = '02' + shares[0]!.slice(2);
    expect(verifySignatureShare(relabelled, dealt.shares[0]!.publicKey, message)).toBe(true);
    expect(verifySignatureShare(relabelled, dealt.shares[0]!.publicKey, message, 1)).toBe(false);
    expect(verifySignatureShare(shares[0]!, dealt.shares[0]!.publicKey, message, 1)).toBe(true);
  });

  it('names the share with a flipped byte (id byte included), so the bad node can be reported', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 96 }),
        fc.integer({ min: 1, max: 255 }),
        fc.nat({ max: 4 }),
        (pos, mask, who) => {
          const bytes = fromHex(shares[who]!);
          bytes[pos]! ^= mask;
          const bad = shares.map((s, i) => (i === who ? toHex(bytes) : s));
          const named = dealt.shares.filter(
            (s, i) => !verifySignatureShare(bad[i]!, s.publicKey, message, s.id),
          );
          expect(named.map((s) => s.id)).toEqual([who + 1]);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('returns false, never throws, on malformed input', () => {
    const pk = dealt.shares[0]!.publicKey;
    expect(verifySignatureShare('xyz', pk, message)).toBe(false);
    expect(verifySignatureShare(shares[0]!.slice(2), pk, message)).toBe(false);
    expect(verifySignatureShare('00' + shares[0]!.slice(2), pk, message)).toBe(false);
    expect(verifySignatureShare(shares[0]!, pk.slice(1), message)).toBe(false);
    expect(verifySignatureShare(null as unknown as string, pk, message)).toBe(false);
    expect(verifySignatureShare(shares[0]!, pk, 'text' as unknown as Uint8Array)).toBe(false);
  });
});

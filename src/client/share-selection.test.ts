import { describe, expect, it } from 'vitest';
import { dealShares } from '../protocol/shamir';
import { signShare } from '../protocol/bls-shares';
import { randomBlsSecretKey, verifyBlsSignature } from '../protocol/bls';
import { toHex, utf8 } from '../protocol/bytes';
import { findBadShares, selectValidShares } from './share-selection';

const dealt = dealShares(randomBlsSecretKey(), 2, 4);
const networkKey = toHex(dealt.publicKey);
const message = utf8('lit_session:test');
const good = dealt.shares.map((s, i) => ({ url: `node${i}`, share: signShare(s, message) }));
// A well-formed share from the wrong key: it parses, but does not belong.
const foreign = dealShares(randomBlsSecretKey(), 2, 2).shares[0]!;
const bad = { url: 'bad', share: signShare({ ...foreign, id: 2 }, message) };

describe('selectValidShares', () => {
  it('combines the first threshold shares into a signature that verifies', () => {
    const found = selectValidShares(good, 2, networkKey, message)!;
    expect(found.used.map((u) => u.url)).toEqual(['node0', 'node1']);
    expect(verifyBlsSignature(dealt.publicKey, message, found.signature)).toBe(true);
  });

  it('skips a bad share and names it', () => {
    const candidates = [good[0]!, bad, good[2]!];
    const found = selectValidShares(candidates, 2, networkKey, message)!;
    expect(found.used.map((u) => u.url)).toEqual(['node0', 'node2']);
    expect(
      findBadShares(found.used, [bad, good[3]!], networkKey, message).map((b) => b.url),
    ).toEqual(['bad']);
  });

  it('returns null when too few shares verify, or the message differs', () => {
    expect(selectValidShares([good[0]!, bad], 2, networkKey, message)).toBeNull();
    expect(selectValidShares([good[0]!], 2, networkKey, message)).toBeNull();
    expect(selectValidShares(good, 2, networkKey, utf8('other'))).toBeNull();
    expect(
      selectValidShares([good[0]!, { url: 'junk', share: 'zz' }], 2, networkKey, message),
    ).toBeNull();
  });
});

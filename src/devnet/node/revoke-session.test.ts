import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it } from 'vitest';
import { createWalletAuthSig } from '../../protocol/auth-sig';
import { toHex, utf8 } from '../../protocol/bytes';
import { LitNodeError } from '../../protocol/errors';
import { privateKeySigner } from '../../protocol/ethereum';
import { generateSessionKey } from '../../protocol/session-key';
import { createSiweMessageWithRecaps } from '../../protocol/siwe-recap';
import { verifyRevocation } from './revoke-session';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const key = generateSessionKey();
const revocation = JSON.stringify({
  sessionKey: key.publicKey,
  revokedAt: new Date(NOW).toISOString(),
});
const wallet = privateKeySigner(secp256k1.utils.randomSecretKey());

async function capability(sessionKey = key.publicKey, signer = wallet) {
  return createWalletAuthSig({
    signer,
    message: createSiweMessageWithRecaps({
      walletAddress: await signer.getAddress(),
      nonce: `0x${'ab'.repeat(32)}`,
      uri: `lit:session:${sessionKey}`,
      now: () => NOW,
    }),
  });
}

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof LitNodeError) return `${e.errorCode}: ${e.details[0]}`;
    throw e;
  }
  return 'accepted';
}

describe('verifyRevocation', () => {
  it('accepts a revocation signed by the session key', async () => {
    const signature = toHex(await key.sign(utf8(revocation)));
    expect(verifyRevocation({ revocation, signature }, NOW)).toEqual({
      sessionKey: key.publicKey,
      revokedAt: NOW,
      revokedBy: `session:${key.publicKey}`,
    });
  });

  it("accepts one signed by the capability's wallet, with that capability", async () => {
    const signature = await wallet.signMessage(revocation);
    const result = verifyRevocation({ revocation, signature, capability: await capability() }, NOW);
    expect(result.revokedBy).toBe(`wallet:${await wallet.getAddress()}`);
  });

  it('refuses anyone else', async () => {
    const other = generateSessionKey();
    const stranger = privateKeySigner(secp256k1.utils.randomSecretKey());
    const bySomeoneElse = toHex(await other.sign(utf8(revocation)));
    expect(codeOf(() => verifyRevocation({ revocation, signature: bySomeoneElse }, NOW))).toMatch(
      /^NodeInvalidAuthSig: the session key did not sign/,
    );
    const strangerSig = await stranger.signMessage(revocation);
    const theirs = await capability();
    expect(
      codeOf(() =>
        verifyRevocation({ revocation, signature: strangerSig, capability: theirs }, NOW),
      ),
    ).toMatch(/wallet did not sign/);
    // The stranger's own capability for another session key does not reach this one.
    const own = await capability(other.publicKey, stranger);
    expect(
      codeOf(() => verifyRevocation({ revocation, signature: strangerSig, capability: own }, NOW)),
    ).toMatch(/not for this session key/);
  });

  it('rejects malformed and future revocations with clear errors', async () => {
    const sign = async (text: string) => toHex(await key.sign(utf8(text)));
    const future = JSON.stringify({
      sessionKey: key.publicKey,
      revokedAt: new Date(NOW + 3_600_000).toISOString(),
    });
    expect(codeOf(() => verifyRevocation({ revocation: future, signature: '' }, NOW))).toMatch(
      /NodeInvalidAuthSig/,
    );
    expect(
      codeOf(() => verifyRevocation({ revocation: future, signature: 'ab'.repeat(64) }, NOW)),
    ).toMatch(/^NodeIatOutsideGracePeriod/);
    for (const raw of [
      null,
      {},
      { revocation, signature: await sign(revocation), extra: 1 },
      { revocation: 'not json', signature: await sign('not json') },
      { revocation: '{"sessionKey":"zz","revokedAt":"x"}', signature: 'ab'.repeat(64) },
      { revocation: revocation.replace('}', ',"x":1}'), signature: 'ab'.repeat(64) },
      { revocation: 'x'.repeat(10_000), signature: 'ab'.repeat(64) },
    ]) {
      expect(
        codeOf(() => verifyRevocation(raw, NOW)),
        JSON.stringify(raw)?.slice(0, 80),
      ).toMatch(/^NodeInvalidAuthSig/);
    }
  });
});

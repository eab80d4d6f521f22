import { describe, expect, it } from 'vitest';
import { blsSign, sessionDigest } from './bls';
import type { CapabilityCache } from './capability-cache';
import { normalizeNodeAddress } from './session-message-checks';
import { createSessionSignedMessage } from './session-sigs';
import { verifySessionSig, type SessionSigVerification } from './verify-session-sig';
import {
  baseOptions,
  networkCapability,
  sessionSig,
  signedMessage,
  walletCapability,
} from './verify-session-sig.fixture';

const code = (r: SessionSigVerification) => (r.ok ? 'ok' : r.error.errorCode);

describe('verifySessionSig: hostile input', () => {
  it('never throws, whatever JSON value or type it gets', async () => {
    const sig = await sessionSig([await walletCapability()]);
    const hostile: unknown[] = [
      undefined,
      null,
      0,
      'x',
      [],
      [sig],
      {},
      { ...sig, sig: 1 },
      { ...sig, algo: 7 },
      { ...sig, signedMessage: null },
      Object.create(null),
      { ...sig, sig: 'a'.repeat(5_000_000) },
      { ...sig, address: 'a'.repeat(5_000_000) },
      { ...sig, signedMessage: 'a'.repeat(5_000_000) },
      new Proxy(
        {},
        {
          get: () => {
            throw new Error('trap');
          },
        },
      ),
    ];
    for (const h of hostile) {
      const r = verifySessionSig(h, baseOptions);
      expect(r.ok).toBe(false);
    }
    expect(code(verifySessionSig({}, baseOptions))).toBe('NodeInvalidAuthSig');
  });

  it('rejects bad options with a TypeError (a programming error, not hostile input)', () => {
    expect(() => verifySessionSig({}, { ...baseOptions, nodeAddress: '' })).toThrow(TypeError);
    expect(() =>
      verifySessionSig(
        {},
        {
          ...baseOptions,
          request: { resource: { resource: '*', resourcePrefix: 'lit-pkp' }, ability: 'nope' },
        },
      ),
    ).toThrow(/does not apply/);
    expect(() => verifySessionSig({}, { ...baseOptions, networkPublicKey: 'abcd' })).toThrow(
      /48 bytes/,
    );
    expect(() => verifySessionSig({}, { ...baseOptions, now: () => NaN })).toThrow(/now/);
    expect(() => verifySessionSig({}, { ...baseOptions, now: 5 as never })).toThrow(
      /now: expected a function/,
    );
    expect(() => verifySessionSig({}, { ...baseOptions, verifyBls: {} as never })).toThrow(
      /verifyBls/,
    );
    expect(() => verifySessionSig({}, { ...baseOptions, cache: {} as CapabilityCache })).toThrow(
      /cache/,
    );
  });
});

describe('normalizeNodeAddress', () => {
  it('mirrors the node’s prepare_domain_name', () => {
    expect(normalizeNodeAddress('https://localhost:7470')).toBe('127.0.0.1:7470');
    expect(normalizeNodeAddress('http://http://x:1')).toBe('x:1');
    expect(normalizeNodeAddress('https://http://x:1')).toBe('x:1');
    expect(normalizeNodeAddress('http://https://x:1')).toBe('https://x:1');
    expect(normalizeNodeAddress('\u00a0localhost.localhost:1\u3000')).toBe('127.0.0.1.127.0.0.1:1');
    expect(normalizeNodeAddress('\ufeff127.0.0.1:1')).toBe('\ufeff127.0.0.1:1');
  });
});

describe('verifySessionSig: lit.bls digest', () => {
  it('is the section 8 digest of the exact SIWE text', () => {
    const cap = networkCapability();
    const sig = JSON.parse(cap.sig).ProofOfPossession as string;
    expect(sig).toBe(
      Buffer.from(
        blsSign(new Uint8Array(32).fill(0x11), sessionDigest(cap.signedMessage)),
      ).toString('hex'),
    );
    expect(createSessionSignedMessage(signedMessage([cap]))).toContain('"derivedVia":"lit.bls"');
  });
});

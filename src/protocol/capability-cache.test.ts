import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { verifyBlsSignature } from './bls';
import { CapabilityCache } from './capability-cache';
import { verifySessionSig, type SessionSigVerification } from './verify-session-sig';
import {
  baseOptions,
  networkCapability,
  sessionSig,
  T0,
  wallet,
  walletCapability,
} from './verify-session-sig.fixture';

const code = (r: SessionSigVerification) => (r.ok ? 'ok' : r.error.errorCode);

describe('capability cache', () => {
  it('verifies a capability once and serves it from the cache after', async () => {
    const cache = new CapabilityCache();
    const bls = vi.fn(verifyBlsSignature);
    const sig = await sessionSig([networkCapability()]);
    const opts = { ...baseOptions, cache, verifyBls: bls };
    const first = verifySessionSig(sig, opts);
    const second = verifySessionSig(sig, opts);
    expect(first.ok && first.fromCache).toBe(false);
    expect(second.ok && second.fromCache).toBe(true);
    expect(bls).toHaveBeenCalledTimes(1);
    expect(cache.size).toBe(1);
    // A new session sig (another node, another request) reuses the same capability.
    const again = await sessionSig([networkCapability()], {
      nodeAddress: 'https://localhost:7470',
    });
    expect(verifySessionSig(again, opts)).toMatchObject({ ok: true, fromCache: true });
    expect(bls).toHaveBeenCalledTimes(1);
  });

  it('never serves a capability past its expiration, and forgets it then', async () => {
    const cache = new CapabilityCache();
    const cap = await walletCapability({ expiration: T0 + 10_000 });
    const sig = await sessionSig([cap]);
    expect(code(verifySessionSig(sig, { ...baseOptions, cache }))).toBe('ok');
    expect(code(verifySessionSig(sig, { ...baseOptions, cache, now: () => T0 + 10_000 }))).toBe(
      'ok',
    );
    const late = verifySessionSig(sig, { ...baseOptions, cache, now: () => T0 + 10_001 });
    expect(code(late)).toBe('NodeResourceIdNotFound');
    expect(!late.ok && late.capabilityErrors[0]?.errorCode).toBe('NodeSIWEMessageError');
    expect(cache.size).toBe(0);
  });

  it('needs the exact same capability: the same sig over another message is verified afresh', async () => {
    const cache = new CapabilityCache();
    const cap = await walletCapability();
    expect(code(verifySessionSig(await sessionSig([cap]), { ...baseOptions, cache }))).toBe('ok');
    const forged = {
      ...cap,
      signedMessage: cap.signedMessage.replace('Nonce: 0x5e', 'Nonce: 0x5f'),
    };
    const r = verifySessionSig(await sessionSig([forged]), { ...baseOptions, cache });
    expect(code(r)).toBe('NodeResourceIdNotFound');
    expect(CapabilityCache.keyOf(forged)).toBe(CapabilityCache.keyOf(cap));
  });

  it('re-verifies a lit.bls capability when the network key changes', async () => {
    const cache = new CapabilityCache();
    const sig = await sessionSig([networkCapability()]);
    expect(code(verifySessionSig(sig, { ...baseOptions, cache }))).toBe('ok');
    const otherKey = new Uint8Array(48);
    otherKey[0] = 0xc0; // the compressed point at infinity: verifies nothing
    expect(code(verifySessionSig(sig, { ...baseOptions, cache, networkPublicKey: otherKey }))).toBe(
      'NodeResourceIdNotFound',
    );
  });

  it('is bounded, dropping the least recently used', async () => {
    const cache = new CapabilityCache({ maxEntries: 2 });
    const caps = await Promise.all(
      [1, 2, 3].map((n) => walletCapability({ expiration: T0 + n * 60_000 })),
    );
    for (const cap of caps) verifySessionSig(await sessionSig([cap]), { ...baseOptions, cache });
    expect(cache.size).toBe(2);
    expect(verifySessionSig(await sessionSig([caps[0]!]), { ...baseOptions, cache })).toMatchObject(
      { fromCache: false },
    );
    expect(verifySessionSig(await sessionSig([caps[2]!]), { ...baseOptions, cache })).toMatchObject(
      { fromCache: true },
    );
    expect(() => new CapabilityCache({ maxEntries: 0 })).toThrow(/positive/);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('gives the same answer as no cache, at any time', async () => {
    const wcap = await walletCapability({ expiration: T0 + 5_000 });
    const ncap = networkCapability({ expiration: T0 + 5_000 });
    const sigs = [
      await sessionSig([wcap]),
      await sessionSig([ncap]),
      await sessionSig([ncap, wcap]),
    ];
    const cache = new CapabilityCache();
    fc.assert(
      fc.property(
        fc.constantFrom(...sigs),
        fc.integer({ min: -70_000, max: 70_000 }),
        (sig, dt) => {
          const now = () => T0 + dt;
          const a = verifySessionSig(sig, { ...baseOptions, now });
          const b = verifySessionSig(sig, { ...baseOptions, now, cache });
          expect(code(b)).toBe(code(a));
          expect(b.ok && b.capabilityIndex).toBe(a.ok && a.capabilityIndex);
        },
      ),
      { numRuns: 60 },
    );
    expect(await wallet.getAddress()).toMatch(/^0x/);
  });
});

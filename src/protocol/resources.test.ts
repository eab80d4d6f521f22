import {
  LitAccessControlConditionResource,
  LitActionResource,
  LitPKPResource,
  LitRLIResource,
} from '@lit-protocol/auth-helpers';
import {
  LIT_ABILITY as LIT_SDK_ABILITY,
  LIT_RESOURCE_PREFIX as LIT_SDK_PREFIX,
} from '@lit-protocol/constants';
import { LitNodeClientNodeJs } from '@lit-protocol/lit-node-client-nodejs';
import { getRecapNamespaceAndAbility } from '@lit-protocol/auth-helpers/src/lib/recap/utils';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { ethers } from 'ethers';
import fc from 'fast-check';
import Hash from 'typestub-ipfs-only-hash';
import { describe, expect, it } from 'vitest';
import { toHex } from './bytes';
import { ipfsCidV0 } from './ipfs-cid';
import {
  capabilityForAbility,
  capacityCreditResourceId,
  decryptionResourceId,
  isAbilityForPrefix,
  LIT_ABILITY,
  LIT_CAPABILITIES,
  LIT_RESOURCE_PREFIX,
  litActionResourceId,
  parseResourceKey,
  pkpTokenIdFromPublicKey,
  recapAbilityFor,
  resourceKey,
  resourceMatches,
  signingResourceId,
} from './resources';

const hex64 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => toHex(b));

describe('the seven capabilities', () => {
  it('are Lit’s, each with a label and a one-sentence description', () => {
    expect(LIT_CAPABILITIES.map((c) => c.name)).toEqual([
      'Lit Action Execution',
      'Minting a PKP',
      'PKP Signing',
      'Encryption Access Control',
      'Decryption Access Control',
      'Signing Access Control',
      'Capacity Credits Authentication',
    ]);
    for (const c of LIT_CAPABILITIES) {
      expect(c.label.length).toBeGreaterThan(3);
      expect(c.description).toMatch(/^[A-Z][^.]*\.$/);
      expect(c.needsSessionSig).toBe(c.ability !== undefined);
    }
  });

  it('map to the SDK’s prefixes, abilities and recap namespace/ability', () => {
    expect(LIT_RESOURCE_PREFIX).toEqual({
      AccessControlCondition: LIT_SDK_PREFIX.AccessControlCondition,
      PKP: LIT_SDK_PREFIX.PKP,
      RateLimitIncrease: LIT_SDK_PREFIX.RLI,
      LitAction: LIT_SDK_PREFIX.LitAction,
    });
    expect(Object.values(LIT_ABILITY).sort()).toEqual(Object.values(LIT_SDK_ABILITY).sort());
    const sdkResources = {
      'lit-accesscontrolcondition': new LitAccessControlConditionResource('*'),
      'lit-pkp': new LitPKPResource('*'),
      'lit-ratelimitincrease': new LitRLIResource('*'),
      'lit-litaction': new LitActionResource('*'),
    };
    for (const ability of Object.values(LIT_ABILITY)) {
      const { recapNamespace, recapAbility } = getRecapNamespaceAndAbility(ability);
      expect(recapAbilityFor(ability)).toBe(`${recapNamespace}/${recapAbility}`);
      for (const [prefix, res] of Object.entries(sdkResources)) {
        expect(isAbilityForPrefix(prefix, ability), `${prefix} ${ability}`).toBe(
          res.isValidLitAbility(ability),
        );
      }
      expect(capabilityForAbility(ability)?.ability).toBe(ability);
    }
    expect(recapAbilityFor('nope')).toBeUndefined();
  });
});

describe('resource keys and matching', () => {
  it('equal Lit’s getResourceKey() and parse back', () => {
    fc.assert(
      fc.property(hex64, hex64, fc.nat(), (a, b, n) => {
        const cases = [
          [
            new LitAccessControlConditionResource(`${a}/${b}`),
            'lit-accesscontrolcondition',
            `${a}/${b}`,
          ],
          [new LitPKPResource(a), 'lit-pkp', a],
          [new LitRLIResource(String(n)), 'lit-ratelimitincrease', String(n)],
          [
            new LitActionResource('QmYLhW2b9fNuxjMjpVeTkCBdFjGSbGVANhdv7QPqnTz5T8'),
            'lit-litaction',
            'QmYLhW2b9fNuxjMjpVeTkCBdFjGSbGVANhdv7QPqnTz5T8',
          ],
        ] as const;
        for (const [lit, prefix, id] of cases) {
          const ours = { resourcePrefix: prefix, resource: id };
          expect(resourceKey(ours)).toBe(lit.getResourceKey());
          expect(parseResourceKey(lit.getResourceKey())).toEqual(ours);
        }
      }),
      { numRuns: 50 },
    );
    expect(() => parseResourceKey('lit-other://x')).toThrow(/unknown prefix/);
    expect(() => parseResourceKey('lit-pkp://')).toThrow(/empty/);
  });

  it('match by prefix and id or *, with no partial wildcards', () => {
    const req = { resourcePrefix: 'lit-pkp', resource: 'ab'.repeat(32) };
    expect(resourceMatches(req, { resourcePrefix: 'lit-pkp', resource: '*' })).toBe(true);
    expect(resourceMatches(req, { ...req })).toBe(true);
    expect(resourceMatches(req, { resourcePrefix: 'lit-pkp', resource: 'ab*' })).toBe(false);
    expect(resourceMatches(req, { resourcePrefix: 'lit-litaction', resource: '*' })).toBe(false);
  });
});

describe('resource ids', () => {
  it('PKP token id: keccak256 of the uncompressed key, from either encoding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 48, maxLength: 48 }), (seed) => {
        const sk = secp256k1.utils.randomSecretKey(seed);
        const pub = secp256k1.getPublicKey(sk, false);
        const expected = ethers.utils.keccak256(pub).slice(2);
        expect(pkpTokenIdFromPublicKey(pub)).toBe(expected);
        expect(pkpTokenIdFromPublicKey('0x' + toHex(pub))).toBe(expected);
        expect(pkpTokenIdFromPublicKey(secp256k1.getPublicKey(sk, true))).toBe(expected);
        // Lit's LitPKPResource accepts the id as is.
        expect(new LitPKPResource(expected).resource).toBe(expected);
      }),
      { numRuns: 30 },
    );
    expect(() => pkpTokenIdFromPublicKey(new Uint8Array(64))).toThrow(/65-byte/);
    expect(() => pkpTokenIdFromPublicKey('04' + '00'.repeat(64))).toThrow(/not a point/);
  });

  it('access-control ids: conditions hash / data hash, lowercase', () => {
    const a = 'AB'.repeat(32);
    const b = 'cd'.repeat(32);
    expect(decryptionResourceId(a, b)).toBe(`${a.toLowerCase()}/${b}`);
    expect(signingResourceId(b)).toBe(b);
    expect(() => decryptionResourceId('0x' + b.slice(2), b)).toThrow(/64 hex/);
    expect(() => signingResourceId('abc')).toThrow(/64 hex/);
  });

  it('Lit Action id: the CIDv0 ipfs-only-hash computes, as Lit’s getIpfsId', async () => {
    const client = new LitNodeClientNodeJs({ litNetwork: 'custom', debug: false } as never);
    const code = 'const go = async () => { Lit.Actions.setResponse({ response: "true" }); }; go();';
    expect(litActionResourceId(code)).toBe(await client.getIpfsId({ str: code }));
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 2000 }), async (s) => {
        expect(ipfsCidV0(s)).toBe(await Hash.of(Buffer.from(s)));
      }),
      { numRuns: 40 },
    );
    for (const n of [0, 262143, 262144, 262145, 262144 * 5 + 3]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 7919) & 0xff);
      expect(ipfsCidV0(bytes), String(n)).toBe(await Hash.of(Buffer.from(bytes)));
    }
  });

  it('Lit Action id of a file past 174 chunks (a two-level tree)', async () => {
    const bytes = new Uint8Array(262144 * 175 + 10).map((_, i) => (i >> 9) & 0xff);
    expect(ipfsCidV0(bytes)).toBe(await Hash.of(Buffer.from(bytes)));
  }, 120_000);

  it('capacity credit id: decimal without leading zeros', () => {
    expect(capacityCreditResourceId(123n)).toBe('123');
    expect(capacityCreditResourceId(42)).toBe('42');
    expect(capacityCreditResourceId('000123')).toBe('123');
    expect(capacityCreditResourceId((2n ** 256n - 1n).toString())).toBe(
      (2n ** 256n - 1n).toString(),
    );
    for (const bad of [-1, 1.5, '0x10', '', '12a', -1n]) {
      expect(() => capacityCreditResourceId(bad as never), String(bad)).toThrow(
        /non-negative integer/,
      );
    }
  });
});

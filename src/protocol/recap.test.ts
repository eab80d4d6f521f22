import {
  LitAccessControlConditionResource,
  LitActionResource,
  LitPKPResource,
  LitRLIResource,
  RecapSessionCapabilityObject,
} from '@lit-protocol/auth-helpers';
import fc from 'fast-check';
import { Recap as SiweRecap } from 'siwe-recap';
import { describe, expect, it } from 'vitest';
import { utf8 } from './bytes';
import {
  type Attenuations,
  canonicalJson,
  decodeRecap,
  encodeRecap,
  mergeRecaps,
  type Recap,
  recapGrants,
  recapStatement,
} from './recap';
import { LIT_ABILITY, type LitResource } from './resources';

// EIP-5573's example recap and the statement it produces.
const EIP5573_URN =
  'urn:recap:eyJhdHQiOnsiaHR0cHM6Ly9leGFtcGxlLmNvbSI6eyJleGFtcGxlL2FwcGVuZCI6W10sImV4YW1wbGUvcmVhZCI6W10sIm90aGVyL2FjdGlvbiI6W119LCJteTpyZXNvdXJjZTp1cmkuMSI6eyJleGFtcGxlL2FwcGVuZCI6W10sImV4YW1wbGUvZGVsZXRlIjpbXX0sIm15OnJlc291cmNlOnVyaS4yIjp7ImV4YW1wbGUvYXBwZW5kIjpbXX0sIm15OnJlc291cmNlOnVyaS4zIjp7ImV4YW1wbGUvYXBwZW5kIjpbXX19LCJwcmYiOltdfQ';
const EIP5573_STATEMENT =
  "I further authorize the stated URI to perform the following actions on my behalf: (1) 'example': 'append', 'read' for 'https://example.com'. (2) 'other': 'action' for 'https://example.com'. (3) 'example': 'append', 'delete' for 'my:resource:uri.1'. (4) 'example': 'append' for 'my:resource:uri.2'. (5) 'example': 'append' for 'my:resource:uri.3'.";
// The wire doc's example (section 3).
const WIRE_DOC_JSON =
  '{"att":{"lit-accesscontrolcondition://*":{"Threshold/Decryption":[{}]},"lit-litaction://*":{"Threshold/Execution":[{}]},"lit-pkp://*":{"Threshold/Signing":[{}]}},"prf":[]}';

const b64url = (s: string) => Buffer.from(utf8(s)).toString('base64url');
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const resourceArb = fc.constantFrom(
  'lit-pkp://*',
  'lit-pkp://' + 'ab'.repeat(32),
  'lit-litaction://QmYLhW2b9fNuxjMjpVeTkCBdFjGSbGVANhdv7QPqnTz5T8',
  'lit-accesscontrolcondition://*',
  'lit-ratelimitincrease://123',
  'https://example.com',
  'kepler:ens:example.eth://default/kv',
  'credential:*',
);
const abilityArb = fc
  .tuple(
    fc.constantFrom('Threshold', 'Auth', '*', 'kv', '1', '10', '2', 'a.b', 'x_y'),
    fc.constantFrom('Signing', 'Decryption', 'Execution', 'Auth', '*', 'get', 'put', '3'),
  )
  .map(([ns, ab]) => `${ns}/${ab}`);
const notaBeneArb = fc.oneof(
  fc.constant({}),
  fc.record({ uses: fc.stringMatching(/^[0-9]{1,3}$/) }),
  fc.record({
    nft_id: fc.array(fc.stringMatching(/^[0-9]{1,5}$/), { maxLength: 2 }),
    z: fc.boolean(),
    a: fc.integer(),
  }),
);
const attArb: fc.Arbitrary<Attenuations> = fc.dictionary(
  resourceArb,
  fc.dictionary(abilityArb, fc.array(notaBeneArb, { minLength: 1, maxLength: 2 }), {
    minKeys: 1,
    maxKeys: 4,
  }),
  { maxKeys: 4 },
);

describe('EIP-5573 vectors', () => {
  it('decodes the EIP example, writes its statement and encodes it back', () => {
    const recap = decodeRecap(EIP5573_URN);
    expect(Object.keys(recap.att)).toEqual([
      'https://example.com',
      'my:resource:uri.1',
      'my:resource:uri.2',
      'my:resource:uri.3',
    ]);
    expect(recapStatement(recap)).toBe(EIP5573_STATEMENT);
    expect(encodeRecap(recap)).toBe(EIP5573_URN);
  });

  it('decodes the wire doc example to the same canonical JSON', () => {
    const urn = 'urn:recap:' + b64url(WIRE_DOC_JSON);
    expect(canonicalJson(decodeRecap(urn))).toBe(WIRE_DOC_JSON);
    expect(encodeRecap(decodeRecap(urn))).toBe(urn);
  });
});

describe('against siwe-recap and Lit’s RecapSessionCapabilityObject', () => {
  it('encode, decode and statement agree for random attenuations', () => {
    fc.assert(
      fc.property(attArb, (att) => {
        const ours = encodeRecap({ att: copy(att), prf: [] });
        const theirs = new SiweRecap(copy(att) as never, []);
        expect(ours).toBe(theirs.encode());
        expect(RecapSessionCapabilityObject.decode(ours).attenuations).toEqual(att);
        expect(decodeRecap(theirs.encode())).toEqual({ att, prf: [] });
        const lit = new RecapSessionCapabilityObject(copy(att) as never, []).encodeAsSiweResource();
        expect(decodeRecap(lit)).toEqual({ att, prf: [] });
        expect(recapStatement({ att, prf: [] })).toBe(theirs.statement);
      }),
      { numRuns: 200 },
    );
  });

  it('merge agrees with siwe-recap’s merge', () => {
    fc.assert(
      fc.property(attArb, attArb, (a, b) => {
        const theirs = new SiweRecap(copy(a) as never, []);
        theirs.merge(new SiweRecap(copy(b) as never, []));
        expect(mergeRecaps({ att: a, prf: [] }, { att: b, prf: [] })).toEqual({
          att: theirs.attenuations,
          prf: [],
        });
      }),
      { numRuns: 200 },
    );
  });

  it('grants exactly when Lit’s verifyCapabilitiesForResource does', () => {
    const litResources = [
      new LitPKPResource('*'),
      new LitPKPResource('ab'.repeat(32)),
      new LitActionResource('QmYLhW2b9fNuxjMjpVeTkCBdFjGSbGVANhdv7QPqnTz5T8'),
      new LitAccessControlConditionResource('*'),
      new LitAccessControlConditionResource('cd'.repeat(32)),
      new LitRLIResource('123'),
    ];
    fc.assert(
      fc.property(
        attArb,
        fc.constantFrom(...litResources),
        fc.constantFrom(...Object.values(LIT_ABILITY)),
        (att, res, ability) => {
          const theirs = new RecapSessionCapabilityObject(
            copy(att) as never,
            [],
          ).verifyCapabilitiesForResource(res, ability);
          const resource: LitResource = {
            resource: res.resource,
            resourcePrefix: res.resourcePrefix,
          };
          // Lit also refuses an ability that does not apply to the prefix; the node's request never has one.
          const applies = res.isValidLitAbility(ability);
          expect(applies && recapGrants({ att, prf: [] }, resource, ability)).toBe(theirs);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('tries `<prefix>://*` first: a wildcard entry without the ability hides the exact one', () => {
    const recap: Recap = {
      att: {
        'lit-pkp://*': { 'Threshold/Execution': [{}] },
        ['lit-pkp://' + 'ab'.repeat(32)]: { 'Threshold/Signing': [{}] },
      },
      prf: [],
    };
    const res = { resource: 'ab'.repeat(32), resourcePrefix: 'lit-pkp' };
    expect(recapGrants(recap, res, 'pkp-signing')).toBe(false);
    expect(
      recapGrants({ att: { 'lit-pkp://*': { '*/*': [{}] } }, prf: [] }, res, 'pkp-signing'),
    ).toBe(true);
    expect(recapGrants(recap, res, 'no-such-ability')).toBe(false);
  });
});

describe('strict decoder', () => {
  const good = { att: { 'lit-pkp://*': { 'Threshold/Signing': [{}] } }, prf: [] };
  const urnOf = (json: string) => 'urn:recap:' + b64url(json);

  it('round-trips random recaps', () => {
    fc.assert(
      fc.property(attArb, (att) => {
        expect(decodeRecap(encodeRecap({ att, prf: [] }))).toEqual({ att, prf: [] });
      }),
    );
  });

  it('rejects unsorted keys, padding, other URNs, bad JSON and wrong shapes', () => {
    const bad: [string, RegExp][] = [
      [urnOf('{"prf":[],"att":{}}'), /not canonical/],
      [
        urnOf('{"att":{"lit-pkp://*":{"Threshold/Signing":[{"b":1,"a":2}]}},"prf":[]}'),
        /not canonical/,
      ],
      [urnOf('{"att": {}, "prf": []}'), /not canonical/],
      [urnOf('{"att":{},"att":{},"prf":[]}'), /not canonical/],
      [encodeRecap(good) + '=', /base64url/],
      [urnOf(canonicalJson(good)).replace('urn:recap:', 'urn:recap:+'), /base64url/],
      ['urn:other:' + b64url('{"att":{},"prf":[]}'), /urn:recap:/],
      [urnOf('{"att":{},"prf":[]'), /not JSON/],
      [urnOf('[]'), /\{att, prf\}/],
      [urnOf('{"att":{},"prf":[],"x":1}'), /exactly the keys/],
      [urnOf('{"att":[],"prf":[]}'), /att: expected an object/],
      [urnOf('{"att":{"lit-pkp://*":[]},"prf":[]}'), /expected an object/],
      [urnOf('{"att":{"lit-pkp://*":{"Signing":[{}]}},"prf":[]}'), /invalid ability/],
      [urnOf('{"att":{"lit-pkp://*":{"Threshold/Signing":{}}},"prf":[]}'), /array of objects/],
      [urnOf('{"att":{"lit-pkp://*":{"Threshold/Signing":[[]]}},"prf":[]}'), /array of objects/],
      [urnOf('{"att":{"not a uri":{"a/b":[]}},"prf":[]}'), /not a URI/],
      [urnOf('{"att":{},"prf":[1]}'), /prf/],
      [urnOf('{"att":{},"prf":["Qmnotacidv1"]}'), /prf/],
      ['urn:recap:' + Buffer.from([0xff, 0xfe]).toString('base64url'), /UTF-8/],
    ];
    for (const [urn, re] of bad) expect(() => decodeRecap(urn), urn).toThrow(re);
    expect(() => decodeRecap(42 as never)).toThrow(/urn:recap:/);
  });

  it('accepts base58btc CIDv1 proofs', () => {
    const cid = 'zdj7WWeQ43G6JJvLWQWZpyHuAMq6uYWRjkBXFad11vE2LHhQ7';
    const recap = { att: {}, prf: [cid] };
    expect(decodeRecap(encodeRecap(recap))).toEqual(recap);
  });
});

import {
  createSiweMessageWithRecaps as litCreateSiweMessageWithRecaps,
  LitAccessControlConditionResource,
  LitActionResource,
  LitPKPResource,
  LitRLIResource,
} from '@lit-protocol/auth-helpers';
import { LitNodeClientNodeJs } from '@lit-protocol/lit-node-client-nodejs';
import fc from 'fast-check';
import { SiweMessage } from 'siwe';
import { Recap as SiweRecap } from 'siwe-recap';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toChecksumAddress } from './ethereum';
import { encodeRecap } from './recap';
import type { LitResourceAbilityRequest } from './resources';
import { parseSiweMessage } from './siwe';
import {
  addRecapToSiwe,
  createSiweMessageWithRecaps,
  extractRecaps,
  recapForRequest,
} from './siwe-recap';

const client = new LitNodeClientNodeJs({ litNetwork: 'custom', debug: false } as never);
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** A request in both forms: Lit's resource class and our plain object. */
const requestArb = fc
  .record({
    kind: fc.constantFrom('pkp', 'action', 'decrypt', 'sign', 'credits'),
    id: fc.oneof(
      fc.constant('*'),
      fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex')),
    ),
    data: fc.option(fc.record({ uses: fc.stringMatching(/^[0-9]{1,3}$/) }), { nil: undefined }),
  })
  .map(({ kind, id, data }) => {
    const table = {
      pkp: [new LitPKPResource(id), 'pkp-signing'],
      action: [
        new LitActionResource(id === '*' ? id : 'Qm' + id.slice(0, 44)),
        'lit-action-execution',
      ],
      decrypt: [
        new LitAccessControlConditionResource(id === '*' ? id : `${id}/${id}`),
        'access-control-condition-decryption',
      ],
      sign: [new LitAccessControlConditionResource(id), 'access-control-condition-signing'],
      credits: [
        new LitRLIResource(id === '*' ? id : String(parseInt(id.slice(0, 8), 16))),
        'rate-limit-increase-auth',
      ],
    } as const;
    const [resource, ability] = table[kind];
    const lit = { resource, ability, ...(data ? { data } : {}) };
    const ours: LitResourceAbilityRequest = {
      resource: { resource: resource.resource, resourcePrefix: resource.resourcePrefix },
      ability,
      ...(data ? { data } : {}),
    };
    return { lit, ours };
  });

afterEach(() => {
  vi.useRealTimers();
});

describe('createSiweMessageWithRecaps', () => {
  it('is byte-identical to Lit’s for random requests, statements and times', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(requestArb, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.option(fc.stringMatching(/^[A-Za-z0-9 .,]{0,40}$/), { nil: undefined }),
        fc.option(fc.constantFrom('example.com', 'localhost:3000'), { nil: undefined }),
        fc.uint8Array({ minLength: 20, maxLength: 20 }),
        async (requests, nowMs, statement, domain, addr) => {
          vi.useFakeTimers({ now: nowMs, toFake: ['Date'] });
          const walletAddress = toChecksumAddress('0x' + Buffer.from(addr).toString('hex'));
          const common = {
            walletAddress,
            nonce: '0x' + 'ab'.repeat(32),
            uri: 'lit:session:' + 'cd'.repeat(32),
            ...(statement !== undefined ? { statement } : {}),
            ...(domain !== undefined ? { domain } : {}),
          };
          const theirs = await litCreateSiweMessageWithRecaps({
            ...common,
            resources: requests.map((r) => r.lit),
            litNodeClient: client,
          } as never);
          const ours = createSiweMessageWithRecaps({
            ...common,
            resources: requests.map((r) => r.ours),
            now: () => nowMs,
          });
          expect(ours).toBe(theirs);
          vi.useRealTimers();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses an ability that does not apply to the resource, as Lit does', () => {
    expect(() =>
      recapForRequest({
        resource: { resource: '*', resourcePrefix: 'lit-pkp' },
        ability: 'lit-action-execution',
      }),
    ).toThrow(/does not apply/);
    expect(() =>
      createSiweMessageWithRecaps({
        walletAddress: '0x' + '1'.repeat(40),
        nonce: 'abcdefgh12',
        resources: [],
      }),
    ).toThrow(/non-empty/);
  });
});

describe('addRecapToSiwe', () => {
  it('does what siwe-recap’s add_to_siwe_message does, step after step', () => {
    fc.assert(
      fc.property(
        fc.array(requestArb, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (requests, withStatement) => {
          const base = {
            domain: 'example.com',
            address: '0x' + '0'.repeat(40),
            uri: 'did:key:example',
            version: '1' as const,
            chainId: 1,
            nonce: 'mynonce1',
            issuedAt: '2022-06-21T12:00:00.000Z',
            ...(withStatement ? { statement: 'Some custom statement.' } : {}),
          };
          let theirs = new SiweMessage({ ...base });
          let ours = { ...base } as ReturnType<typeof addRecapToSiwe>;
          for (const r of requests) {
            const recap = recapForRequest(r.ours);
            theirs = new SiweRecap(copy(recap.att) as never, []).add_to_siwe_message(theirs);
            ours = addRecapToSiwe(ours, recap);
          }
          expect(ours.statement).toBe(theirs.statement);
          expect(ours.resources).toEqual(theirs.resources);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('extractRecaps', () => {
  it('reads every urn:recap: resource that decodes and skips the rest', () => {
    const good = { att: { 'lit-pkp://*': { 'Threshold/Signing': [{}] } }, prf: [] };
    const fields = parseSiweMessage(
      new SiweMessage({
        domain: 'example.com',
        address: '0x' + '0'.repeat(40),
        uri: 'did:key:example',
        version: '1',
        chainId: 1,
        nonce: 'mynonce1',
        issuedAt: '2022-06-21T12:00:00.000Z',
        resources: ['https://example.com', encodeRecap(good), 'urn:recap:e30', encodeRecap(good)],
      }).prepareMessage(),
    );
    expect(extractRecaps(fields)).toEqual([good, good]);
    expect(extractRecaps({ ...fields, resources: undefined })).toEqual([]);
  });
});

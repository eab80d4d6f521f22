// Property tests: every single-field or single-byte mutation of a valid session sig is rejected,
// with the code the node's check order gives it.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuthSig, SessionSig } from './auth-sig';
import { createSessionSignedMessage } from './session-sigs';
import { verifySessionSig, type SessionSigVerification } from './verify-session-sig';
import {
  baseOptions,
  iso,
  networkCapability,
  sessionSig,
  signedMessage,
  signText,
  T0,
  walletCapability,
} from './verify-session-sig.fixture';

const code = (r: SessionSigVerification) => (r.ok ? 'ok' : r.error.errorCode);

let valid: SessionSig;
let walletCap: AuthSig;
let networkCap: AuthSig;

beforeAll(async () => {
  walletCap = await walletCapability();
  networkCap = networkCapability();
  valid = await sessionSig([walletCap]);
  expect(code(verifySessionSig(valid, baseOptions))).toBe('ok');
});

/** Replaces the character at `i` with `c`. */
const setChar = (s: string, i: number, c: string) => s.slice(0, i) + c + s.slice(i + 1);

/** The code a mutation of each outer field must get (wire doc section 9, step 1). */
const OUTER_CODE = {
  sig: 'NodeInvalidAuthSigSessionKeySignature',
  signedMessage: 'NodeInvalidAuthSigSessionKeySignature',
  address: 'NodeInvalidAuthSigSessionKeySignature',
  derivedVia: 'NodeCannotProvideAuthSigForEndpoint',
  algo: 'NodeCannotProvideAuthSigForEndpoint',
} as const;
type Field = keyof typeof OUTER_CODE;
const FIELDS = Object.keys(OUTER_CODE) as Field[];

describe('mutations of the session sig itself', () => {
  it('any replaced field value is rejected with its step-1 code', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIELDS), fc.string({ maxLength: 300 }), (field, value) => {
        // Hex is case-insensitive at the node too: a re-cased key or sig is the same key or sig.
        fc.pre(value.toLowerCase() !== valid[field].toLowerCase());
        const r = verifySessionSig({ ...valid, [field]: value }, baseOptions);
        expect(code(r)).toBe(OUTER_CODE[field]);
      }),
      { numRuns: 300 },
    );
  });

  it('any single changed character is rejected with its step-1 code', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIELDS),
        fc.nat(),
        fc.integer({ min: 0x20, max: 0x2ff }),
        (field, at, cp) => {
          const original = valid[field];
          const i = at % original.length;
          const c = String.fromCodePoint(cp);
          fc.pre(c.toLowerCase() !== original[i]!.toLowerCase());
          const r = verifySessionSig({ ...valid, [field]: setChar(original, i, c) }, baseOptions);
          expect(code(r)).toBe(OUTER_CODE[field]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a missing or mistyped field is not an AuthSig (algo missing is not a session sig)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIELDS),
        fc.oneof(
          fc.constant(undefined),
          fc.integer(),
          fc.boolean(),
          fc.constant(null),
          fc.array(fc.string()),
        ),
        (field, value) => {
          const r = verifySessionSig({ ...valid, [field]: value }, baseOptions);
          const expected =
            field === 'algo'
              ? value === undefined || value === null
                ? 'NodeCannotProvideAuthSigForEndpoint'
                : 'NodeInvalidAuthSig'
              : 'NodeInvalidAuthSig';
          expect(code(r)).toBe(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('mutations signed by the session key itself (an attacker holding the key)', () => {
  it('a changed resource, nodeAddress or time gets the code of its step', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({
            kind: fc.constant('resource' as const),
            id: fc.stringMatching(/^[0-9a-f]{1,64}$/),
          }),
          fc.record({
            kind: fc.constant('prefix' as const),
            id: fc.constantFrom('lit-litaction', 'lit-accesscontrolcondition', 'lit-pkpx', ''),
          }),
          fc.record({ kind: fc.constant('node' as const), id: fc.string({ maxLength: 40 }) }),
          fc.record({
            kind: fc.constant('iat' as const),
            id: fc.integer({ min: 61, max: 10_000_000 }),
          }),
          fc.record({
            kind: fc.constant('exp' as const),
            id: fc.integer({ min: 61, max: 10_000_000 }),
          }),
        ),
        async (m) => {
          const caps = [walletCap];
          const patch =
            m.kind === 'resource'
              ? {
                  resourceAbilityRequests: [
                    {
                      resource: { resource: m.id, resourcePrefix: 'lit-pkp' },
                      ability: 'pkp-signing',
                    },
                  ],
                }
              : m.kind === 'prefix'
                ? {
                    resourceAbilityRequests: [
                      { resource: { resource: '*', resourcePrefix: m.id }, ability: 'pkp-signing' },
                    ],
                  }
                : m.kind === 'node'
                  ? { nodeAddress: m.id }
                  : m.kind === 'iat'
                    ? { issuedAt: iso(T0 + m.id * 1000) }
                    : { issuedAt: iso(T0 - 20 * 86_400_000), expiration: iso(T0 - m.id * 1000) };
          const expected = {
            resource: 'NodeResourceIdNotFound',
            prefix: 'NodeResourceIdNotFound',
            node: 'NodeNotAuthorized',
            iat: 'NodeIatOutsideGracePeriod',
            exp: 'NodeExpWrongOrTooLarge',
          }[m.kind];
          if (m.kind === 'resource') fc.pre(m.id !== baseOptions.request.resource.resource);
          if (m.kind === 'node')
            fc.pre(!/^\s*(https?:\/\/)*(127\.0\.0\.1|localhost):7470\s*$/.test(m.id));
          const r = verifySessionSig(await sessionSig(caps, patch), baseOptions);
          expect(code(r)).toBe(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('any single changed byte of a capability’s sig or SIWE leaves no valid capability', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('wallet', 'network'),
        fc.constantFrom('sig', 'signedMessage', 'address'),
        fc.nat(),
        fc.integer({ min: 0x20, max: 0x7e }),
        async (kind, field, at, cp) => {
          const cap = kind === 'wallet' ? walletCap : networkCap;
          const original = cap[field as 'sig' | 'signedMessage' | 'address'];
          const i = at % original.length;
          const c = String.fromCharCode(cp);
          // Hex digits and addresses compare case-insensitively; a re-cased digit is no change.
          fc.pre(c.toLowerCase() !== original[i]!.toLowerCase());
          const mutated = { ...cap, [field]: setChar(original, i, c) };
          const r = verifySessionSig(await sessionSig([mutated]), baseOptions);
          expect(code(r)).toBe('NodeResourceIdNotFound');
          expect(!r.ok && r.capabilityErrors).toHaveLength(1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('any JSON at all as the signed message never throws and is never accepted', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const r = verifySessionSig(await signText(JSON.stringify(value) ?? 'null'), baseOptions);
        expect(r.ok).toBe(false);
        expect(code(r)).not.toBe('NodeSystemFault');
      }),
      { numRuns: 200 },
    );
    const shaped = createSessionSignedMessage(signedMessage([walletCap]));
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 0x20, max: 0x7e }), async (at, cp) => {
        const i = at % shaped.length;
        fc.pre(String.fromCharCode(cp) !== shaped[i]);
        const r = verifySessionSig(
          await signText(setChar(shaped, i, String.fromCharCode(cp))),
          baseOptions,
        );
        expect(code(r)).not.toBe('NodeSystemFault');
      }),
      { numRuns: 200 },
    );
  });
});

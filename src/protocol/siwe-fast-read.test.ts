// The fast reader may only ever agree with the grammar: whenever it returns fields, the ABNF
// parser must accept the same text and return the same fields.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toChecksumAddress } from './ethereum';
import { parseSiweMessage, parseSiweWithGrammar } from './siwe';
import { readCommonSiwe } from './siwe-fast-read';
import { createSiweMessageWithRecaps } from './siwe-recap';

const ADDRESS = toChecksumAddress('0x19e7e376e7c213b7e7e7e46cc70a5dd086daff2a');

const typical = [
  createSiweMessageWithRecaps({ walletAddress: ADDRESS, nonce: 'a'.repeat(64) }),
  createSiweMessageWithRecaps({
    walletAddress: ADDRESS,
    nonce: 'b1c2d3e4f5a6b7c8',
    uri: `lit:session:${'ab'.repeat(32)}`,
    statement: 'Lit Protocol PKP session signature',
    expiration: '2026-11-24T10:00:00.000Z',
    resources: [
      { resource: { resource: '*', resourcePrefix: 'lit-pkp' }, ability: 'pkp-signing' },
      {
        resource: {
          resource: 'QmUuoPhVHm9D66UoPkBiWsAKmw5QcadNdhqrbQB5Kni7Jg',
          resourcePrefix: 'lit-litaction',
        },
        ability: 'lit-action-execution',
      },
    ],
  }),
  [
    'localhost:3000 wants you to sign in with your Ethereum account:',
    ADDRESS,
    '',
    "I accept the ServiceOrg Terms of Service: https://service.org/tos (v1.2) [ok] #1 'x'",
    '',
    'URI: https://user.example.com:8443/login/path?x=1&y=%20#frag',
    'Version: 1',
    'Chain ID: 137',
    'Nonce: 32891756abcdef',
    'Issued At: 2021-09-30T16:25:24Z',
    'Not Before: 2021-09-30T16:25:24.123Z',
    'Request ID: some-id_~!$&()*+,;=:@%41',
    'Resources:',
    '- ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/',
    '- lit:capability:delegation',
    '- urn:recap:eyJhdHQiOnt9fQ',
  ].join('\n'),
];

// Characters chosen to hit every boundary of the grammar: delimiters, %, brackets, spaces, case.
const tricky = fc.constantFrom(...'aZ09-._~!$&\'()*+,;=:@/?#[]% "<>\\^`{|}\ntTzZ'.split(''));
const piece = (base: string[]) =>
  fc.oneof(fc.constantFrom(...base), fc.string({ unit: tricky, maxLength: 12 }));
const domains = piece([
  'localhost',
  'localhost:3000',
  'example.com',
  'a-b.c:0',
  '1.2.3.4',
  '1.2.3.256',
  'u@h',
  '[::1]',
  'a..b',
  'a.',
  'h:99999',
  'h:',
]);
const uris = piece([
  'lit:session:ab',
  'https://a.b/c',
  'urn:recap:e30',
  'a:',
  'a://',
  'a:/',
  'a://b@c',
  'a://1.2.3.4/',
  'a://[::1]/',
  'a:b?c#d',
  'a:%zz',
  'a:b c',
  '1a:b',
  'a:/b//c',
]);
const dates = piece([
  '2021-09-30T16:25:24Z',
  '2021-09-30T16:25:24.5Z',
  '2021-02-30T16:25:24Z',
  '2021-09-30t16:25:24z',
  '2021-09-30T24:00:00Z',
  '2021-09-30T16:25:60Z',
  '2021-09-30T16:25:24+01:00',
]);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const messages = fc
  .record({
    domain: domains,
    address: fc.constantFrom(ADDRESS, ADDRESS.toLowerCase(), ADDRESS.slice(0, 41)),
    statement: optional(
      fc.oneof(fc.constant('Sign in'), fc.string({ unit: tricky, maxLength: 20 })),
    ),
    uri: uris,
    chainId: fc.constantFrom('1', '01', '137', '', '9007199254740993', 'x'),
    nonce: fc.constantFrom('abcdefgh1', 'abc', 'abcdefg!', 'ABCDEFGH'),
    issuedAt: dates,
    exp: optional(dates),
    nbf: optional(dates),
    requestId: optional(piece(['', 'id-1', '%41', 'a b', 'a/b'])),
    resources: optional(fc.array(uris, { maxLength: 3 })),
  })
  .map((f) =>
    [
      `${f.domain} wants you to sign in with your Ethereum account:`,
      f.address,
      '',
      ...(f.statement === undefined ? [''] : [f.statement, '']),
      `URI: ${f.uri}`,
      'Version: 1',
      `Chain ID: ${f.chainId}`,
      `Nonce: ${f.nonce}`,
      `Issued At: ${f.issuedAt}`,
      ...(f.exp === undefined ? [] : [`Expiration Time: ${f.exp}`]),
      ...(f.nbf === undefined ? [] : [`Not Before: ${f.nbf}`]),
      ...(f.requestId === undefined ? [] : [`Request ID: ${f.requestId}`]),
      ...(f.resources === undefined ? [] : ['Resources:', ...f.resources.map((r) => `- ${r}`)]),
    ].join('\n'),
  );

/** The fast reader's fields, when it returns any, are exactly the grammar's. */
function agreesWithGrammar(text: string): void {
  const fast = readCommonSiwe(text);
  if (fast === undefined) return;
  expect(parseSiweWithGrammar(text)).toEqual(fast);
}

describe('readCommonSiwe', () => {
  it('reads the messages Lit clients and nodes exchange, as the grammar does', () => {
    for (const text of typical) {
      const fast = readCommonSiwe(text);
      expect(fast).toBeDefined();
      expect(parseSiweWithGrammar(text)).toEqual(fast);
      expect(parseSiweMessage(text)).toEqual(fast);
    }
  });

  it('never returns fields the grammar would not (generated messages)', () => {
    fc.assert(fc.property(messages, agreesWithGrammar), { numRuns: 400 });
  });

  it('never returns fields the grammar would not (mutated typical messages)', () => {
    const mutation = fc.record({
      which: fc.nat(typical.length - 1),
      at: fc.nat(),
      cut: fc.nat(3),
      insert: fc.string({ unit: tricky, maxLength: 3 }),
    });
    fc.assert(
      fc.property(mutation, ({ which, at, cut, insert }) => {
        const text = typical[which]!;
        const i = at % text.length;
        agreesWithGrammar(text.slice(0, i) + insert + text.slice(i + cut));
      }),
      { numRuns: 400 },
    );
  });

  it('declines what it does not read, leaving the verdict to the grammar', () => {
    const offset = typical[2]!.replace('16:25:24Z', '16:25:24+01:00');
    expect(readCommonSiwe(offset)).toBeUndefined();
    expect(parseSiweMessage(offset).issuedAt).toBe('2021-09-30T16:25:24+01:00');
    const lowercase = typical[2]!.replace(ADDRESS, ADDRESS.toLowerCase());
    expect(readCommonSiwe(lowercase)).toBeUndefined();
    expect(() => parseSiweMessage(lowercase)).toThrow(/EIP-55/);
  });
});

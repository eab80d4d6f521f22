import { SiweMessage } from 'siwe';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { privateKeySigner, toChecksumAddress } from './ethereum';
import {
  buildSiweMessage,
  MAX_SIWE_LENGTH,
  parseSiweMessage,
  recoverSiweSigner,
  type SiweFields,
  verifySiweMessage,
} from './siwe';

// The example message of EIP-4361.
const EIP4361_EXAMPLE = `service.invalid wants you to sign in with your Ethereum account:
0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2

I accept the ServiceOrg Terms of Service: https://service.invalid/tos

URI: https://service.invalid/login
Version: 1
Chain ID: 1
Nonce: 32891756
Issued At: 2021-09-30T16:25:24Z
Resources:
- ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/
- https://example.com/my-web2-claim.json`;

const STATEMENT_CHARS =
  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'()*+,;= ";
const hexAddress = fc
  .uint8Array({ minLength: 20, maxLength: 20 })
  .map((b) => toChecksumAddress('0x' + Buffer.from(b).toString('hex')));
const isoDate = fc
  .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) })
  .map((ms) => new Date(ms).toISOString());
const fieldsArb: fc.Arbitrary<SiweFields> = fc.record(
  {
    scheme: fc.constantFrom('https', 'http'),
    domain: fc.constantFrom('example.com', 'localhost:3000', 'app.lit.dev', '127.0.0.1:8080'),
    address: hexAddress,
    statement: fc
      .array(fc.constantFrom(...STATEMENT_CHARS), { minLength: 1, maxLength: 120 })
      .map((a) => a.join('')),
    uri: fc.constantFrom(
      'https://example.com/login',
      'lit:session:' + 'ab'.repeat(32),
      'did:key:z6MkExample',
    ),
    version: fc.constant('1' as const),
    chainId: fc.nat(1_000_000),
    nonce: fc.stringMatching(/^[a-zA-Z0-9]{8,40}$/),
    issuedAt: isoDate,
    expirationTime: isoDate,
    notBefore: isoDate,
    requestId: fc.stringMatching(/^[a-zA-Z0-9-]{1,20}$/),
    resources: fc.array(fc.constantFrom('https://example.com/a', 'ipfs://Qm123', 'urn:recap:e30'), {
      maxLength: 3,
    }),
  },
  { requiredKeys: ['domain', 'address', 'uri', 'version', 'chainId', 'nonce', 'issuedAt'] },
);

describe('EIP-4361 text', () => {
  it('parses the EIP example and builds it back byte for byte', () => {
    const fields = parseSiweMessage(EIP4361_EXAMPLE);
    expect(fields).toEqual({
      domain: 'service.invalid',
      address: '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2',
      statement: 'I accept the ServiceOrg Terms of Service: https://service.invalid/tos',
      uri: 'https://service.invalid/login',
      version: '1',
      chainId: 1,
      nonce: '32891756',
      issuedAt: '2021-09-30T16:25:24Z',
      resources: [
        'ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/',
        'https://example.com/my-web2-claim.json',
      ],
    });
    expect(buildSiweMessage(fields)).toBe(EIP4361_EXAMPLE);
    expect(new SiweMessage(EIP4361_EXAMPLE).prepareMessage()).toBe(EIP4361_EXAMPLE);
  });

  it('builds exactly what siwe’s prepareMessage() builds, and parses it back', () => {
    fc.assert(
      fc.property(fieldsArb, (fields) => {
        const ours = buildSiweMessage(fields);
        expect(ours).toBe(new SiweMessage({ ...fields }).prepareMessage());
        const parsed = parseSiweMessage(ours);
        expect(buildSiweMessage(parsed)).toBe(ours);
        expect(parsed.address).toBe(fields.address);
        expect(parsed.resources).toEqual(fields.resources);
      }),
      { numRuns: 150 },
    );
  });

  it('rejects malformed fields instead of guessing', () => {
    const base = parseSiweMessage(EIP4361_EXAMPLE);
    const bad: [Partial<SiweFields>, RegExp][] = [
      [{ address: base.address.toLowerCase() }, /EIP-55/],
      [{ statement: 'line one\nURI: https://evil.example' }, /SIWE/],
      [{ nonce: 'short' }, /nonce/],
      [{ nonce: 'has space 123' }, /nonce/],
      [{ issuedAt: '2021-02-30T00:00:00Z' }, /issuedAt/],
      [{ expirationTime: 'tomorrow' }, /expirationTime/],
      [{ chainId: -1 }, /chainId/],
      [{ chainId: 1.5 }, /chainId/],
      [{ version: '2' as '1' }, /version/],
      [{ domain: '' }, /domain/],
      [{ uri: 'not a uri' }, /SIWE/],
      [{ resources: ['ok://x', 'bad uri'] }, /SIWE/],
      [{ requestId: 'a\nb' }, /SIWE/],
    ];
    for (const [patch, re] of bad) {
      expect(() => buildSiweMessage({ ...base, ...patch }), JSON.stringify(patch)).toThrow(re);
    }
  });

  it('parses strictly: non-canonical numbers, bad dates, stray text and huge input are errors', () => {
    const variants = [
      EIP4361_EXAMPLE.replace('Chain ID: 1', 'Chain ID: 01'),
      EIP4361_EXAMPLE.replace('2021-09-30T16:25:24Z', '2021-02-30T16:25:24Z'),
      EIP4361_EXAMPLE + '\n',
      EIP4361_EXAMPLE.replace('Version: 1', 'Version: 2'),
      EIP4361_EXAMPLE.replace(
        '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2',
        '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2',
      ),
      '',
      'x'.repeat(MAX_SIWE_LENGTH + 1),
    ];
    for (const text of variants) expect(() => parseSiweMessage(text)).toThrow(TypeError);
    expect(() => parseSiweMessage(42 as never)).toThrow(TypeError);
  });
});

describe('SIWE verification', () => {
  const signer = privateKeySigner(new Uint8Array(32).fill(11));
  const make = async (patch: Partial<SiweFields> = {}) => {
    const text = buildSiweMessage({
      domain: 'localhost',
      address: await signer.getAddress(),
      uri: 'lit:session:' + 'cd'.repeat(32),
      version: '1',
      chainId: 1,
      nonce: '0x' + 'ab'.repeat(32),
      issuedAt: '2025-01-01T00:00:00.000Z',
      expirationTime: '2025-01-02T00:00:00.000Z',
      ...patch,
    });
    return { text, sig: await signer.signMessage(text) };
  };
  const at = (iso: string) => () => Date.parse(iso);

  it('accepts a valid signature inside the validity window', async () => {
    const { text, sig } = await make();
    const r = verifySiweMessage(text, sig, { now: at('2025-01-01T12:00:00Z') });
    expect(r.ok).toBe(true);
    expect(r.ok && r.signer).toBe(await signer.getAddress());
    expect(recoverSiweSigner(text, sig)).toBe(await signer.getAddress());
  });

  it('has the siwe package’s boundaries: expired at expirationTime, valid from notBefore', async () => {
    const { text, sig } = await make({ notBefore: '2025-01-01T06:00:00.000Z' });
    const cases = [
      '2025-01-01T05:59:59.999Z',
      '2025-01-01T06:00:00.000Z',
      '2025-01-01T23:59:59.999Z',
      '2025-01-02T00:00:00.000Z',
    ];
    for (const time of cases) {
      const ours = verifySiweMessage(text, sig, { now: at(time) }).ok;
      const theirs = await new SiweMessage(text)
        .verify({ signature: sig, time }, { suppressExceptions: true })
        .then((r) => r.success);
      expect(ours, time).toBe(theirs);
    }
    expect(cases.map((t) => verifySiweMessage(text, sig, { now: at(t) }).ok)).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });

  it('rejects another signer, a tampered message and malformed signatures without throwing', async () => {
    const { text, sig } = await make();
    const other = privateKeySigner(new Uint8Array(32).fill(12));
    const now = at('2025-01-01T12:00:00Z');
    expect(verifySiweMessage(text, await other.signMessage(text), { now }).ok).toBe(false);
    expect(verifySiweMessage(text.replace('Nonce: 0xab', 'Nonce: 0xac'), sig, { now }).ok).toBe(
      false,
    );
    for (const s of ['0x', '0x1234', 'zz', sig.slice(0, -2)])
      expect(verifySiweMessage(text, s, { now }).ok).toBe(false);
    expect(verifySiweMessage('garbage', sig, { now }).ok).toBe(false);
  });
});

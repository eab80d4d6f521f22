// The page's test for "a session sig or key": real session sigs and keys in every form a page
// could receive them (objects, JSON text, inside a message envelope, one node's sig, a bare
// secret) are found; what brokered calls hand the page (signatures, ciphertexts, hashes, JWTs,
// public keys) is not.
import { describe, expect, it } from 'vitest';
import { toHex } from '../../protocol/bytes';
import { eip191Hash, privateKeySigner } from '../../protocol/ethereum';
import { exportLitSessionKey, generateSessionKey } from '../../protocol/session-key';
import { walletSessionSigs } from '../../devnet/access-control.fixtures';
import { sessionSecretsIn } from './sig-watch.js';

const NODES = ['http://127.0.0.1:7470', 'http://127.0.0.1:7471', 'http://127.0.0.1:7472'];

async function sessionSigs() {
  return walletSessionSigs(privateKeySigner(crypto.getRandomValues(new Uint8Array(32))), {
    nonce: `0x${'ab'.repeat(32)}`,
    nodeUrls: NODES,
  });
}

describe('sessionSecretsIn', () => {
  it('finds session sigs as objects, JSON text and inside message envelopes', async () => {
    const sigs = await sessionSigs();
    expect(sessionSecretsIn(sigs)).toHaveLength(3);
    expect(sessionSecretsIn(JSON.stringify(sigs))).toHaveLength(3);
    const envelope = { source: 'lit-companion:content', type: 'response', id: 'x', result: sigs };
    expect(sessionSecretsIn(envelope)).toHaveLength(3);
    // Text that is not JSON as a whole but carries a sig (a log line, a DOM fragment).
    expect(sessionSecretsIn(`sigs: ${JSON.stringify(sigs)}`)).toEqual(['session sig (JSON text)']);
    expect(sessionSecretsIn(JSON.stringify(JSON.stringify(sigs)))).toHaveLength(3);
    const one = Object.values(sigs)[0]!;
    expect(sessionSecretsIn(one)).toEqual(['session sig']);
    expect(sessionSecretsIn(JSON.parse(one.signedMessage))).toEqual([
      "session sig's signed message",
    ]);
    // A sig's bare signature: 64 bytes of hex.
    expect(sessionSecretsIn({ value: one.sig })).toHaveLength(1);
  });

  it('finds session keys: Lit stored form, a bare secret, a JWK, a private CryptoKey', async () => {
    const pair = exportLitSessionKey(generateSessionKey());
    expect(sessionSecretsIn(pair)).toEqual(['session key']);
    expect(sessionSecretsIn([{ stored: JSON.stringify(pair) }])).toEqual(['session key']);
    expect(sessionSecretsIn(`key=${pair.secretKey};`)).toHaveLength(1);
    expect(sessionSecretsIn(`0x${pair.secretKey}`)).toHaveLength(1);
    const keys = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    expect(sessionSecretsIn({ key: keys.privateKey })).toEqual(['private CryptoKey']);
    expect(sessionSecretsIn(keys.publicKey)).toEqual([]);
    expect(sessionSecretsIn(await crypto.subtle.exportKey('jwk', keys.privateKey))).toEqual([
      'session key',
    ]);
  });

  it('finds nothing in what brokered calls return', () => {
    const digest = toHex(eip191Hash('hello'));
    const results = [
      {
        signature: `0x${'1b'.repeat(65)}`,
        r: 'aa'.repeat(32),
        s: 'bb'.repeat(32),
        recid: 0,
        publicKey: `04${'cd'.repeat(64)}`,
        dataSigned: digest,
      },
      { response: 'signed', logs: 'signing 32 bytes with the PKP\n', signatures: {}, claims: {} },
      { ciphertext: btoa('x'.repeat(300)), dataToEncryptHash: digest },
      { data: 'a note for myself' },
      { jwt: `${btoa('{"alg":"BLS12-381G1"}')}.${btoa('{"iss":"LIT"}')}.${'ab'.repeat(48)}` },
      { sessionKey: 'just a name' },
      'the page says signedMessage in prose',
    ];
    for (const result of results)
      expect(sessionSecretsIn(result), JSON.stringify(result)).toEqual([]);
  });

  it('stops on cycles and very deep values', () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    expect(sessionSecretsIn(cycle)).toEqual([]);
    let deep: unknown = exportLitSessionKey(generateSessionKey());
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(sessionSecretsIn(deep)).toEqual([]);
  });
});

import {
  createSiweMessageWithRecaps,
  generateAuthSig,
  LitAccessControlConditionResource,
  LitActionResource,
  LitPKPResource,
  LitRLIResource,
} from '@lit-protocol/auth-helpers';
import { LitNodeClientNodeJs } from '@lit-protocol/lit-node-client-nodejs';
import { nacl } from '@lit-protocol/nacl';
import { ethers } from 'ethers';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCapacityDelegationAuthSig, createWalletAuthSig } from './auth-sig';
import { fromHex, toHex, utf8 } from './bytes';
import type { LitResourceAbilityRequest } from './resources';
import { exportLitSessionKey, importLitSessionKey, sessionKeyFromSeed } from './session-key';
import {
  createSessionCapabilityMessage,
  createSessionSig,
  createSessionSignedMessage,
  createSessionSigs,
} from './session-sigs';

const wallet = new ethers.Wallet('0x' + '24'.repeat(32));
const owner = new ethers.Wallet('0x' + '25'.repeat(32));
const nonce = '0x' + '9a'.repeat(32);

const requestArb = fc
  .record({
    kind: fc.constantFrom('pkp', 'action', 'decrypt', 'credits'),
    wildcard: fc.boolean(),
    id: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex')),
  })
  .map(({ kind, wildcard, id }) => {
    const rid = wildcard ? '*' : id;
    const table = {
      pkp: [new LitPKPResource(rid), 'pkp-signing'],
      action: [
        new LitActionResource(wildcard ? '*' : 'Qm' + id.slice(0, 44)),
        'lit-action-execution',
      ],
      decrypt: [
        new LitAccessControlConditionResource(wildcard ? '*' : `${id}/${id}`),
        'access-control-condition-decryption',
      ],
      credits: [
        new LitRLIResource(wildcard ? '*' : String(parseInt(id.slice(0, 8), 16))),
        'rate-limit-increase-auth',
      ],
    } as const;
    const [resource, ability] = table[kind];
    const ours: LitResourceAbilityRequest = {
      resource: { resource: resource.resource, resourcePrefix: resource.resourcePrefix },
      ability,
    };
    return { lit: { resource, ability }, ours };
  });

afterEach(() => {
  vi.useRealTimers();
});

describe('session sigs against Lit’s getSessionSigs', () => {
  it('are byte-identical for a fixed key, time and nonce, over random requests and nodes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.array(requestArb, { minLength: 1, maxLength: 3 }),
        fc.uniqueArray(fc.integer({ min: 7470, max: 7480 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.boolean(),
        async (seed, requests, ports, t0, withDelegation) => {
          vi.useFakeTimers({ now: t0, toFake: ['Date'] });
          const nodeUrls = ports.map((p) =>
            p % 2 ? `http://127.0.0.1:${p}` : `https://localhost:${p}`,
          );
          const client = new LitNodeClientNodeJs({ litNetwork: 'custom', debug: false } as never);
          Object.assign(client, {
            ready: true,
            connectedNodes: new Set(nodeUrls),
            getLatestBlockhash: async () => nonce,
          });
          const sessionKey = sessionKeyFromSeed(seed);
          const stored = exportLitSessionKey(sessionKey);
          const expiration = new Date(t0 + 3_600_000).toISOString();
          const delegation = withDelegation
            ? await createCapacityDelegationAuthSig({
                signer: owner,
                nonce,
                capacityTokenId: '7',
                uses: '3',
                now: () => t0,
              })
            : undefined;

          const lit = await client.getSessionSigs({
            sessionKey: stored,
            chain: 'ethereum',
            expiration,
            resourceAbilityRequests: requests.map((r) => r.lit),
            ...(delegation ? { capacityDelegationAuthSig: delegation } : {}),
            authNeededCallback: async (p: {
              uri: string;
              expiration: string;
              nonce: string;
              resourceAbilityRequests: unknown;
            }) => {
              const toSign = await createSiweMessageWithRecaps({
                uri: p.uri,
                expiration: p.expiration,
                resources: p.resourceAbilityRequests,
                walletAddress: wallet.address,
                nonce: p.nonce,
                litNodeClient: client,
              } as never);
              return generateAuthSig({ signer: wallet, toSign });
            },
          } as never);

          const message = createSessionCapabilityMessage({
            sessionPublicKey: sessionKey.publicKey,
            walletAddress: wallet.address,
            nonce,
            expiration,
            resources: requests.map((r) => r.ours),
            now: () => t0,
          });
          const authSig = await createWalletAuthSig({ signer: wallet, message });
          const ours = await createSessionSigs({
            sessionKey: importLitSessionKey(stored),
            capabilities: delegation ? [delegation, authSig] : [authSig],
            resourceAbilityRequests: requests.map((r) => r.ours),
            nodeUrls,
            expiration,
            now: () => t0,
          });
          expect(JSON.stringify(ours)).toBe(JSON.stringify(lit));
          vi.useRealTimers();
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe('per-node pieces', () => {
  const key = sessionKeyFromSeed(new Uint8Array(32).fill(1));
  const base = {
    sessionKey: key.publicKey,
    resourceAbilityRequests: [
      {
        resource: { resource: '*', resourcePrefix: 'lit-pkp' },
        ability: 'pkp-signing',
      } as LitResourceAbilityRequest,
    ],
    capabilities: [
      { sig: 's', derivedVia: 'web3.eth.personal.sign', signedMessage: 'm', address: 'a' },
    ],
    issuedAt: '2025-01-01T00:00:00.000Z',
    expiration: '2025-01-02T00:00:00.000Z',
    nodeAddress: 'http://127.0.0.1:7470',
  };

  it('sign the wire doc’s field order, with resource before resourcePrefix', () => {
    const text = createSessionSignedMessage({
      ...base,
      resourceAbilityRequests: [
        { ability: 'pkp-signing', resource: { resourcePrefix: 'lit-pkp', resource: '*' } },
      ],
    });
    expect(text).toBe(
      `{"sessionKey":"${key.publicKey}","resourceAbilityRequests":[{"resource":{"resource":"*","resourcePrefix":"lit-pkp"},"ability":"pkp-signing"}],"capabilities":[{"sig":"s","derivedVia":"web3.eth.personal.sign","signedMessage":"m","address":"a"}],"issuedAt":"2025-01-01T00:00:00.000Z","expiration":"2025-01-02T00:00:00.000Z","nodeAddress":"http://127.0.0.1:7470"}`,
    );
    expect(() => createSessionSignedMessage({ ...base, capabilities: [{}] as never })).toThrow(
      /AuthSigs/,
    );
    expect(() => createSessionSignedMessage({ ...base, nodeAddress: 1 as never })).toThrow(
      /nodeAddress/,
    );
  });

  it('are a litSessionSignViaNacl AuthSig TweetNaCl verifies', async () => {
    const signedMessage = createSessionSignedMessage(base);
    const sig = await createSessionSig(key, signedMessage);
    expect(Object.keys(sig)).toEqual(['sig', 'derivedVia', 'signedMessage', 'address', 'algo']);
    expect(sig.derivedVia).toBe('litSessionSignViaNacl');
    expect(sig.algo).toBe('ed25519');
    expect(
      nacl.sign.detached.verify(utf8(signedMessage), fromHex(sig.sig), fromHex(key.publicKey)),
    ).toBe(true);
  });

  it('key the map by the exact URL strings, each signed once', async () => {
    const sigs = await createSessionSigs({
      sessionKey: key,
      capabilities: base.capabilities,
      resourceAbilityRequests: base.resourceAbilityRequests,
      nodeUrls: [
        'http://127.0.0.1:7470',
        'https://node.example:443',
        'http://127.0.0.1:7470',
        '__proto__',
      ],
      issuedAt: base.issuedAt,
      expiration: base.expiration,
    });
    expect(Object.keys(sigs)).toEqual([
      'http://127.0.0.1:7470',
      'https://node.example:443',
      '__proto__',
    ]);
    expect(Object.getPrototypeOf(sigs)).toBe(Object.prototype);
    expect(JSON.parse(sigs['https://node.example:443']!.signedMessage).nodeAddress).toBe(
      'https://node.example:443',
    );
    await expect(createSessionSigs({ ...base, sessionKey: key, nodeUrls: [''] })).rejects.toThrow(
      /nodeUrls/,
    );
  });

  it('ask the key for every node’s signature at once, and keep each with its node', async () => {
    // A WebCrypto key signs off the calling thread: waiting for each in turn would cost a round
    // trip per node. Here the signatures come back in reverse order.
    const asked: { message: string; answer: (sig: Uint8Array) => void }[] = [];
    const slowKey = {
      publicKey: key.publicKey,
      sign: (message: Uint8Array) =>
        new Promise<Uint8Array>((answer) =>
          asked.push({ message: new TextDecoder().decode(message), answer }),
        ),
    };
    const nodeUrls = ['http://127.0.0.1:7470', 'http://127.0.0.1:7471', 'http://127.0.0.1:7472'];
    const made = createSessionSigs({
      sessionKey: slowKey,
      capabilities: base.capabilities,
      resourceAbilityRequests: base.resourceAbilityRequests,
      nodeUrls,
      issuedAt: base.issuedAt,
      expiration: base.expiration,
    });
    await vi.waitFor(() => expect(asked).toHaveLength(3));
    for (const [i, a] of [...asked.entries()].reverse()) a.answer(new Uint8Array(64).fill(i + 1));
    const sigs = await made;
    expect(Object.keys(sigs)).toEqual(nodeUrls);
    nodeUrls.forEach((url, i) => {
      expect(JSON.parse(sigs[url]!.signedMessage).nodeAddress).toBe(url);
      expect(sigs[url]!.sig).toBe(toHex(new Uint8Array(64).fill(i + 1)));
    });
  });
});

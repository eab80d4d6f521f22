// Hostile pages: 500 random and malformed provider requests get EIP-1193 errors, the worker stays
// up and no session exists afterwards; a request too large to parse is refused before any schema;
// no message gets a session's private key out.
import fc from 'fast-check';
import { isProviderMethod, providerParamsSchemas } from '../src/extension/messages';
import { askWorker, expect, litRequest, test } from './fixtures';
import { installTestWallet } from './test-wallet';
import {
  openExtensionPage,
  pkpSigningAny,
  startEachTestClean,
  vaultEntries,
  approveSession,
} from './sessions';

const EIP1193_CODES = [4001, 4100, 4200, 4900, -32602, -32603, -32005];
const methods = [
  'lit_ping',
  'lit_getSessionSigs',
  'lit_getPkpSessionSigs',
  'lit_getLitActionSessionSigs',
  'lit_getSessions',
  'lit_revokeSession',
  'lit_disconnect',
  'lit_pkpSign',
  'lit_executeJs',
  'lit_encrypt',
  'lit_decrypt',
  'lit_getSignedToken',
];

const hex = (bytes: number) =>
  fc
    .uint8Array({ minLength: bytes, maxLength: bytes })
    .map((b) => `0x${Buffer.from(b).toString('hex')}`);

/** A request that is surely invalid: an unknown method, or a known one with params it refuses. */
const hostileRequest = fc
  .record({
    method: fc.oneof(
      fc.constantFrom(...methods),
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        'ui_getStatus',
        'ui_revokeAll',
        'ui_unlockAccount',
        '__proto__',
        'constructor',
      ),
    ),
    params: fc.oneof(
      fc.anything({ maxDepth: 3 }),
      fc.record(
        {
          resourceAbilityRequests: fc.oneof(
            fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 20 }),
            fc.constant([pkpSigningAny, { ...pkpSigningAny, ability: 'lit-action-execution' }]),
            fc.constant(Array(17).fill(pkpSigningAny)),
          ),
          expiration: fc.oneof(fc.string(), fc.constant('1999-01-01T00:00:00Z'), fc.integer()),
          walletSource: fc.oneof(fc.constant('page'), fc.string()),
          sessionId: fc.oneof(fc.string({ maxLength: 100 }), fc.integer()),
          // The brokered methods' fields, right-looking or not.
          pubKey: fc.oneof(hex(65), hex(33), fc.string({ maxLength: 140 })),
          pkpPublicKey: fc.oneof(hex(65), fc.string({ maxLength: 140 })),
          toSign: fc.oneof(
            hex(32),
            hex(31),
            fc.array(fc.integer({ min: -1, max: 256 }), { maxLength: 40 }),
          ),
          message: fc.oneof(fc.string(), fc.integer()),
          transaction: fc.oneof(hex(40), fc.string()),
          code: fc.oneof(fc.string({ maxLength: 60 }), fc.constant('')),
          ipfsId: fc.oneof(fc.string({ maxLength: 50 }), fc.constant('QmNotACid')),
          jsParams: fc.anything({ maxDepth: 2 }),
          accessControlConditions: fc.oneof(fc.array(fc.anything({ maxDepth: 2 })), fc.string()),
          unifiedAccessControlConditions: fc.array(fc.anything({ maxDepth: 2 })),
          data: fc.oneof(fc.string(), fc.integer()),
          encoding: fc.oneof(fc.constantFrom('utf8', 'base64'), fc.string({ maxLength: 8 })),
          ciphertext: fc.string({ maxLength: 80 }),
          dataToEncryptHash: fc.oneof(
            hex(32).map((h) => h.slice(2)),
            fc.string({ maxLength: 70 }),
          ),
          chain: fc.oneof(fc.constant('ethereum'), fc.string({ maxLength: 80 })),
        },
        { requiredKeys: [] },
      ),
    ),
  })
  .filter(({ method, params }) => {
    if (!isProviderMethod(method)) return true;
    const parsed = providerParamsSchemas[method].safeParse(params);
    // Valid params for a method that has no error path (or one that would open a window) are not hostile.
    return !parsed.success || method === 'lit_revokeSession';
  });

startEachTestClean();

test('500 random and malformed requests get EIP-1193 errors; the worker stays up; no session appears', async ({
  page,
  demo,
  extension,
}) => {
  test.setTimeout(120_000);
  await installTestWallet(page);
  await page.goto(demo.url);
  const requests = fc.sample(hostileRequest, { numRuns: 500, seed: 6 });
  expect(requests).toHaveLength(500);
  const outcomes = await page.evaluate(async (all) => {
    const lit = (window as unknown as { lit: { request: (a: unknown) => Promise<unknown> } }).lit;
    const out: { resolved?: unknown; code?: unknown; isError?: boolean }[] = [];
    for (let i = 0; i < all.length; i += 25) {
      out.push(
        ...(await Promise.all(
          all.slice(i, i + 25).map((r, j) =>
            // Every fifth goes straight to the relay, skipping the provider's own checks.
            ((i + j) % 5 === 0
              ? new Promise((resolve, reject) => {
                  const id = crypto.randomUUID();
                  const onMessage = (e: MessageEvent) => {
                    const d = e.data as {
                      source?: string;
                      type?: string;
                      id?: string;
                      error?: { code: number };
                      result?: unknown;
                    };
                    if (
                      d?.source !== 'lit-companion:content' ||
                      d.type !== 'response' ||
                      d.id !== id
                    )
                      return;
                    window.removeEventListener('message', onMessage);
                    if (d.error) reject(Object.assign(new Error('x'), d.error));
                    else resolve(d.result);
                  };
                  window.addEventListener('message', onMessage);
                  window.postMessage(
                    { source: 'lit-companion:inpage', type: 'request', id, request: r },
                    '/',
                  );
                })
              : lit.request(r)
            ).then(
              (resolved) => ({ resolved }),
              (e: { code?: unknown }) => ({ code: e.code, isError: e instanceof Error }),
            ),
          ),
        )),
      );
    }
    return out;
  }, requests);
  outcomes.forEach((o, i) => {
    expect(o.resolved, JSON.stringify(requests[i])).toBeUndefined();
    expect(EIP1193_CODES, JSON.stringify(requests[i])).toContain(o.code);
    expect(o.isError).toBe(true);
  });

  // Still up, and nothing was created or left waiting.
  expect((await litRequest(page, { method: 'lit_ping' })).result).toBeTruthy();
  expect((await litRequest(page, { method: 'lit_getSessions' })).result).toEqual([]);
  const options = await openExtensionPage(extension);
  const status = await askWorker(options, { type: 'ui_getStatus' });
  expect(status.ok && status.result.sessions).toEqual([]);
  const pending = await askWorker(options, { type: 'ui_getPending' });
  expect(pending.ok && pending.result.pending).toEqual([]);
  await options.close();
  expect(await vaultEntries(extension)).toEqual([]);
});

test('no message from a page gets a session private key out', async ({ page, demo, extension }) => {
  await installTestWallet(page);
  await page.goto(demo.url);
  const sigs = await approveSession(page, extension);
  const sessions = (await litRequest(page, { method: 'lit_getSessions' })).result as {
    publicKey: string;
  }[];
  const publicKey = sessions[0]!.publicKey;

  // Everything a page can get names the key by its public half only.
  const everything = JSON.stringify([sigs, sessions]);
  expect(everything).not.toMatch(/secret|private|pkcs8|"d":/i);
  expect(everything.match(/[0-9a-f]{128}/g)?.every((hex) => !hex.includes(publicKey)) ?? true).toBe(
    true,
  );

  // The privileged (extension page) messages are not provider methods, and a page cannot send them.
  for (const method of ['ui_getStatus', 'ui_getPending', 'ui_unlockAccount', 'ui_revokeAll']) {
    expect((await litRequest(page, { method })).error).toMatchObject({ code: 4200 });
  }
  const direct = await page.evaluate(async (id) => {
    const runtime = (
      globalThis as unknown as {
        chrome?: { runtime?: { sendMessage?: (id: string, m: unknown) => Promise<unknown> } };
      }
    ).chrome?.runtime;
    if (!runtime?.sendMessage) return 'no runtime';
    try {
      return JSON.stringify(await runtime.sendMessage(id, { type: 'ui_getStatus' }));
    } catch {
      return 'refused';
    }
  }, extension.id);
  expect(['no runtime', 'refused']).toContain(direct);

  // And even the extension itself cannot export the key: it is a non-extractable CryptoKey.
  const [entry] = (await vaultEntries(extension)).filter((e) => e.publicKey === publicKey);
  expect(entry).toMatchObject({ extractable: false });
  const options = await openExtensionPage(extension);
  const exported = await options.evaluate(
    (pk) =>
      new Promise<string[]>((resolve) => {
        const open = indexedDB.open('lit-companion-keys');
        open.onsuccess = () => {
          const get = open.result.transaction('sessionKeys').objectStore('sessionKeys').get(pk);
          get.onsuccess = async () => {
            const { privateKey } = (get.result as { keyPair: CryptoKeyPair }).keyPair;
            const outcomes: string[] = [];
            for (const format of ['pkcs8', 'jwk', 'raw'] as const) {
              outcomes.push(
                await crypto.subtle.exportKey(format, privateKey).then(
                  () => `${format}: exported`,
                  () => `${format}: refused`,
                ),
              );
            }
            resolve(outcomes);
          };
        };
      }),
    publicKey,
  );
  expect(exported).toEqual(['pkcs8: refused', 'jwk: refused', 'raw: refused']);
  await options.close();
});

test('a request too large to parse is refused with -32602; a large one that is not still reaches the schemas', async ({
  page,
  demo,
}) => {
  await page.goto(demo.url);
  const outcomes = await page.evaluate(async (capability) => {
    const lit = (window as unknown as { lit: { request: (a: unknown) => Promise<unknown> } }).lit;
    const ask = (request: unknown) =>
      lit.request(request).then(
        () => 'resolved',
        (e: { code?: unknown; message?: unknown }) => ({ code: e.code, message: e.message }),
      );
    const jsParams: Record<string, number> = {};
    for (let i = 0; i < 100_000; i++) jsParams[`k${i}`] = i;
    return Promise.all([
      ask({ method: 'lit_executeJs', params: { code: 'x', jsParams } }),
      // 256 KiB of code (the most accepted) with a key that is not one: refused by its schema.
      ask({
        method: 'lit_getLitActionSessionSigs',
        params: {
          pkpPublicKey: '0x1234',
          litActionCode: 'x'.repeat(256 * 1024),
          resourceAbilityRequests: [capability],
        },
      }),
    ]);
  }, pkpSigningAny);
  expect(outcomes).toEqual([
    { code: -32602, message: 'Request too large: more than 24576 keys' },
    { code: -32602, message: expect.stringMatching(/^Invalid params: params\.pkpPublicKey: /) },
  ]);
  expect((await litRequest(page, { method: 'lit_ping' })).result).toBeTruthy();
});

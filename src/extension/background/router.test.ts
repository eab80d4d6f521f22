import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('./test-browser')).fakeBrowser,
}));
const { routeProviderMessage } = await import('./router');

const page = {
  open: true,
  onClose: () => () => undefined,
  askWallet: () => Promise.reject(new Error('no wallet in this test')),
};
const context = { origin: 'https://dapp.example', tabId: 7, page };
const ask = (request: unknown) =>
  routeProviderMessage({ type: 'request', id: 'r1', request }, context);

describe('routeProviderMessage', () => {
  it('answers lit_ping with the version and the worker start time', async () => {
    const reply = await ask({ method: 'lit_ping' });
    expect(reply).toMatchObject({ type: 'response', id: 'r1', result: { version: '9.8.7' } });
    const { workerStartedAt } = (reply as { result: { workerStartedAt: string } }).result;
    expect(new Date(workerStartedAt).toISOString()).toBe(workerStartedAt);
  });

  it('accepts lit_ping with empty params as an object or an array', async () => {
    expect(await ask({ method: 'lit_ping', params: {} })).toHaveProperty('result');
    expect(await ask({ method: 'lit_ping', params: [] })).toHaveProperty('result');
  });

  it('rejects unknown methods with 4200, including inherited property names', async () => {
    for (const method of ['eth_accounts', 'toString', '__proto__', 'constructor']) {
      expect(await ask({ method })).toEqual({
        type: 'response',
        id: 'r1',
        error: { code: 4200, message: `Unsupported method: ${method}` },
      });
    }
  });

  it('rejects malformed requests with -32602 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{}, 'request.method'],
      [{ method: 7 }, 'request.method'],
      [{ method: '' }, 'request.method'],
      [{ method: 'lit_ping', params: 'x' }, 'request.params'],
      [{ method: 'lit_ping', params: null }, 'request.params'],
      [{ method: 'lit_ping', params: { extra: true } }, 'params'],
      [{ method: 'lit_ping', params: [1] }, 'params'],
      ['lit_ping', 'request'],
      [null, 'request'],
      [[{ method: 'lit_ping' }], 'request'],
    ];
    for (const [request, field] of cases) {
      const reply = await ask(request);
      expect(reply, JSON.stringify(request)).toMatchObject({ error: { code: -32602 } });
      expect((reply as { error: { message: string } }).error.message).toContain(field);
    }
  });

  it('drops envelopes without a usable id instead of guessing', async () => {
    for (const raw of [
      null,
      'x',
      {},
      { type: 'request' },
      { type: 'request', id: '' },
      { type: 'nope', id: 'a' },
    ]) {
      expect(await routeProviderMessage(raw, context)).toBeNull();
    }
    expect(
      await routeProviderMessage({ type: 'request', id: 'x'.repeat(65), request: {} }, context),
    ).toBeNull();
  });

  it('names the failing field of lit_getSessionSigs, lit_revokeSession and lit_getSessions params', async () => {
    const pkp = { resource: { resource: '*', resourcePrefix: 'lit-pkp' }, ability: 'pkp-signing' };
    const cases: [string, unknown, string][] = [
      ['lit_getSessionSigs', {}, 'params.resourceAbilityRequests'],
      ['lit_getSessionSigs', { resourceAbilityRequests: [] }, 'params.resourceAbilityRequests'],
      [
        'lit_getSessionSigs',
        { resourceAbilityRequests: [{ ...pkp, ability: 'lit-action-execution' }] },
        'params.resourceAbilityRequests.0.ability',
      ],
      [
        'lit_getSessionSigs',
        {
          resourceAbilityRequests: [
            { ...pkp, resource: { resource: 'xyz', resourcePrefix: 'lit-pkp' } },
          ],
        },
        'params.resourceAbilityRequests.0.resource.resource',
      ],
      [
        'lit_getSessionSigs',
        { resourceAbilityRequests: [pkp], expiration: 'tomorrow' },
        'params.expiration',
      ],
      [
        'lit_getSessionSigs',
        { resourceAbilityRequests: [pkp], walletSource: 'metamask' },
        'params.walletSource',
      ],
      ['lit_getSessionSigs', { resourceAbilityRequests: [pkp], sessionKey: 'x' }, 'params'],
      ['lit_revokeSession', { sessionId: 7 }, 'params.sessionId'],
      ['lit_getSessions', { origin: 'https://other.example' }, 'params'],
    ];
    for (const [method, params, field] of cases) {
      const reply = await ask({ method, params });
      expect(reply, JSON.stringify(params)).toMatchObject({ error: { code: -32602 } });
      expect((reply as { error: { message: string } }).error.message).toContain(field);
    }
  });

  it('names the failing field of the PKP and Lit Action session params', async () => {
    const pkp = { resource: { resource: '*', resourcePrefix: 'lit-pkp' }, ability: 'pkp-signing' };
    const key = '0x04' + 'ab'.repeat(64);
    const base = { pkpPublicKey: key, resourceAbilityRequests: [pkp] };
    const code = 'Lit.Actions.setResponse({ response: "true" })';
    const cid = 'Qm' + 'a'.repeat(44);
    const cases: [string, unknown, string][] = [
      ['lit_getPkpSessionSigs', { resourceAbilityRequests: [pkp] }, 'params.pkpPublicKey'],
      ['lit_getPkpSessionSigs', { ...base, pkpPublicKey: '0x1234' }, 'params.pkpPublicKey'],
      ['lit_getPkpSessionSigs', { pkpPublicKey: key }, 'params.resourceAbilityRequests'],
      ['lit_getPkpSessionSigs', { ...base, expiration: 'soon' }, 'params.expiration'],
      ['lit_getPkpSessionSigs', { ...base, litActionCode: code }, 'params'],
      ['lit_getLitActionSessionSigs', base, 'params.litActionCode'],
      [
        'lit_getLitActionSessionSigs',
        { ...base, litActionCode: code, litActionIpfsId: cid },
        'params.litActionCode',
      ],
      ['lit_getLitActionSessionSigs', { ...base, litActionCode: '' }, 'params.litActionCode'],
      [
        'lit_getLitActionSessionSigs',
        { ...base, litActionCode: 'x'.repeat(256 * 1024 + 1) },
        'params.litActionCode',
      ],
      [
        'lit_getLitActionSessionSigs',
        { ...base, litActionIpfsId: 'bafy' },
        'params.litActionIpfsId',
      ],
      [
        'lit_getLitActionSessionSigs',
        { ...base, litActionCode: code, jsParams: { f: 'x'.repeat(20_000) } },
        'params.jsParams',
      ],
      [
        'lit_getLitActionSessionSigs',
        { ...base, litActionCode: code, jsParams: ['not', 'an', 'object'] },
        'params.jsParams',
      ],
    ];
    for (const [method, params, field] of cases) {
      const reply = await ask({ method, params });
      expect(reply, JSON.stringify(params).slice(0, 200)).toMatchObject({
        error: { code: -32602 },
      });
      expect((reply as { error: { message: string } }).error.message).toContain(field);
    }
  });

  describe('requests too large to parse', () => {
    const tooLarge = (reply: unknown) =>
      (reply as { error?: { code: number; message: string } } | null)?.error;

    it('answers -32602 naming the limit, before any schema reads the request', async () => {
      // Every read of jsParams' values counted: zod would read all 100k before its size check.
      let reads = 0;
      const target: Record<string, number> = {};
      for (let i = 0; i < 100_000; i++) target[`k${i}`] = i;
      const jsParams = new Proxy(target, {
        get(t, key, receiver) {
          reads++;
          return Reflect.get(t, key, receiver) as unknown;
        },
      });
      expect(
        tooLarge(await ask({ method: 'lit_executeJs', params: { code: 'x', jsParams } })),
      ).toEqual({ code: -32602, message: 'Request too large: more than 24576 keys' });
      expect(reads).toBe(0);

      let deep: unknown = 'x';
      for (let i = 0; i < 40; i++) deep = { a: deep };
      expect(
        tooLarge(await ask({ method: 'lit_executeJs', params: { code: 'x', jsParams: deep } })),
      ).toEqual({ code: -32602, message: 'Request too large: nested deeper than 32' });
      const code = 'x'.repeat(4 * 1024 * 1024 + 1);
      expect(tooLarge(await ask({ method: 'lit_executeJs', params: { code } }))).toEqual({
        code: -32602,
        message: 'Request too large: more than 4194304 characters of strings',
      });
    });

    it('counts the whole Port message, and answers by its id when it has one', async () => {
      const padding = Array.from({ length: 70_000 }, () => 0);
      const padded = { type: 'request', id: 'r2', request: { method: 'lit_ping' }, padding };
      expect(await routeProviderMessage(padded, context)).toEqual({
        type: 'response',
        id: 'r2',
        error: { code: -32602, message: 'Request too large: more than 65536 values' },
      });
      expect(await routeProviderMessage({ ...padded, id: 7 }, context)).toBeNull();
      expect(await routeProviderMessage(padding, context)).toBeNull();
    });

    it('lets the largest requests the schemas accept through to their schemas', async () => {
      const capability = {
        resource: { resource: '*', resourcePrefix: 'lit-pkp' },
        ability: 'pkp-signing',
        data: { list: Array.from({ length: 1000 }, (_, j) => j % 10) },
      };
      // 256 KiB of code, jsParams of 8000 values (16 KiB), 16 capabilities of 1000 values each
      // (24K values in all): only the key is wrong.
      const action = await ask({
        method: 'lit_getLitActionSessionSigs',
        params: {
          pkpPublicKey: '0x1234',
          litActionCode: 'x'.repeat(256 * 1024),
          jsParams: { bytes: Array.from({ length: 8000 }, (_, i) => i % 10) },
          resourceAbilityRequests: Array.from({ length: 16 }, () => capability),
        },
      });
      expect(tooLarge(action)).toEqual({
        code: -32602,
        message: expect.stringMatching(/^Invalid params: params\.pkpPublicKey: [^;]*$/) as unknown,
      });
      // 2 MiB of ciphertext and 32 KiB of conditions (16000 values): only the hash is wrong.
      const decrypt = await ask({
        method: 'lit_decrypt',
        params: {
          accessControlConditions: [{ v: Array.from({ length: 16_000 }, (_, i) => i % 10) }],
          ciphertext: 'A'.repeat(2 * 1024 * 1024),
          dataToEncryptHash: 'not a hash',
          chain: 'ethereum',
        },
      });
      expect(tooLarge(decrypt)).toEqual({
        code: -32602,
        message: expect.stringMatching(
          /^Invalid params: params\.dataToEncryptHash: [^;]*$/,
        ) as unknown,
      });
    });
  });
});

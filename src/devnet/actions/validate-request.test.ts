import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from './limits';
import { AUTH, request, sandboxForTests } from './test-fixtures';
import { MAX_CODE_BYTES, validateRequest } from './validate-request';

/** The message `validateRequest` throws for `input`. */
function refusal(input: unknown): string {
  try {
    validateRequest(input);
  } catch (error) {
    expect((error as Error).name).toBe('LitActionRequestError');
    return (error as Error).message;
  }
  throw new Error('expected the request to be refused');
}

describe('validateRequest', () => {
  it('builds the worker job: JSON text of jsParams and Lit.Auth, defaults for limits', () => {
    const { job, hostFunctions } = validateRequest({
      code: 'go()',
      jsParams: { a: 1, nested: { b: [true, null, 'x'] } },
      authContext: AUTH,
      hostFunctions: { echo: async (x: unknown) => x },
    });
    expect(job.code).toBe('go()');
    expect(JSON.parse(job.jsParamsJson)).toEqual({ a: 1, nested: { b: [true, null, 'x'] } });
    // actionIpfsIdStack defaults to actionIpfsIds; keys come in Lit's order.
    expect(Object.keys(JSON.parse(job.authContextJson))).toEqual([
      'actionIpfsIds',
      'actionIpfsIdStack',
      'authSigAddress',
      'authMethodContexts',
      'resources',
      'customAuthResource',
    ]);
    expect(JSON.parse(job.authContextJson).actionIpfsIdStack).toEqual(AUTH.actionIpfsIds);
    expect(job.limits).toEqual(DEFAULT_LIMITS);
    expect(job.hostFunctionNames).toEqual(['echo']);
    expect(hostFunctions.get('echo')).toBeTypeOf('function');
  });

  it('treats missing jsParams as none', () => {
    expect(validateRequest({ code: '', authContext: AUTH }).job.jsParamsJson).toBe('{}');
  });

  it('refuses code that is not a string or is over 1 MiB', () => {
    expect(refusal({ code: 42, authContext: AUTH })).toBe('code: expected a string');
    expect(refusal({ authContext: AUTH })).toBe('code: expected a string');
    const huge = 'x'.repeat(MAX_CODE_BYTES + 1);
    expect(refusal({ code: huge, authContext: AUTH })).toBe(
      `code: ${MAX_CODE_BYTES + 1} bytes, over the limit of ${MAX_CODE_BYTES}`,
    );
    // The limit is in UTF-8 bytes, not UTF-16 units.
    const wide = 'é'.repeat(MAX_CODE_BYTES / 2 + 1);
    expect(refusal({ code: wide, authContext: AUTH })).toMatch(/^code: 1048578 bytes/);
  });

  it('refuses jsParams keys that cannot be globals', () => {
    for (const [key, why] of [
      ['1abc', 'not a JavaScript identifier'],
      ['a-b', 'not a JavaScript identifier'],
      ['', 'not a JavaScript identifier'],
      ['with space', 'not a JavaScript identifier'],
      ['class', 'a reserved word'],
      ['Lit', 'a global the sandbox defines'],
      ['LitActions', 'a global the sandbox defines'],
      ['undefined', 'a global the sandbox defines'],
      ['__proto__', 'a global the sandbox defines'],
    ]) {
      const jsParams = JSON.parse(`{${JSON.stringify(key)}: 1}`);
      expect(refusal({ code: '', jsParams, authContext: AUTH })).toBe(
        `jsParams: key ${JSON.stringify(key)} is ${why}`,
      );
    }
    expect(() =>
      validateRequest({ code: '', jsParams: { $ok: 1, _ok: 2, café: 3 }, authContext: AUTH }),
    ).not.toThrow();
  });

  it('refuses jsParams values that are not JSON, naming where', () => {
    const sparse: number[] = [1];
    sparse[2] = 3;
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    let deep: unknown = 1;
    for (let i = 0; i < 200; i++) deep = [deep];
    const cases: [unknown, string][] = [
      [{ f: () => 1 }, 'jsParams: not JSON: .f: a function'],
      [{ u: undefined }, 'jsParams: not JSON: .u: a undefined'],
      [{ big: 1n }, 'jsParams: not JSON: .big: a bigint'],
      [{ n: NaN }, 'jsParams: not JSON: .n: NaN is not a JSON number'],
      [{ d: new Date(0) }, 'jsParams: not JSON: .d: a Date object'],
      [{ m: new Map() }, 'jsParams: not JSON: .m: a Map object'],
      [{ a: sparse }, 'jsParams: not JSON: .a[1]: a hole in an array'],
      [{ c: cyclic }, 'jsParams: not JSON: .c.self.self'],
      [{ deep }, 'jsParams: not JSON: .deep'],
      [{ s: Symbol('x') }, 'jsParams: not JSON: .s: a symbol'],
    ];
    for (const [jsParams, message] of cases) {
      expect(refusal({ code: '', jsParams, authContext: AUTH })).toContain(message);
    }
    const getter = {
      get boom(): never {
        throw new Error('no');
      },
    };
    expect(refusal({ code: '', jsParams: getter, authContext: AUTH })).toBe(
      'jsParams: not JSON: .boom: an accessor property',
    );
    expect(refusal({ code: '', jsParams: [1], authContext: AUTH })).toBe(
      'jsParams: expected an object',
    );
    expect(refusal({ code: '', jsParams: 'a=1', authContext: AUTH })).toBe(
      'jsParams: expected an object',
    );
  });

  it('refuses a malformed auth context', () => {
    expect(refusal({ code: '' })).toBe('authContext: expected an object');
    expect(refusal({ code: '', authContext: { ...AUTH, actionIpfsIds: [1] } })).toBe(
      'authContext.actionIpfsIds: expected an array of strings',
    );
    expect(refusal({ code: '', authContext: { ...AUTH, authSigAddress: 5 } })).toBe(
      'authContext.authSigAddress: expected a string or null',
    );
    expect(refusal({ code: '', authContext: { ...AUTH, resources: {} } })).toBe(
      'authContext.resources: expected an array',
    );
    expect(refusal({ code: '', authContext: { ...AUTH, extra: 1 } })).toBe(
      'authContext.extra: unknown field',
    );
    expect(refusal({ code: '', authContext: { ...AUTH, resources: [() => 1] } })).toBe(
      'authContext: not JSON: .resources[0]: a function',
    );
  });

  it('refuses bad limits and host functions', () => {
    expect(refusal(request('', { limits: { timeoutMs: 0 } }))).toBe(
      'limits.timeoutMs: expected an integer from 1 to 900000',
    );
    expect(refusal(request('', { limits: { memoryBytes: 2 ** 40 } }))).toMatch(
      /^limits\.memoryBytes: expected an integer/,
    );
    expect(refusal({ ...request(''), limits: { cpu: 1 } })).toBe('limits.cpu: unknown limit');
    expect(refusal({ ...request(''), limits: { timeoutMs: 1.5 } })).toMatch(/^limits\.timeoutMs/);
    expect(refusal({ ...request(''), hostFunctions: { setResponse: async () => 1 } })).toBe(
      'hostFunctions: name "setResponse" is taken by Lit.Actions.setResponse',
    );
    expect(refusal({ ...request(''), hostFunctions: { 'sign-it': async () => 1 } })).toBe(
      'hostFunctions: name "sign-it" is not a JavaScript identifier',
    );
    expect(refusal({ ...request(''), hostFunctions: { sign: 'nope' } })).toBe(
      'hostFunctions.sign: expected a function',
    );
    expect(refusal({ ...request(''), surprise: true })).toBe('request.surprise: unknown field');
    expect(refusal(null)).toBe('request: expected an object');
  });
});

describe('running bad input', () => {
  const runLitAction = sandboxForTests();
  it('resolves with InvalidLitActionRequest instead of throwing', async () => {
    const inputs: unknown[] = [
      undefined,
      'code',
      { code: 7, authContext: AUTH },
      { code: 'x'.repeat(MAX_CODE_BYTES + 1), authContext: AUTH },
      { code: '', jsParams: { 'not-an-identifier': 1 }, authContext: AUTH },
      { code: '', jsParams: { when: new Date() }, authContext: AUTH },
      new Proxy(
        {},
        {
          ownKeys() {
            throw new Error('trap');
          },
        },
      ),
    ];
    for (const input of inputs) {
      // @ts-expect-error: deliberately not a LitActionRequest
      const result = await runLitAction(input);
      expect(result.ok).toBe(false);
      expect(result).toMatchObject({ errorCode: 'InvalidLitActionRequest', logs: '' });
    }
  });
});

// executeJs over fakes: how a busy sandbox and a caller with too many actions are answered, and
// that a caller's place is given back whatever the outcome.
import { describe, expect, it } from 'vitest';
import { LitNodeError } from '../../protocol/errors';
import type { SessionSigVerified } from '../../protocol/verify-session-sig';
import type { LitActionResult } from '../actions';
import { ActionAdmission, MAX_ACTIONS_PER_CALLER } from './action-admission';
import type { ActionRunEnv } from './action-operations-env';
import { NodeTransportError } from './errors';
import { executeJs, type ExecuteJsDeps } from './execute-js';

const USER = '0x19E7E376E7C213B7E7e7e46cc70A5dD086DAff2A';
const verified = {
  ok: true,
  sessionPublicKey: 'ab'.repeat(32),
  capabilityKind: 'wallet',
  capabilityAddress: USER,
  signedMessage: { capabilities: [] },
} as unknown as SessionSigVerified;

const body = { code: Buffer.from('1').toString('base64'), authSig: {}, epoch: 1 };
const request = { body, requestId: 'lit_req' };

function depsWith(over: Partial<ExecuteJsDeps> = {}): ExecuteJsDeps {
  return {
    guard: () => verified,
    capacity: () => undefined,
    actionCode: () => null,
    rememberActionCode: () => undefined,
    runLitAction: async () => ({ ok: true, response: 'r', logs: '' }),
    admission: new ActionAdmission(),
    runEnv: (r) => ({ ...r, selfIndex: 0, threshold: 2 }) as unknown as ActionRunEnv,
    ...over,
  };
}

const thrown = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );

describe('executeJs: a busy sandbox, a caller over its share', () => {
  it('a sandbox with no free worker is 503 NodeJsSandboxBusy with Retry-After, not a 500', async () => {
    const busy: LitActionResult = {
      ok: false,
      errorCode: 'LitActionSandboxFault',
      message: "the sandbox is busy: no worker came free within the action's time limit of 3000 ms",
      logs: '',
      busy: true,
    };
    const error = await thrown(executeJs(request, depsWith({ runLitAction: async () => busy })));
    expect(error).toBeInstanceOf(NodeTransportError);
    const { error: answer, headers } = error as NodeTransportError;
    expect(answer).toEqual({
      status: 503,
      errorKind: 'Generic',
      errorCode: 'NodeJsSandboxBusy',
      message: 'Every Lit Action worker of this node is busy; try again later',
      details: [busy.message],
    });
    expect(headers).toEqual({ 'retry-after': '1' });
  });

  it('a sandbox that failed is still a 500 NodeSystemFault', async () => {
    const broken: LitActionResult = {
      ok: false,
      errorCode: 'LitActionSandboxFault',
      message: 'the sandbox worker exited with code 1',
      logs: '',
    };
    const error = await thrown(executeJs(request, depsWith({ runLitAction: async () => broken })));
    expect(error).toBeInstanceOf(LitNodeError);
    expect((error as LitNodeError).errorCode).toBe('NodeSystemFault');
  });

  it(`a caller holds at most ${MAX_ACTIONS_PER_CALLER} actions on a node; the next is 429`, async () => {
    const admission = new ActionAdmission();
    const ends: (() => void)[] = [];
    const runLitAction = () =>
      new Promise<LitActionResult>((resolve) =>
        ends.push(() => resolve({ ok: true, response: 'r', logs: '' })),
      );
    const deps = depsWith({ admission, runLitAction });
    const running = Array.from({ length: MAX_ACTIONS_PER_CALLER }, () => executeJs(request, deps));
    await new Promise((r) => setTimeout(r, 0));
    expect(admission.held(USER.toLowerCase())).toBe(MAX_ACTIONS_PER_CALLER);
    const refused = await thrown(executeJs(request, deps));
    expect(refused).toBeInstanceOf(NodeTransportError);
    expect((refused as NodeTransportError).error).toMatchObject({
      status: 429,
      errorCode: 'NodeJsTooManyActions',
    });
    expect((refused as NodeTransportError).headers).toEqual({ 'retry-after': '1' });
    // Another caller is not affected.
    const other = { ...verified, capabilityAddress: '0x' + '1'.repeat(40) };
    const theirs = executeJs(request, { ...deps, guard: () => other });
    await new Promise((r) => setTimeout(r, 0));
    ends.splice(0).forEach((end) => end());
    await Promise.all([...running, theirs]);
    expect(admission.held(USER)).toBe(0);
  });

  it('gives the place back when the run fails or capacity refuses', async () => {
    const admission = new ActionAdmission();
    await thrown(
      executeJs(
        request,
        depsWith({
          admission,
          runLitAction: async () => ({
            ok: false,
            errorCode: 'NodeJsTimeoutError',
            message: 'Lit Action timed out after 3000 ms',
            logs: '',
          }),
        }),
      ),
    );
    await thrown(
      executeJs(
        request,
        depsWith({
          admission,
          capacity: () => {
            throw new LitNodeError('rate_limit_exceeded');
          },
        }),
      ),
    );
    expect(admission.held(USER)).toBe(0);
  });
});

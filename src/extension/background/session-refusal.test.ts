import { describe, expect, it } from 'vitest';
import { NodeCallError } from '../../client/node-call';
import { SignSessionKeyError } from '../../client/sign-session-key';
import { LitNodeError } from '../../protocol/errors';
import { sessionRefusal } from './session-refusal';

const NODES = ['http://127.0.0.1:7470', 'http://127.0.0.1:7471', 'http://127.0.0.1:7472'];
const pkp = {
  publicKey: '0x04' + 'ab'.repeat(64),
  tokenId: 'cd'.repeat(32),
  address: '0x00000000000000000000000000000000000000Aa',
};
const ctx = { pkp, wallet: '0x00000000000000000000000000000000000000Bb', nodes: 3, threshold: 2 };

/** A node's refusal, as node-call reads Lit's error JSON. */
function refused(url: string, error: LitNodeError) {
  return {
    url,
    error: new NodeCallError(url, {
      kind: 'http',
      status: error.status,
      errorCode: error.errorCode,
      message: `HTTP ${error.status}: ${error.message}`,
      body: error.toJSON(),
    }),
  };
}

const unreachable = (url: string) => ({
  url,
  error: new NodeCallError(url, { kind: 'unreachable', message: 'unreachable (fetch failed)' }),
});

const thrown = (failures: ReturnType<typeof unreachable>[]) => {
  const common = failures.find((f) => f.error.errorCode)?.error.errorCode;
  return new SignSessionKeyError('sign_session_key: not enough', common, failures);
};

describe('sessionRefusal', () => {
  it('nodes down: 4900 naming each failed node and how many signed', () => {
    const e = sessionRefusal(thrown([unreachable(NODES[0]!), unreachable(NODES[2]!)]), {
      ...ctx,
      signed: 1,
    });
    expect(e.code).toBe(4900);
    expect(e.message).toBe(
      `Only 1 of 3 Lit nodes signed the session (2 needed): ${NODES[0]}: unreachable (fetch failed); ${NODES[2]}: unreachable (fetch failed)`,
    );
    expect(e.data).toEqual({
      failures: [
        { url: NODES[0], error: `${NODES[0]}: unreachable (fetch failed)` },
        { url: NODES[2], error: `${NODES[2]}: unreachable (fetch failed)` },
      ],
    });
  });

  it("a PKP the wallet may not use: 4100 naming wallet and PKP, with Lit's code", () => {
    const no = new LitNodeError('NodePKPNotAuthorized', ['not permitted']);
    const e = sessionRefusal(thrown(NODES.map((u) => refused(u, no))), { ...ctx, signed: 0 });
    expect(e.code).toBe(4100);
    expect(e.message).toContain(`${ctx.wallet} is not permitted to use PKP ${pkp.address}`);
    expect(e.data).toMatchObject({ errorCode: 'NodePKPNotAuthorized' });
    expect((e.data as { failures: unknown[] }).failures).toHaveLength(3);
  });

  it('an action that said no: its reason and logs', () => {
    const no = new LitNodeError('NodeLitActionsSessionSigAuthenticationFailed', [
      'the action responded "false"',
      'refusing alice\n',
    ]);
    const e = sessionRefusal(thrown(NODES.map((u) => refused(u, no))), { ...ctx, signed: 0 });
    expect(e.code).toBe(4100);
    expect(e.message).toBe(
      'The Lit Action did not allow the session: the action responded "false"',
    );
    expect(e.data).toMatchObject({
      errorCode: 'NodeLitActionsSessionSigAuthenticationFailed',
      logs: 'refusing alice\n',
    });
    expect(e.data).not.toHaveProperty('actionErrorCode');
  });

  it('an action that timed out (or threw): its error code, message and logs', () => {
    const timeout = new LitNodeError('NodeLitActionsSessionSigAuthenticationFailed', [
      'NodeJsTimeoutError',
      'Lit Action timed out after 30000 ms',
      'looping\n',
    ]);
    const e = sessionRefusal(thrown([refused(NODES[0]!, timeout), refused(NODES[1]!, timeout)]), {
      ...ctx,
      signed: 0,
    });
    expect(e.message).toBe('The Lit Action timed out: Lit Action timed out after 30000 ms');
    expect(e.data).toMatchObject({ actionErrorCode: 'NodeJsTimeoutError', logs: 'looping\n' });
    const threw = new LitNodeError('NodeLitActionsSessionSigAuthenticationFailed', [
      'NodeJsExecutionError',
      'ReferenceError: x is not defined',
      '',
    ]);
    expect(sessionRefusal(thrown([refused(NODES[0]!, threw)]), { ...ctx, signed: 0 }).message).toBe(
      'The Lit Action failed (NodeJsExecutionError): ReferenceError: x is not defined',
    );
  });

  it('bounds what a node may make it say', () => {
    const long = new LitNodeError('NodeLitActionsSessionSigAuthenticationFailed', [
      'r'.repeat(10_000),
      'l'.repeat(100_000),
    ]);
    const e = sessionRefusal(thrown([refused(NODES[0]!, long)]), { ...ctx, signed: 0 });
    expect(e.message.length).toBeLessThan(700);
    expect((e.data as { logs: string }).logs.length).toBeLessThanOrEqual(8 * 1024 + 1);
  });

  it('any other refusal: 4100 with the code and the first node that gave it', () => {
    const other = new LitNodeError('NodeSIWEMessageError', ['bad nonce']);
    const e = sessionRefusal(thrown([refused(NODES[1]!, other), unreachable(NODES[0]!)]), {
      ...ctx,
      signed: 0,
    });
    expect(e.code).toBe(4100);
    expect(e.message).toMatch(
      /^The Lit nodes refused the session \(NodeSIWEMessageError\): http:\/\/127\.0\.0\.1:7471: HTTP 400/,
    );
  });
});

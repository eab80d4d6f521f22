import { LIT_ERROR, LIT_ERROR_CODE } from '@lit-protocol/constants';
import { describe, expect, it } from 'vitest';
import {
  LIT_ERROR_KINDS,
  LIT_NODE_ERROR_CODES,
  LitNodeError,
  type LitNodeErrorCode,
} from './errors';

describe('LIT_NODE_ERROR_CODES', () => {
  it('has the statuses of wire doc section 9 and the brief', () => {
    const expected: Partial<Record<LitNodeErrorCode, number>> = {
      NodeInvalidAuthSigSessionKeySignature: 400,
      NodeAuthSigSignedMessageConversionError: 400,
      NodeResourceIdNotFound: 404,
      NodeIatOutsideGracePeriod: 403,
      NodeExpWrongOrTooLarge: 403,
      NodeSIWEMessageError: 400,
      NodeNotAuthorized: 403,
      NodeSIWECapabilityInvalid: 400,
      NodeInvalidAuthSig: 401,
      NodeCannotProvideAuthSigForEndpoint: 400,
      CoreApiRouteNotFound: 404,
      NodeAccessControlConditionsReturnedNotAuthorized: 401,
      NodePKPNotAuthorized: 401,
      NodeLitActionsSessionSigAuthenticationFailed: 401,
      NodeInvalidCurveType: 400,
      NodeInvalidAuthSigForSessionKey: 400,
      NodeInvalidIPFSID: 400,
      NodeJsExecutionError: 502,
      NodeJsTimeoutError: 502,
      NodeJsMemoryLimitError: 502,
      rate_limit_exceeded: 402,
    };
    for (const [code, status] of Object.entries(expected)) {
      expect(LIT_NODE_ERROR_CODES[code as LitNodeErrorCode].status, code).toBe(status);
    }
    for (const info of Object.values(LIT_NODE_ERROR_CODES)) {
      expect(LIT_ERROR_KINDS).toContain(info.kind);
    }
  });

  it('agrees with what @lit-protocol/constants knows (it only names NodeNotAuthorized)', () => {
    expect(LIT_ERROR_CODE.NODE_NOT_AUTHORIZED).toBe('NodeNotAuthorized');
    expect(LIT_NODE_ERROR_CODES).toHaveProperty(LIT_ERROR_CODE.NODE_NOT_AUTHORIZED);
    // LIT_ERROR lists client-side errors only: none of its codes is a node code.
    const sdkCodes = Object.values(LIT_ERROR).map((e) => e.code);
    expect(sdkCodes.filter((c) => c in LIT_NODE_ERROR_CODES)).toEqual([]);
  });
});

describe('LitNodeError', () => {
  it('serializes to the node error body', () => {
    const e = new LitNodeError('NodeInvalidAuthSigSessionKeySignature', ['bad sig'], {
      correlationId: 'lit_abc',
    });
    expect(e).toBeInstanceOf(Error);
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      errorKind: 'Validation',
      errorCode: 'NodeInvalidAuthSigSessionKeySignature',
      status: 400,
      message: 'auth_sig Session key signature is not valid',
      correlationId: 'lit_abc',
      details: ['bad sig'],
    });
    expect(Object.keys(e.toJSON())).toEqual([
      'errorKind',
      'errorCode',
      'status',
      'message',
      'correlationId',
      'details',
    ]);
  });

  it('uses the short body for rate_limit_exceeded', () => {
    const e = new LitNodeError('rate_limit_exceeded', [], {
      message: 'Rate limit exceeded.  Try again at 2025-01-01T00:00:00Z',
    });
    expect(e.status).toBe(402);
    expect(e.toJSON()).toEqual({
      message: 'Rate limit exceeded.  Try again at 2025-01-01T00:00:00Z',
      errorCode: 'rate_limit_exceeded',
    });
  });

  it('takes a kind override (node call sites differ) and rejects unknown codes', () => {
    expect(new LitNodeError('NodeSIWEMessageError', [], { kind: 'Parser' }).errorKind).toBe(
      'Parser',
    );
    expect(() => new LitNodeError('NoSuchCode' as LitNodeErrorCode)).toThrow(/unknown error code/);
  });

  it('reads node error bodies back and ignores anything else', () => {
    const e = new LitNodeError('NodeResourceIdNotFound', ['a', 'b'], { correlationId: 'lit_1' });
    const back = LitNodeError.fromJSON(JSON.parse(JSON.stringify(e)));
    expect(back?.toJSON()).toEqual(e.toJSON());
    for (const hostile of [
      null,
      1,
      'x',
      [],
      {},
      { errorCode: 'Nope', message: 'x' },
      { errorCode: 'NodeNotAuthorized' },
    ]) {
      expect(LitNodeError.fromJSON(hostile)).toBeUndefined();
    }
    const partial = LitNodeError.fromJSON({
      errorCode: 'NodeNotAuthorized',
      message: 'm',
      details: [1, 'x'],
      errorKind: 'Weird',
    });
    expect(partial?.details).toEqual(['x']);
    expect(partial?.errorKind).toBe('Validation');
  });
});

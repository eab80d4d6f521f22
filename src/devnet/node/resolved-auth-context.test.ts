// The one rule for reading a network capability's resolved auth context (review finding 1):
// only the last resource, where sign_session_key merges it; anywhere else, twice or under another
// spelling the capability is refused, for pkpSign's caller and executeJs's `Lit.Auth` alike.
import { describe, expect, it } from 'vitest';
import { LitNodeError } from '../../protocol/errors';
import { encodeRecap, type Recap } from '../../protocol/recap';
import { parseSiweMessage, type SiweFields } from '../../protocol/siwe';
import { addRecapToSiwe, createSiweMessageWithRecaps } from '../../protocol/siwe-recap';
import type { SessionSigVerified } from '../../protocol/verify-session-sig';
import { readResolvedAuthContext } from './resolved-auth-context';
import { callerOfSession } from './session-caller';
import type { ResolvedAuthContext } from './sign-session-key';

const PKP = '0x1111111111111111111111111111111111111111';
const USER = '0x2222222222222222222222222222222222222222';
const VICTIM = '0x3333333333333333333333333333333333333333';

const contextOf = (userId: string): ResolvedAuthContext => ({
  actionIpfsIds: [],
  authMethodContexts: [
    { appId: 'lit', authMethodType: 1, usedForSignSessionKeyRequest: true, userId },
  ],
  authSigAddress: null,
  customAuthResource: '',
  resources: [],
});
const contextRecap = (context: unknown, key = 'lit-resolvedauthcontext://*'): Recap => ({
  att: {
    'lit-pkp://*': { 'Threshold/Signing': [{}] },
    [key]: { 'Auth/Auth': [{ auth_context: context as never }] },
  },
  prf: [],
});

/** The client's SIWE as the node got it, before the rewrite. */
const clientSiwe = (): SiweFields =>
  parseSiweMessage(
    createSiweMessageWithRecaps({
      walletAddress: PKP,
      nonce: `0x${'ab'.repeat(32)}`,
      resources: [
        { resource: { resource: '*', resourcePrefix: 'lit-pkp' }, ability: 'pkp-signing' },
      ],
    }),
  );
/** What sign_session_key's step 7 makes of it: the user's context merged into the last recap. */
const nodeRewrite = (fields: SiweFields): SiweFields =>
  addRecapToSiwe(fields, {
    att: {
      'lit-resolvedauthcontext://*': { 'Auth/Auth': [{ auth_context: contextOf(USER) as never }] },
    },
    prf: [],
  });

const network = (capabilitySiwe: SiweFields) =>
  ({
    capabilityKind: 'network',
    capabilityAddress: PKP,
    capabilitySiwe,
  }) as SessionSigVerified;

function refusal(read: () => unknown): string {
  try {
    read();
  } catch (e) {
    if (e instanceof LitNodeError) return e.errorCode;
    throw e;
  }
  return 'read';
}

describe('readResolvedAuthContext', () => {
  it("reads the node's context from the last recap", () => {
    const siwe = nodeRewrite(clientSiwe());
    expect(readResolvedAuthContext(siwe)).toEqual(contextOf(USER));
    expect(callerOfSession(network(siwe)).authMethods.map((m) => m.userId)).toEqual([USER]);
  });

  it('has no context when the SIWE carries none', () => {
    expect(readResolvedAuthContext(clientSiwe())).toBeNull();
    expect(readResolvedAuthContext({ ...clientSiwe(), resources: [] })).toBeNull();
  });

  it('refuses a forged context in a recap before the node one (pkpSign took the first)', () => {
    const honest = clientSiwe();
    const forged = encodeRecap(contextRecap(contextOf(VICTIM)));
    const siwe = nodeRewrite({ ...honest, resources: [forged, ...honest.resources!] });
    expect(refusal(() => readResolvedAuthContext(siwe))).toBe('NodeSIWECapabilityInvalid');
    expect(refusal(() => callerOfSession(network(siwe)))).toBe('NodeSIWECapabilityInvalid');
  });

  it('refuses the reserved name in a plain resource before the last', () => {
    const siwe = nodeRewrite(clientSiwe());
    const resources = ['lit-resolvedauthcontext://*', ...siwe.resources!];
    expect(refusal(() => readResolvedAuthContext({ ...siwe, resources }))).toBe(
      'NodeSIWECapabilityInvalid',
    );
  });

  it('refuses a context that appears twice in the last recap (executeJs took the last entry)', () => {
    const siwe = nodeRewrite(clientSiwe());
    const twice = contextRecap(contextOf(USER));
    twice.att['lit-resolvedauthcontext://*']!['Auth/Auth']!.push({
      auth_context: contextOf(VICTIM) as never,
    });
    const resources = [...siwe.resources!.slice(0, -1), encodeRecap(twice)];
    expect(refusal(() => readResolvedAuthContext({ ...siwe, resources }))).toBe(
      'NodeSIWECapabilityInvalid',
    );
  });

  it('refuses another spelling of the key beside it, and a context not in the node shape', () => {
    const siwe = nodeRewrite(clientSiwe());
    const spelled = contextRecap(contextOf(USER));
    spelled.att['LIT-ResolvedAuthContext://*'] = { 'Auth/Auth': [{}] };
    const odd = contextRecap({ ...contextOf(USER), extra: 1 });
    for (const recap of [spelled, odd]) {
      const resources = [...siwe.resources!.slice(0, -1), encodeRecap(recap)];
      expect(refusal(() => readResolvedAuthContext({ ...siwe, resources }))).toBe(
        'NodeSIWECapabilityInvalid',
      );
    }
  });

  it("never reads a wallet capability's context", () => {
    const siwe = nodeRewrite(clientSiwe());
    const wallet = { ...network(siwe), capabilityKind: 'wallet' } as SessionSigVerified;
    expect(callerOfSession(wallet).authMethods).toEqual([]);
  });
});

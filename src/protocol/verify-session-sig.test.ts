import { describe, expect, it, vi } from 'vitest';
import type { AuthSig } from './auth-sig';
import { verifyBlsSignature } from './bls';
import { verifyEd25519 } from './ed25519';
import { verifySessionSig, type SessionSigVerification } from './verify-session-sig';
import {
  baseOptions,
  iso,
  networkCapability,
  NODE_URL,
  otherSessionKey,
  pkpAddress,
  request,
  sessionKey,
  sessionSig,
  signedMessage,
  signText,
  T0,
  walletCapability,
  wallet,
} from './verify-session-sig.fixture';

const code = (r: SessionSigVerification) => (r.ok ? 'ok' : r.error.errorCode);
const DAY = 86_400_000;

describe('verifySessionSig: valid session sigs', () => {
  it('accepts a wallet capability and reports what was verified', async () => {
    const cap = await walletCapability();
    const sig = await sessionSig([cap]);
    const r = verifySessionSig(sig, baseOptions);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.sessionPublicKey).toBe(sessionKey.publicKey);
    expect(r.capability).toEqual(cap);
    expect(r.capabilityIndex).toBe(0);
    expect(r.capabilityKind).toBe('wallet');
    expect(r.capabilityAddress).toBe(await wallet.getAddress());
    expect(r.capabilitySiwe.uri).toBe(`lit:session:${sessionKey.publicKey}`);
    expect(r.resourceAbilityRequests).toEqual([request]);
    expect(r.expiration).toBe(iso(T0 + 600_000));
    expect(r.fromCache).toBe(false);
  });

  it('accepts a network (lit.bls) capability verified against the network key', async () => {
    const r = verifySessionSig(await sessionSig([networkCapability()]), baseOptions);
    expect(code(r)).toBe('ok');
    expect(r.ok && r.capabilityKind).toBe('network');
    expect(r.ok && r.capabilityAddress).toBe(pkpAddress);
  });

  it('lets the first capability that validates win', async () => {
    const expired = await walletCapability({ expiration: T0 - 1000 });
    const good = await walletCapability();
    const r = verifySessionSig(await sessionSig([expired, networkCapability(), good]), baseOptions);
    expect(r.ok && r.capabilityIndex).toBe(1);
  });

  it('uses injected Ed25519 and BLS verifiers', async () => {
    const ed = vi.fn(verifyEd25519);
    const bls = vi.fn(verifyBlsSignature);
    const sig = await sessionSig([networkCapability()]);
    expect(code(verifySessionSig(sig, { ...baseOptions, verifyEd25519: ed, verifyBls: bls }))).toBe(
      'ok',
    );
    expect(ed).toHaveBeenCalledTimes(1);
    expect(bls).toHaveBeenCalledTimes(1);
    expect(code(verifySessionSig(sig, { ...baseOptions, verifyEd25519: () => false }))).toBe(
      'NodeInvalidAuthSigSessionKeySignature',
    );
    const throwing = () => {
      throw new Error('boom');
    };
    expect(code(verifySessionSig(sig, { ...baseOptions, verifyEd25519: throwing }))).toBe(
      'NodeInvalidAuthSigSessionKeySignature',
    );
    expect(code(verifySessionSig(sig, { ...baseOptions, verifyBls: () => false }))).toBe(
      'NodeResourceIdNotFound',
    );
  });
});

describe('verifySessionSig: node order and error codes (wire doc section 9)', () => {
  it('1. the outer AuthSig must be a session sig with a valid Ed25519 signature', async () => {
    const sig = await sessionSig([await walletCapability()]);
    expect(
      code(verifySessionSig({ ...sig, derivedVia: 'web3.eth.personal.sign' }, baseOptions)),
    ).toBe('NodeCannotProvideAuthSigForEndpoint');
    expect(
      code(
        verifySessionSig(
          { ...sig, sig: sig.sig.replace(/^./, (c) => (c === '0' ? '1' : '0')) },
          baseOptions,
        ),
      ),
    ).toBe('NodeInvalidAuthSigSessionKeySignature');
    expect(
      code(verifySessionSig({ ...sig, address: otherSessionKey.publicKey }, baseOptions)),
    ).toBe('NodeInvalidAuthSigSessionKeySignature');
    expect(code(verifySessionSig({ ...sig, address: sig.address.slice(2) }, baseOptions))).toBe(
      'NodeInvalidAuthSigSessionKeySignature',
    );
    expect(code(verifySessionSig({ ...sig, sig: '0x' + sig.sig.slice(2) }, baseOptions))).toBe(
      'NodeInvalidAuthSigSessionKeySignature',
    );
    const body = verifySessionSig({ ...sig, signedMessage: sig.signedMessage + ' ' }, baseOptions);
    expect(!body.ok && body.error.toJSON()).toMatchObject({
      errorKind: 'Validation',
      errorCode: 'NodeInvalidAuthSigSessionKeySignature',
      status: 400,
    });
  });

  it('2. the signed message must be a SessionKeySignedMessage', async () => {
    for (const text of [
      'not json',
      '[]',
      '{}',
      JSON.stringify({ ...signedMessage([]), capabilities: [{}] }),
    ]) {
      const r = verifySessionSig(await signText(text), baseOptions);
      expect(code(r), text).toBe('NodeAuthSigSignedMessageConversionError');
      expect(!r.ok && r.error.status).toBe(400);
    }
  });

  it('3. the requested resource must be among resourceAbilityRequests (prefix, id or *)', async () => {
    const cap = await walletCapability();
    const other = {
      resource: { resource: 'ab'.repeat(32), resourcePrefix: 'lit-pkp' },
      ability: 'pkp-signing',
    };
    const wrongPrefix = {
      resource: { resource: '*', resourcePrefix: 'lit-litaction' },
      ability: 'pkp-signing',
    };
    expect(
      code(
        verifySessionSig(
          await sessionSig([cap], { resourceAbilityRequests: [other, wrongPrefix] }),
          baseOptions,
        ),
      ),
    ).toBe('NodeResourceIdNotFound');
    const star = {
      resource: { resource: '*', resourcePrefix: 'lit-pkp' },
      ability: 'lit-action-execution',
    };
    // Like the node, only the resource is matched here; the ability is the recap's business.
    expect(
      code(
        verifySessionSig(
          await sessionSig([cap], { resourceAbilityRequests: [other, star] }),
          baseOptions,
        ),
      ),
    ).toBe('ok');
  });

  it('4. times: 60 s grace on both ends, expiration after issuedAt, at most 30 days', async () => {
    const cap = await walletCapability({ expiration: T0 + 40 * DAY });
    const at = async (issuedAt: number, expiration: number) =>
      code(
        verifySessionSig(
          await sessionSig([cap], { issuedAt: iso(issuedAt), expiration: iso(expiration) }),
          baseOptions,
        ),
      );
    expect(await at(T0 + 60_999, T0 + DAY)).toBe('ok');
    expect(await at(T0 + 61_000, T0 + DAY)).toBe('NodeIatOutsideGracePeriod');
    expect(await at(T0, T0 - 1)).toBe('NodeExpWrongOrTooLarge');
    expect(await at(T0 - DAY, T0 - 60_000)).toBe('ok');
    expect(await at(T0 - DAY, T0 - 60_001)).toBe('NodeExpWrongOrTooLarge');
    expect(await at(T0, T0 + 30 * DAY)).toBe('ok');
    expect(await at(T0, T0 + 30 * DAY + 1)).toBe('NodeSIWEMessageError');
    const bad = await sessionSig([cap], { issuedAt: 'yesterday' });
    expect(code(verifySessionSig(bad, baseOptions))).toBe('NodeParserError');
    const badExp = await sessionSig([cap], { expiration: '2025-13-01T00:00:00Z' });
    expect(code(verifySessionSig(badExp, baseOptions))).toBe('NodeParserError');
    const statuses = [
      verifySessionSig(await sessionSig([cap], { issuedAt: iso(T0 + DAY) }), baseOptions),
      verifySessionSig(await sessionSig([cap], { expiration: iso(T0 - DAY) }), baseOptions),
    ].map((r) => !r.ok && r.error.status);
    expect(statuses).toEqual([403, 403]);
  });

  it('5. nodeAddress must be this node after http(s):// is stripped and localhost mapped', async () => {
    const cap = await walletCapability();
    for (const nodeAddress of [
      NODE_URL,
      'https://localhost:7470',
      ' http://127.0.0.1:7470\n',
      '127.0.0.1:7470',
    ]) {
      expect(
        code(verifySessionSig(await sessionSig([cap], { nodeAddress }), baseOptions)),
        nodeAddress,
      ).toBe('ok');
    }
    for (const nodeAddress of [
      'http://127.0.0.1:7471',
      'http://10.0.0.1:7470',
      'ftp://127.0.0.1:7470',
    ]) {
      const r = verifySessionSig(await sessionSig([cap], { nodeAddress }), baseOptions);
      expect(code(r), nodeAddress).toBe('NodeNotAuthorized');
      expect(!r.ok && r.error.status).toBe(403);
    }
  });

  it('6. capabilities: none, or none valid, is NodeResourceIdNotFound with the reasons', async () => {
    const empty = verifySessionSig(await sessionSig([]), baseOptions);
    expect(!empty.ok && empty.error.details).toEqual([
      'Resource id not found in auth_sig capabilities',
      'Empty capabilites array.',
    ]);
    const cases: [string, AuthSig, string][] = [
      ['expired', await walletCapability({ expiration: T0 - 1 }), 'NodeSIWEMessageError'],
      [
        'not yet valid',
        await walletCapability({ issuedAt: T0 - 1000, expiration: T0 + DAY }),
        'ok',
      ],
      [
        'other session key',
        await walletCapability({ sessionPublicKey: otherSessionKey.publicKey }),
        'NodeSIWEMessageError',
      ],
      [
        'recap without the ability',
        await walletCapability({
          resources: [
            {
              resource: { resource: '*', resourcePrefix: 'lit-litaction' },
              ability: 'lit-action-execution',
            },
          ],
        }),
        'NodeSIWECapabilityInvalid',
      ],
      [
        'network key mismatch',
        networkCapability({}, new Uint8Array(32).fill(0x12)),
        'NodeSIWEMessageError',
      ],
      [
        'contract wallet',
        { ...(await walletCapability()), derivedVia: 'EIP1271' },
        'NodeSIWEMessageError',
      ],
      [
        'not SIWE',
        { ...(await walletCapability()), signedMessage: 'hello' },
        'NodeSIWECapabilityInvalid',
      ],
      [
        'address lies',
        { ...(await walletCapability()), address: pkpAddress },
        'NodeSIWEMessageError',
      ],
      [
        'bad sig hex',
        { ...(await walletCapability()), sig: '0x1234' },
        'NodeSIWESigConversionError',
      ],
      [
        'bad bls sig',
        { ...networkCapability(), sig: '{"Basic":"00"}' },
        'NodeSIWESigConversionError',
      ],
    ];
    for (const [name, cap, inner] of cases) {
      const r = verifySessionSig(await sessionSig([cap]), baseOptions);
      if (inner === 'ok') {
        expect(code(r), name).toBe('ok');
        continue;
      }
      expect(code(r), name).toBe('NodeResourceIdNotFound');
      expect(!r.ok && r.error.details, name).toEqual([
        'Resource id not found in auth_sig capabilities',
        'Could not find valid capability.',
      ]);
      expect(!r.ok && r.capabilityErrors.map((e) => e.errorCode), name).toEqual([inner]);
    }
    const noKey = verifySessionSig(await sessionSig([networkCapability()]), {
      ...baseOptions,
      networkPublicKey: undefined,
    });
    expect(code(noKey)).toBe('NodeResourceIdNotFound');
  });

  it('6. a capability’s notBefore and expiration follow the node’s siwe crate (nbf < now ≤ exp)', async () => {
    const withExpiration = async (expiration: number) =>
      code(
        verifySessionSig(await sessionSig([await walletCapability({ expiration })]), baseOptions),
      );
    expect(await withExpiration(T0)).toBe('ok');
    expect(await withExpiration(T0 - 1)).toBe('NodeResourceIdNotFound');
    const withNotBefore = async (notBefore: number) => {
      const text = (await walletCapability()).signedMessage.replace(
        /(Expiration Time: [^\n]*)/,
        `$1\nNot Before: ${iso(notBefore)}`,
      );
      const cap = {
        ...(await walletCapability()),
        signedMessage: text,
        sig: await wallet.signMessage(text),
      };
      return code(verifySessionSig(await sessionSig([cap]), baseOptions));
    };
    expect(await withNotBefore(T0 - 1)).toBe('ok');
    expect(await withNotBefore(T0)).toBe('NodeResourceIdNotFound');
  });

  it('requires every recap’s text at the end of the statement', async () => {
    const cap = await walletCapability();
    const siwe = cap.signedMessage.replace(
      "(1) 'Threshold': 'Signing'",
      "(1) 'Threshold': 'Signingz'",
    );
    const forged = { ...cap, signedMessage: siwe, sig: await wallet.signMessage(siwe) };
    const r = verifySessionSig(await sessionSig([forged]), baseOptions);
    expect(!r.ok && r.capabilityErrors.map((e) => e.errorCode)).toEqual([
      'NodeSIWECapabilityInvalid',
    ]);
  });
});

import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it } from 'vitest';
import { createWalletAuthSig } from '../../protocol/auth-sig';
import { randomBlsSecretKey, sessionDigest, verifyBlsSignature } from '../../protocol/bls';
import { combineSignatureShares } from '../../protocol/bls-shares';
import { fromHex, toHex } from '../../protocol/bytes';
import { LitNodeError } from '../../protocol/errors';
import { addressFromPublicKey, privateKeySigner } from '../../protocol/ethereum';
import { ipfsCidV0 } from '../../protocol/ipfs-cid';
import { decodeRecap, encodeRecap } from '../../protocol/recap';
import { pkpTokenIdFromPublicKey } from '../../protocol/resources';
import { buildSiweMessage, parseSiweMessage } from '../../protocol/siwe';
import { createSiweMessageWithRecaps } from '../../protocol/siwe-recap';
import { dealShares } from '../../protocol/shamir';
import type { MessageSigner } from '../../protocol/ethereum';
import { NodeStore } from '../state/node-store';
import { ActionAdmission } from './action-admission';
import { tempDataDir } from '../test-support';
import { ethWalletAuthMethodId, type PkpPermissions } from './pkp-permissions';
import { signSessionKey, type SignSessionKeyDeps } from './sign-session-key';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const BLOCK_HASH = `0x${'ab'.repeat(32)}`;
const BLOCK_TIME = NOW / 1000 - 30;
const dealt = dealShares(randomBlsSecretKey(), 2, 3);
const networkKey = toHex(dealt.publicKey);
const user = privateKeySigner(secp256k1.utils.randomSecretKey());
const pkpPublicKey = `0x${toHex(secp256k1.getPublicKey(secp256k1.utils.randomSecretKey(), false))}`;
const pkpAddress = addressFromPublicKey(pkpPublicKey);
const otherPkp = `0x${toHex(secp256k1.getPublicKey(secp256k1.utils.randomSecretKey(), false))}`;
const sessionPublicKey = 'cd'.repeat(32);
const ALLOW = 'const go = async () => { Lit.Actions.setResponse({ response: "true" }); }; go();';

function deps(over: Partial<SignSessionKeyDeps> & { permissions?: PkpPermissions } = {}, node = 0) {
  const claimed = new Map<string, string>();
  const codes = new Map<string, string>();
  const base: SignSessionKeyDeps = {
    share: dealt.shares[node]!,
    networkPublicKey: networkKey,
    now: () => NOW,
    issuedBlock: (hash) => (hash === BLOCK_HASH ? { timestamp: BLOCK_TIME } : null),
    pkpPermissions: (tokenId) =>
      tokenId === pkpTokenIdFromPublicKey(pkpPublicKey)
        ? (over.permissions ?? {
            owner: null,
            permittedAddresses: [],
            permittedAuthMethods: [],
            permittedActions: [],
          })
        : null,
    claimAuthMethods: (hashes, key) => {
      if (hashes.some((hash) => (claimed.get(hash) ?? key) !== key)) return false;
      for (const hash of hashes) claimed.set(hash, key);
      return true;
    },
    runLitAction: async ({ code }) =>
      code === ALLOW
        ? { ok: true, response: 'true', logs: '' }
        : { ok: true, response: 'false', logs: 'said no' },
    actionCode: (cid) => codes.get(cid) ?? null,
    rememberActionCode: (cid, code) => void codes.set(cid, code),
    admission: new ActionAdmission(),
  };
  return { ...base, ...over };
}

/** An EthWallet auth method's accessToken: `signer`'s AuthSig of a SIWE with `uri`. */
async function accessToken(signer: Required<MessageSigner> = user, uri?: string) {
  const authSig = await createWalletAuthSig({
    signer,
    message: createSiweMessageWithRecaps({
      walletAddress: await signer.getAddress(),
      nonce: BLOCK_HASH,
      now: () => NOW,
      ...(uri !== undefined ? { uri } : {}),
    }),
  });
  return JSON.stringify(authSig);
}

async function request(over: Record<string, unknown> = {}) {
  const siweMessage = createSiweMessageWithRecaps({
    walletAddress: pkpAddress,
    nonce: BLOCK_HASH,
    uri: `lit:session:${sessionPublicKey}`,
    statement: 'Lit Protocol PKP session signature',
    now: () => NOW,
    expiration: new Date(NOW + 3_600_000).toISOString(),
    resources: [{ resource: { resource: '*', resourcePrefix: 'lit-pkp' }, ability: 'pkp-signing' }],
  });
  return {
    sessionKey: `lit:session:${sessionPublicKey}`,
    authMethods: [{ authMethodType: 1, accessToken: await accessToken() }],
    pkpPublicKey,
    siweMessage,
    curveType: 'BLS',
    epoch: 1,
    ...over,
  };
}

/** The request `body` for another session key. */
function forSessionKey(body: Awaited<ReturnType<typeof request>>, key: string) {
  return {
    ...body,
    sessionKey: `lit:session:${key}`,
    siweMessage: body.siweMessage.replace(sessionPublicKey, key),
  };
}

async function errorOf(p: Promise<unknown>): Promise<LitNodeError | 'resolved'> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LitNodeError) return e;
    throw e;
  }
  return 'resolved';
}

async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LitNodeError) return e.errorCode;
    throw e;
  }
  return 'resolved';
}

const permittedWallet = async (...wallets: Required<MessageSigner>[]): Promise<PkpPermissions> => ({
  owner: null,
  permittedAddresses: [],
  permittedAuthMethods: await Promise.all(
    (wallets.length > 0 ? wallets : [user]).map(async (wallet) => ({
      authMethodType: 1,
      authMethodId: ethWalletAuthMethodId(await wallet.getAddress()),
      scopes: [2],
    })),
  ),
  permittedActions: [],
});

describe('sign_session_key', () => {
  it('gives shares over the rewritten SIWE that combine into a network signature', async () => {
    const body = await request();
    const permissions = await permittedWallet();
    const answers = await Promise.all(
      [0, 1].map((i) => signSessionKey(body, deps({ permissions }, i))),
    );
    expect(answers[0]!.siweMessage).toBe(answers[1]!.siweMessage);
    const siwe = parseSiweMessage(answers[0]!.siweMessage);
    expect(siwe.address).toBe(pkpAddress);
    expect(siwe.issuedAt).toBe(new Date(BLOCK_TIME * 1000).toISOString().replace('.000Z', 'Z'));
    const recap = decodeRecap(siwe.resources!.at(-1)!);
    expect(Object.keys(recap.att).sort()).toEqual(['lit-pkp://*', 'lit-resolvedauthcontext://*']);
    expect(answers[0]!.dataSigned).toBe(toHex(sessionDigest(answers[0]!.siweMessage)));
    const signature = combineSignatureShares(
      answers.map((a) => a.signatureShare.ProofOfPossession),
    );
    expect(
      verifyBlsSignature(fromHex(networkKey), sessionDigest(answers[0]!.siweMessage), signature),
    ).toBe(true);
  });

  it('refuses a wallet that is not permitted on the PKP', async () => {
    expect(await errorCode(signSessionKey(await request(), deps()))).toBe('NodePKPNotAuthorized');
  });

  it('signs when a permitted Lit Action says true, and refuses when it says false', async () => {
    const allowCid = ipfsCidV0(ALLOW);
    const permissions = {
      owner: null,
      permittedAddresses: [],
      permittedAuthMethods: [],
      permittedActions: [allowCid],
    };
    const code = Buffer.from(ALLOW).toString('base64');
    const ok = await signSessionKey(
      await request({ authMethods: [], code }),
      deps({ permissions }),
    );
    expect(
      decodeRecap(parseSiweMessage(ok.siweMessage).resources!.at(-1)!).att[
        'lit-resolvedauthcontext://*'
      ],
    ).toEqual({
      'Auth/Auth': [
        {
          auth_context: {
            actionIpfsIds: [allowCid],
            authMethodContexts: [],
            authSigAddress: null,
            customAuthResource: '',
            resources: [],
          },
        },
      ],
    });
    const denyCode = 'Lit.Actions.setResponse({response: "false"})';
    const deny = Buffer.from(denyCode).toString('base64');
    const both = { ...permissions, permittedActions: [allowCid, ipfsCidV0(denyCode)] };
    expect(
      await errorCode(
        signSessionKey(await request({ authMethods: [], code: deny }), deps({ permissions: both })),
      ),
    ).toBe('NodeLitActionsSessionSigAuthenticationFailed');
    // An action the PKP does not permit is refused before it runs.
    let ran = false;
    const watching = deps({
      permissions,
      runLitAction: async () => {
        ran = true;
        return { ok: true, response: 'true', logs: '' };
      },
    });
    expect(
      await errorCode(signSessionKey(await request({ authMethods: [], code: deny }), watching)),
    ).toBe('NodePKPNotAuthorized');
    expect(ran).toBe(false);
  });

  it('answers a busy sandbox with 503 (try again), any other sandbox failure with 500', async () => {
    const permissions = {
      owner: null,
      permittedAddresses: [],
      permittedAuthMethods: [],
      permittedActions: [ipfsCidV0(ALLOW)],
    };
    const code = Buffer.from(ALLOW).toString('base64');
    const failing = (busy: boolean) =>
      deps({
        permissions,
        runLitAction: async () => ({
          ok: false,
          errorCode: 'LitActionSandboxFault',
          message: 'the sandbox is busy: every worker is taken',
          logs: '',
          ...(busy && { busy: true as const }),
        }),
      });
    const busy = await signSessionKey(await request({ authMethods: [], code }), failing(true)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(busy).toMatchObject({
      error: { status: 503, errorCode: 'NodeJsSandboxBusy' },
      headers: { 'retry-after': '1' },
    });
    expect(
      await errorCode(signSessionKey(await request({ authMethods: [], code }), failing(false))),
    ).toBe('NodeSystemFault');
  });

  it('rejects bad input with the right codes', async () => {
    const permissions = await permittedWallet();
    const d = deps({ permissions });
    const cases: [Record<string, unknown>, string][] = [
      [{ curveType: 'ECDSA' }, 'NodeInvalidCurveType'],
      [{ authSig: {} }, 'NodeInvalidAuthSigForSessionKey'],
      [{ siweMessage: 'not a siwe' }, 'NodeSIWEMessageError'],
      [{ sessionKey: `lit:session:${'ee'.repeat(32)}` }, 'NodeSIWEMessageError'],
      [{ pkpPublicKey: otherPkp }, 'NodeSIWEMessageError'],
      [{ pkpPublicKey: `0x04${'11'.repeat(64)}` }, 'NodePKPNotAuthorized'],
      [{ authMethods: [{ authMethodType: 1, accessToken: '{' }] }, 'NodeInvalidAuthSig'],
      [{ authMethods: [{ authMethodType: 6, accessToken: 'x' }] }, 'NodeInvalidAuthSig'],
      [{ code: '***' }, 'NodeInvalidAuthSig'],
      [{ extra: 1 }, 'NodeSIWEMessageError'],
    ];
    for (const [over, code] of cases) {
      expect(await errorCode(signSessionKey(await request(over), d)), JSON.stringify(over)).toBe(
        code,
      );
    }
    expect(await errorCode(signSessionKey(null, d))).toBe('NodeSIWEMessageError');
    expect(
      await errorCode(signSessionKey(await request(), { ...d, issuedBlock: () => null })),
    ).toBe('NodeSIWEMessageError');
  });

  it('refuses the reserved resource inside any recap, under any spelling, and undecodable recaps', async () => {
    const d = deps({ permissions: await permittedWallet() });
    const body = await request();
    const siwe = parseSiweMessage(body.siweMessage);
    const claim = (key: string) => encodeRecap({ att: { [key]: { 'Auth/Auth': [{}] } }, prf: [] });
    const extra = [
      claim('lit-resolvedauthcontext://*'),
      claim('LIT-ResolvedAuthContext://other'),
      'urn:recap:e30', // `{}`: base64url, but not a recap
    ];
    for (const resource of extra) {
      for (const resources of [
        [resource, ...siwe.resources!],
        [...siwe.resources!, resource],
      ]) {
        const siweMessage = buildSiweMessage({ ...siwe, resources });
        expect(await errorCode(signSessionKey({ ...body, siweMessage }, d)), resource).toBe(
          'NodeSIWEMessageError',
        );
      }
    }
    // The same request without the extra resource is signed (the auth method is still unused).
    expect((await signSessionKey(body, d)).result).toBe('success');
  });

  it('does not let one auth method authorize two session keys', async () => {
    const body = await request();
    const d = deps({ permissions: await permittedWallet() });
    await signSessionKey(body, d);
    await signSessionKey(body, d); // the same session key again is fine
    const replay = forSessionKey(body, 'ef'.repeat(32));
    expect(await errorCode(signSessionKey(replay, d))).toBe('NodeInvalidAuthSig');
  });

  it('counts every spelling of one signature as the same auth method', async () => {
    const body = await request();
    const d = deps({ permissions: await permittedWallet() });
    await signSessionKey(body, d);
    const authSig = JSON.parse(body.authMethods[0]!.accessToken) as { sig: string };
    const v = parseInt(authSig.sig.slice(-2), 16);
    expect([27, 28]).toContain(v);
    const v01 = authSig.sig.slice(0, -2) + (v - 27).toString(16).padStart(2, '0');
    const spellings = {
      'v as 0/1': v01,
      'no 0x': authSig.sig.slice(2),
      'no 0x, v as 0/1': v01.slice(2),
      uppercase: '0x' + authSig.sig.slice(2).toUpperCase(),
      '0X prefix': '0X' + authSig.sig.slice(2),
    };
    let n = 0;
    for (const [what, sig] of Object.entries(spellings)) {
      const token = JSON.stringify({ ...authSig, sig });
      const replay = forSessionKey(
        { ...body, authMethods: [{ authMethodType: 1, accessToken: token }] },
        (++n).toString(16).padStart(64, '0'),
      );
      // The spelling is a valid auth method on its own (a node that never saw it signs)...
      const fresh = deps({ permissions: await permittedWallet() });
      expect((await signSessionKey(replay, fresh)).result, what).toBe('success');
      // ...but not a new one where the signature already authorized a session key.
      expect(await errorCode(signSessionKey(replay, d)), what).toBe('NodeInvalidAuthSig');
    }
  });

  it("refuses a session's capability or a delegation as the EthWallet accessToken", async () => {
    const d = deps({ permissions: await permittedWallet() });
    for (const uri of [`lit:session:${'aa'.repeat(32)}`, 'lit:capability:delegation']) {
      const body = await request({
        authMethods: [{ authMethodType: 1, accessToken: await accessToken(user, uri) }],
      });
      const error = await errorOf(signSessionKey(body, d));
      expect(error, uri).toBeInstanceOf(LitNodeError);
      expect((error as LitNodeError).errorCode).toBe('NodeInvalidAuthSig');
      expect((error as LitNodeError).status).toBe(401);
      expect((error as LitNodeError).details).toEqual([
        `validation error: Invalid URI for top level auth sig: ${uri}`,
      ]);
    }
    // Any other URI (an origin, Lit's default) is a login and still works.
    const login = await request({
      authMethods: [
        { authMethodType: 1, accessToken: await accessToken(user, 'https://app.example/') },
      ],
    });
    expect((await signSessionKey(login, d)).result).toBe('success');
  });

  it('a refused request uses up none of its auth methods (the node store claims them at once)', async () => {
    const temp = tempDataDir('devnet-ssk-claims-');
    const store = NodeStore.create(
      `${temp.dir}/node-0.sqlite`,
      {
        networkId: '01'.repeat(32),
        index: 0,
        blsShare: dealt.shares[0]!,
        ecdsaRootShares: [],
        walletPrivateKey: new Uint8Array(32).fill(5),
      },
      NOW,
    );
    try {
      const other = privateKeySigner(secp256k1.utils.randomSecretKey());
      const d = deps({
        permissions: await permittedWallet(user, other),
        claimAuthMethods: (hashes, key) => store.claimAuthMethods(hashes, key, NOW),
      });
      const tokenA = await accessToken(user);
      const tokenB = await accessToken(other);
      const method = (accessToken: string) => ({ authMethodType: 1, accessToken });
      const base = await request();
      // B authorizes a first session key.
      await signSessionKey({ ...base, authMethods: [method(tokenB)] }, d);
      // [A, B] for a second one: refused, B is used.
      const both = forSessionKey(
        { ...base, authMethods: [method(tokenA), method(tokenB)] },
        'e1'.repeat(32),
      );
      expect(await errorCode(signSessionKey(both, d))).toBe('NodeInvalidAuthSig');
      // A was not used up by the refused request.
      const aAlone = forSessionKey({ ...base, authMethods: [method(tokenA)] }, 'e2'.repeat(32));
      expect((await signSessionKey(aAlone, d)).result).toBe('success');
    } finally {
      store.close();
      temp.remove();
    }
  });
});

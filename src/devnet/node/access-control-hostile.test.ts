// Hostile input on the access-control endpoints (decryption and JWT signing): malformed bodies,
// tampered sigs, conditions that cannot be evaluated and out-of-range JWT times each get the
// right Lit error, never a share and never a stack trace, and every node keeps serving.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashConditions } from '../../protocol/access-control';
import type { AuthSig } from '../../protocol/auth-sig';
import { toHex } from '../../protocol/bytes';
import { privateKeySigner } from '../../protocol/ethereum';
import type { LitResourceAbilityRequest } from '../../protocol/resources';
import { userIs, walletSessionSigs } from '../access-control.fixtures';
import { type Devnet } from '../network';
import type { tempDataDir } from '../test-support';
import { startTestDevnet } from '../test-support';
import {
  HEX64,
  VALID_ADDRESS,
  anyHostile,
  encodeBody,
  invalidBodies,
  invalidHex,
  litErrorProblems,
  notA,
  stackTraceIn,
  type FieldRule,
} from './hostile-bodies';

const RUNS = 40;
const wallet = privateKeySigner(Uint8Array.from({ length: 32 }, (_, i) => 200 - i));

let temp: ReturnType<typeof tempDataDir>;
let devnet: Devnet;
let walletAddress: string;
let sigs: Record<string, AuthSig>;

async function post(url: string, path: string, body: string) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json: json as Record<string, unknown> };
}

/** Lit's error JSON with `status`, no stack trace; returns the error code. */
function litError(answer: Awaited<ReturnType<typeof post>>, why: string, fourXx = true): string {
  const problems = litErrorProblems(fourXx ? answer.status : 400, {
    ...answer.json,
    ...(fourXx ? {} : { status: 400 }),
  });
  const leak = stackTraceIn(answer.text);
  if (leak) problems.push(leak);
  expect(problems, `${why} → ${answer.status} ${answer.text.slice(0, 300)}`).toEqual([]);
  expect(answer.json).not.toHaveProperty('signatureShare');
  return answer.json.errorCode as string;
}

const decryptBody = (url: string, over: Record<string, unknown> = {}) => ({
  accessControlConditions: [userIs(VALID_ADDRESS)],
  dataToEncryptHash: HEX64,
  chain: 'ethereum',
  authSig: sigs[url],
  epoch: 1,
  ...over,
});
const now = () => Math.floor(Date.now() / 1000);
const jwtBody = (url: string, over: Record<string, unknown> = {}) => ({
  accessControlConditions: [userIs(walletAddress)],
  chain: 'ethereum',
  authSig: sigs[url],
  iat: now(),
  exp: now() + 600,
  epoch: 1,
  ...over,
});

beforeAll(async () => {
  ({ temp, devnet } = await startTestDevnet({ prefix: 'devnet-acc-hostile-' }));
  walletAddress = await wallet.getAddress();
  const status = (await (await fetch(`${devnet.rpcUrl}/devnet/status`)).json()) as {
    latestBlock: { hash: string };
  };
  sigs = await walletSessionSigs(wallet, {
    nonce: status.latestBlock.hash,
    nodeUrls: devnet.nodeUrls,
    expiresInMs: 3_600_000,
  });
}, 60_000);

afterAll(async () => {
  await devnet?.stop();
  temp?.remove();
});

async function expectStillServing(): Promise<void> {
  for (const url of devnet.nodeUrls) {
    const answer = await post(
      url,
      '/web/handshake/',
      JSON.stringify({ clientPublicKey: 'test', challenge: HEX64, epoch: 1 }),
    );
    expect(answer.status).toBe(200);
  }
}

const conditionRules: FieldRule[] = [
  { path: ['accessControlConditions'], invalid: fc.oneof(anyHostile, fc.constant([])) },
  { path: ['accessControlConditions', '0'], invalid: anyHostile },
  {
    path: ['accessControlConditions', '0', 'chain'],
    invalid: fc.oneof(anyHostile, fc.constant('mars')),
  },
  { path: ['accessControlConditions', '0', 'returnValueTest'], invalid: anyHostile },
  {
    path: ['accessControlConditions', '0', 'returnValueTest', 'comparator'],
    invalid: fc.oneof(anyHostile, fc.constantFrom('==', '~', '')),
  },
  { path: ['accessControlConditions', '0', 'parameters'], invalid: notA('array') },
  { path: ['evmContractConditions'], invalid: notA('array').filter((v) => v !== null) },
  {
    path: ['chain'],
    invalid: fc.oneof(
      notA('string').filter((v) => v !== null),
      fc.constant('x'.repeat(65)),
    ),
  },
  { path: ['authSig'], invalid: anyHostile },
  { path: ['authSig', 'sig'], invalid: fc.oneof(notA('string'), invalidHex(64)) },
  { path: ['authSig', 'signedMessage'], invalid: fc.oneof(anyHostile, fc.constant('{}')) },
  { path: ['epoch'], invalid: fc.constantFrom<unknown>(-1, 1.5, 'one', null) },
];

describe('random and malformed bodies', () => {
  it('POST /web/encryption/sign (and its aliases) answers 4xx in Lit’s shape', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 }).chain((node) =>
          invalidBodies(
            decryptBody(devnet.nodeUrls[node]!),
            [
              ...conditionRules,
              {
                path: ['dataToEncryptHash'],
                invalid: fc.oneof(notA('string'), invalidHex(32), fc.constant(HEX64.toUpperCase())),
              },
            ],
            { required: ['dataToEncryptHash'] },
          ).map((b) => ({ ...b, node })),
        ),
        fc.constantFrom('/web/encryption/sign', '/web/encryption/sign/', '/web/encryption/sign/v1'),
        async ({ body, why, node }, path) => {
          const answer = await post(devnet.nodeUrls[node]!, path, encodeBody(body));
          litError(answer, `${path} ${why}`);
        },
      ),
      { numRuns: RUNS },
    );
    await expectStillServing();
  });

  it('POST /web/signing/access_control_condition answers 4xx in Lit’s shape', async () => {
    const badTime = fc.oneof(notA('number'), fc.constantFrom<unknown>(-1, 1.5, 2 ** 60));
    await fc.assert(
      fc.asyncProperty(
        invalidBodies(
          jwtBody(devnet.nodeUrls[1]!),
          [
            ...conditionRules,
            { path: ['iat'], invalid: badTime },
            { path: ['exp'], invalid: badTime },
          ],
          { required: ['iat', 'exp'] },
        ),
        async ({ body, why }) => {
          const answer = await post(
            devnet.nodeUrls[1]!,
            '/web/signing/access_control_condition',
            encodeBody(body),
          );
          litError(answer, why);
        },
      ),
      { numRuns: RUNS },
    );
    await expectStillServing();
  });
});

describe('the right Lit error for each refusal', () => {
  const decryptCode = async (body: unknown, node = 0) => {
    const answer = await post(devnet.nodeUrls[node]!, '/web/encryption/sign', JSON.stringify(body));
    return {
      status: answer.status,
      code: litError(answer, JSON.stringify(body).slice(0, 200), answer.status < 500),
    };
  };

  it('conditions another user meets → 401 NotAuthorized; the right user gets a share', async () => {
    const url = devnet.nodeUrls[0]!;
    expect(await decryptCode(decryptBody(url))).toEqual({
      status: 401,
      code: 'NodeAccessControlConditionsReturnedNotAuthorized',
    });
    const ok = await post(
      url,
      '/web/encryption/sign/',
      JSON.stringify(decryptBody(url, { accessControlConditions: [userIs(walletAddress)] })),
    );
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json).toMatchObject({ result: 'success', shareIndex: 0 });
  });

  it('tampered, misdirected or missing sigs → the session check’s codes', async () => {
    const url = devnet.nodeUrls[0]!;
    const sig = sigs[url]!;
    const flipped = { ...sig, sig: (sig.sig[0] === '0' ? '1' : '0') + sig.sig.slice(1) };
    expect(await decryptCode(decryptBody(url, { authSig: flipped }))).toMatchObject({
      code: 'NodeInvalidAuthSigSessionKeySignature',
    });
    expect(
      await decryptCode(decryptBody(url, { authSig: sigs[devnet.nodeUrls[1]!] })),
    ).toMatchObject({
      code: 'NodeNotAuthorized',
    });
    expect(await decryptCode(decryptBody(url, { authSig: { sig: 'x' } }))).toMatchObject({
      status: 401,
      code: 'NodeInvalidAuthSig',
    });
    const lying = {
      sig: '0x' + '11'.repeat(65),
      derivedVia: 'web3.eth.personal.sign',
      signedMessage: 'hello',
      address: walletAddress,
    };
    expect(await decryptCode(decryptBody(url, { authSig: lying }))).toMatchObject({
      code: 'NodeInvalidAuthSig',
    });
    const bls = { ...lying, derivedVia: 'lit.bls', algo: 'LIT_BLS' };
    expect(await decryptCode(decryptBody(url, { authSig: bls }))).toMatchObject({
      code: 'NodeAuthSigNotSupported',
    });
  });

  it('conditions that cannot be evaluated → their Lit codes, never a share', async () => {
    const url = devnet.nodeUrls[2]!;
    const allowed = userIs(walletAddress);
    const cases: [unknown[], string, number][] = [
      [
        [allowed, { operator: 'or' }, { ...allowed, method: 'eth_getCode' }],
        'NodeAccessControlConditionsCheckFailed',
        502,
      ],
      [
        [{ ...allowed, standardContractType: 'SIWE', parameters: [':domain'] }],
        'NodeAccessControlConditionsCheckFailed',
        502,
      ],
      [
        [
          {
            ...allowed,
            standardContractType: 'ERC20',
            method: 'balanceOf',
            contractAddress: '0x' + '77'.repeat(20),
            returnValueTest: { comparator: '>', value: '0' },
          },
        ],
        'NodeRpcError',
        502,
      ],
      [
        [
          {
            ...allowed,
            method: 'eth_getBalance',
            returnValueTest: { comparator: '>=', value: 'lots' },
          },
        ],
        'NodeInvalidACCReturnValueTest',
        400,
      ],
      [[{ ...allowed, parameters: [] }], 'NodeMismatchParameters', 400],
      [[allowed, { operator: 'and' }], 'NodeParserError', 400],
    ];
    for (const [accessControlConditions, code, status] of cases) {
      expect(await decryptCode(decryptBody(url, { accessControlConditions }), 2), code).toEqual({
        status,
        code,
      });
    }
    const sol = [
      {
        method: 'getBalance',
        params: [':userAddress'],
        pdaParams: [],
        pdaInterface: { offset: 0, fields: {} },
        pdaKey: '',
        chain: 'solana',
        returnValueTest: { key: '', comparator: '>=', value: '0' },
      },
    ];
    const answer = await decryptCode(
      { ...decryptBody(url, { accessControlConditions: undefined }), solRpcConditions: sol },
      2,
    );
    // The session sig was made for any access-control resource, so the refusal is the chain's.
    expect(answer).toEqual({ status: 501, code: 'NodeChainNotSupported' });
    expect(
      await decryptCode({ ...decryptBody(url), evmContractConditions: [allowed] }, 2),
    ).toMatchObject({ status: 400, code: 'NodeParserError' });
    await expectStillServing();
  });

  it('JWT times outside the grace → NodeIatOutsideGracePeriod / NodeExpWrongOrTooLarge', async () => {
    const url = devnet.nodeUrls[1]!;
    const code = async (over: Record<string, unknown>) => {
      const answer = await post(
        url,
        '/web/signing/access_control_condition',
        JSON.stringify(jwtBody(url, over)),
      );
      return litError(answer, JSON.stringify(over));
    };
    expect(await code({ iat: now() - 400 })).toBe('NodeIatOutsideGracePeriod');
    expect(await code({ iat: now() + 400, exp: now() + 1000 })).toBe('NodeIatOutsideGracePeriod');
    expect(await code({ exp: now() + 13 * 3600 })).toBe('NodeExpWrongOrTooLarge');
    expect(await code({ exp: now() - 10 })).toBe('NodeExpWrongOrTooLarge');
    expect(await code({ accessControlConditions: [userIs(VALID_ADDRESS)] })).toBe(
      'NodeAccessControlConditionsReturnedNotAuthorized',
    );
    const ok = await post(
      url,
      '/web/signing/access_control_condition',
      JSON.stringify(jwtBody(url)),
    );
    expect(ok.status, ok.text).toBe(200);
    expect(typeof ok.json.unsignedJwt).toBe('string');
  });

  it('the resource checked is the conditions’ own hash: a session scoped to other conditions is refused', async () => {
    const other = toHex(hashConditions('accessControlConditions', [userIs(VALID_ADDRESS)]));
    const scoped: LitResourceAbilityRequest[] = [
      {
        resource: { resource: `${other}/${HEX64}`, resourcePrefix: 'lit-accesscontrolcondition' },
        ability: 'access-control-condition-decryption',
      },
    ];
    const status = (await (await fetch(`${devnet.rpcUrl}/devnet/status`)).json()) as {
      latestBlock: { hash: string };
    };
    const scopedSigs = await walletSessionSigs(wallet, {
      nonce: status.latestBlock.hash,
      nodeUrls: devnet.nodeUrls,
      resources: scoped,
    });
    const url = devnet.nodeUrls[0]!;
    const mine = { accessControlConditions: [userIs(walletAddress)], authSig: scopedSigs[url] };
    expect(await decryptCode(decryptBody(url, mine))).toEqual({
      status: 404,
      code: 'NodeResourceIdNotFound',
    });
  });
});

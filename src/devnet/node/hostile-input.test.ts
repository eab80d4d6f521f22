// Hostile input at the HTTP level (issue 4, Tests → Hostile input): every node endpoint, the
// chain's admin API and JSON-RPC get random and malformed bodies (fast-check) and answer 4xx in
// their error shape without a stack trace, the nodes keep serving, and tampered or expired
// session sigs get the codes of wire doc §9, the same ones verifySessionSig gives.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import fc from 'fast-check';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWalletAuthSig, type AuthSig } from '../../protocol/auth-sig';
import { toHex } from '../../protocol/bytes';
import { addressFromPublicKey, privateKeySigner } from '../../protocol/ethereum';
import { ipfsCidV0 } from '../../protocol/ipfs-cid';
import type { LitResourceAbilityRequest } from '../../protocol/resources';
import { generateSessionKey } from '../../protocol/session-key';
import {
  createSessionCapabilityMessage,
  createSessionSig,
  createSessionSigs,
} from '../../protocol/session-sigs';
import { createSiweMessageWithRecaps } from '../../protocol/siwe-recap';
import { verifySessionSig } from '../../protocol/verify-session-sig';
import { MAX_BODY_BYTES } from '../config';
import { nodeDbPath } from '../data-dir';
import { NodeStore } from '../state/node-store';
import { signPeerMessage, type PeerMessage } from './peers-envelope';
import { type Devnet } from '../network';
import type { tempDataDir } from '../test-support';
import { startTestDevnet } from '../test-support';
import {
  CONTENT_TYPES,
  HEX64,
  VALID_ADDRESS,
  VALID_AUTH_METHOD,
  adminErrorProblems,
  anyHostile,
  deepArray,
  deepObject,
  encodeBody,
  hugeString,
  invalidAddress,
  invalidBase64Text,
  invalidBodies,
  invalidExpiresAt,
  invalidHex,
  invalidNumber,
  jsonRpcResponseProblems,
  label,
  litErrorProblems,
  notA,
  notJson,
  permissionListRules,
  printedAs,
  protoObject,
  rpc,
  rpcBodies,
  setPath,
  stackTraceIn,
  type ContentType,
  type FieldRule,
} from './hostile-bodies';

const RUNS = 60;
/** A valid secp256k1 key that no PKP has. */
const UNKNOWN_PKP_KEY = '0x' + toHex(secp256k1.Point.BASE.multiply(7n).toBytes(false));
const PKP_SIGNING: LitResourceAbilityRequest = {
  resource: { resource: '*', resourcePrefix: 'lit-pkp' },
  ability: 'pkp-signing',
};

let temp: ReturnType<typeof tempDataDir>;
let devnet: Devnet;
let latestBlockhash: string;
let pkp: { tokenId: string; publicKey: string; ethAddress: string };
const wallet = privateKeySigner(Uint8Array.from({ length: 32 }, (_, i) => i + 1));
let walletAddress: string;
const sessionKey = generateSessionKey();
/** A wallet capability for `sessionKey` granting PKP signing on every PKP. */
let capability: AuthSig;
/** `sessionKey`'s session sigs for every node over `capability`, for PKP signing. */
let sigs: Record<string, AuthSig>;
/** A well-formed peer message from node 0 to node 1, signed by an outsider's key. */
let forgedPeerMessage: { message: string; signature: string };

interface Answer {
  status: number;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

/** One request over node:http: no default headers, and a 413 sent mid-upload is still read. */
function send(
  base: string,
  path: string,
  body: string | Buffer | undefined,
  options: { contentType?: ContentType; method?: string; host?: string; chunked?: boolean } = {},
): Promise<Answer> {
  const url = new URL(base);
  const headers: Record<string, string> = {};
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
  if (contentType !== null) headers['content-type'] = contentType;
  if (options.host) headers.host = options.host;
  if (body !== undefined && !options.chunked)
    headers['content-length'] = `${Buffer.byteLength(body)}`;
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(
      { host: url.hostname, port: url.port, method: options.method ?? 'POST', path, headers },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            headers: res.headers,
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(15_000, () => req.destroy(new Error(`${path}: no answer within 15 s`)));
    // The server may answer 413 and close before the upload ends: that answer is the result.
    req.on('error', (error) => (answered ? undefined : reject(error)));
    if (body === undefined) return req.end();
    if (!options.chunked) return req.end(body);
    const data = Buffer.from(body);
    for (let at = 0; at < data.length; at += 64 * 1024)
      req.write(data.subarray(at, at + 64 * 1024));
    req.end();
  });
}

const jsonOf = (answer: Answer): unknown => {
  try {
    return JSON.parse(answer.text);
  } catch {
    return undefined;
  }
};

/** Lit's error JSON, 4xx, no stack trace: the answer every hostile node request must get. */
function expectLitError(answer: Answer, why: string, echoed = ''): Record<string, unknown> {
  const body = jsonOf(answer);
  const problems = litErrorProblems(answer.status, body);
  const leak = stackTraceIn(echoed ? answer.text.split(echoed).join('') : answer.text);
  if (leak) problems.push(leak);
  expect(problems, `${why} → ${answer.status} ${answer.text.slice(0, 300)}`).toEqual([]);
  return body as Record<string, unknown>;
}

function expectAdminError(answer: Answer, why: string): string {
  const body = jsonOf(answer);
  const problems = adminErrorProblems(answer.status, body);
  const leak = stackTraceIn(answer.text);
  if (leak) problems.push(leak);
  expect(problems, `${why} → ${answer.status} ${answer.text.slice(0, 300)}`).toEqual([]);
  return (body as { error: { code: string } }).error.code;
}

/** Every node answers a valid handshake and the chain a valid call: nothing broke. */
async function expectStillServing(): Promise<void> {
  const handshake = JSON.stringify({ clientPublicKey: 'test', challenge: HEX64, epoch: 1 });
  for (const url of devnet.nodeUrls) {
    const answer = await send(url, '/web/handshake/', handshake);
    expect(answer.status, `${url} after hostile input`).toBe(200);
    expect(jsonOf(answer)).toMatchObject({ networkPublicKey: devnet.networkPublicKey });
  }
  const rpc = await send(devnet.rpcUrl, '/', '{"jsonrpc":"2.0","id":7,"method":"eth_chainId"}');
  expect(jsonOf(rpc)).toEqual({ jsonrpc: '2.0', id: 7, result: '0x7a69' });
}

async function adminPost<T>(path: string, body: unknown): Promise<T> {
  const answer = await send(devnet.rpcUrl, path, JSON.stringify(body));
  expect(answer.status, answer.text).toBe(200);
  return JSON.parse(answer.text) as T;
}

beforeAll(async () => {
  ({ temp, devnet } = await startTestDevnet({ prefix: 'devnet-hostile-' }));
  walletAddress = await wallet.getAddress();
  pkp = await adminPost('/devnet/pkp/mint', { owner: walletAddress });
  const status = await send(devnet.rpcUrl, '/devnet/status', undefined, { method: 'GET' });
  latestBlockhash = (JSON.parse(status.text) as { latestBlock: { hash: string } }).latestBlock.hash;
  capability = await createWalletAuthSig({
    signer: wallet,
    message: createSessionCapabilityMessage({
      walletAddress,
      nonce: latestBlockhash,
      sessionPublicKey: sessionKey.publicKey,
      resources: [PKP_SIGNING],
      expiration: new Date(Date.now() + 3_600_000).toISOString(),
    }),
  });
  sigs = await createSessionSigs({
    sessionKey,
    capabilities: [capability],
    resourceAbilityRequests: [PKP_SIGNING],
    nodeUrls: devnet.nodeUrls,
  });
  forgedPeerMessage = await signPeerMessage(
    peerMessage(nodeWallet(0).address, nodeWallet(1).address),
    Uint8Array.from({ length: 32 }, (_, i) => 200 - i),
  );
}, 60_000);

/** Node i's wallet, read from its own file as only that node would. */
function nodeWallet(index: number): { privateKey: Uint8Array; address: string } {
  const store = NodeStore.open(nodeDbPath(temp.dir, index));
  try {
    const privateKey = store.secrets().walletPrivateKey;
    return { privateKey, address: addressFromPublicKey(secp256k1.getPublicKey(privateKey, false)) };
  } finally {
    store.close();
  }
}

function peerMessage(from: string, to: string, over: Partial<PeerMessage> = {}): PeerMessage {
  const now = Date.now();
  return {
    v: 1,
    from,
    to,
    requestKey: 'ef'.repeat(32),
    topic: 'runOnce:hostile',
    payload: { response: 'injected', logs: [] },
    issuedAt: now,
    expiresAt: now + 30_000,
    ...over,
  };
}

afterAll(async () => {
  await devnet?.stop();
  temp?.remove();
});

/** `hex` with the low bit of byte `at` flipped. */
function flipByte(hex: string, at: number): string {
  const byte = (parseInt(hex.slice(at * 2, at * 2 + 2), 16) ^ 0x01).toString(16).padStart(2, '0');
  return hex.slice(0, at * 2) + byte + hex.slice(at * 2 + 2);
}

interface Endpoint {
  path: string;
  /** Other paths of the same endpoint. */
  aliases?: string[];
  template: () => Record<string, unknown>;
  rules: () => FieldRule[];
  required: string[];
}

const NODE_ENDPOINTS: Endpoint[] = [
  {
    path: '/web/handshake',
    aliases: ['/web/handshake/'],
    template: () => ({ clientPublicKey: 'test', challenge: HEX64, epoch: 1 }),
    rules: () => [
      { path: ['clientPublicKey'], invalid: fc.oneof(notA('string'), hugeString) },
      { path: ['challenge'], invalid: fc.oneof(notA('string'), invalidHex(32)) },
      { path: ['epoch'], invalid: fc.oneof(notA('number'), invalidNumber) },
    ],
    required: ['clientPublicKey', 'challenge', 'epoch'],
  },
  {
    // Valid in shape but its EthWallet AuthSig claims an address that did not sign it.
    path: '/web/sign_session_key/v1',
    aliases: ['/web/sign_session_key/v1/'],
    template: () => ({
      sessionKey: `lit:session:${sessionKey.publicKey}`,
      authMethods: [
        {
          authMethodType: 1,
          accessToken: JSON.stringify({ ...capability, address: pkp.ethAddress }),
        },
      ],
      pkpPublicKey: pkp.publicKey,
      siweMessage: createSiweMessageWithRecaps({
        walletAddress: pkp.ethAddress,
        nonce: latestBlockhash,
        uri: `lit:session:${sessionKey.publicKey}`,
        expiration: new Date(Date.now() + 600_000).toISOString(),
        resources: [PKP_SIGNING],
      }),
      curveType: 'BLS',
      epoch: 1,
    }),
    rules: () =>
      [
        ['sessionKey'],
        ['authMethods'],
        ['authMethods', '0'],
        ['authMethods', '0', 'authMethodType'],
        ['authMethods', '0', 'accessToken'],
        ['pkpPublicKey'],
        ['siweMessage'],
        ['curveType'],
        ['code'],
        ['litActionIpfsId'],
        ['jsParams'],
        ['authSig'],
        ['epoch'],
      ].map((path) => ({
        path,
        invalid: fc.oneof(anyHostile, invalidHex(65, '0x'), notA('number')),
      })),
    required: ['sessionKey', 'authMethods', 'pkpPublicKey', 'siweMessage', 'curveType'],
  },
  {
    // Node 0's valid session sig: every variant of it must fail, on every node.
    path: '/web/session/verify/v1',
    template: () => ({
      authSig: sigs[devnet.nodeUrls[0]!],
      resourceAbilityRequest: PKP_SIGNING,
      epoch: 1,
    }),
    rules: () => [
      { path: ['authSig'], invalid: anyHostile },
      { path: ['authSig', 'sig'], invalid: fc.oneof(notA('string'), invalidHex(64)) },
      { path: ['authSig', 'signedMessage'], invalid: fc.oneof(anyHostile, fc.constant('{}')) },
      { path: ['authSig', 'address'], invalid: fc.oneof(notA('string'), invalidHex(32)) },
      { path: ['authSig', 'derivedVia'], invalid: anyHostile },
      { path: ['resourceAbilityRequest'], invalid: notA('object') },
      { path: ['resourceAbilityRequest', 'resource'], invalid: notA('object') },
      {
        path: ['resourceAbilityRequest', 'resource', 'resource'],
        invalid: fc.oneof(notA('string'), fc.constant(''), hugeString),
      },
      {
        path: ['resourceAbilityRequest', 'resource', 'resourcePrefix'],
        invalid: fc.oneof(notA('string'), fc.string(), fc.constant('lit-litaction')),
      },
      {
        path: ['resourceAbilityRequest', 'ability'],
        invalid: fc.oneof(notA('string'), fc.string(), fc.constant('lit-action-execution')),
      },
      { path: ['epoch'], invalid: fc.oneof(notA('number'), invalidNumber) },
    ],
    required: ['authSig', 'resourceAbilityRequest'],
  },
  {
    // A revocation whose Ed25519 signature is not the session key's.
    path: '/web/session/revoke/v1',
    template: () => ({
      revocation: JSON.stringify({
        sessionKey: sessionKey.publicKey,
        revokedAt: new Date().toISOString(),
      }),
      signature: 'cd'.repeat(64),
      epoch: 1,
    }),
    rules: () => [
      { path: ['revocation'], invalid: fc.oneof(anyHostile, fc.constant('{"sessionKey":1}')) },
      { path: ['signature'], invalid: fc.oneof(notA('string'), invalidHex(64)) },
      { path: ['capability'], invalid: fc.oneof(notA('object'), fc.constant(capability)) },
      { path: ['capability', 'sig'], invalid: anyHostile },
      { path: ['epoch'], invalid: fc.oneof(notA('number'), invalidNumber) },
    ],
    required: ['revocation', 'signature'],
  },
  {
    // Node 0's session sig for a key no PKP has: refused however the body is changed.
    path: '/web/pkp/sign/v1',
    template: () => ({
      toSign: Array.from({ length: 32 }, (_, i) => i),
      pubkey: UNKNOWN_PKP_KEY,
      authSig: sigs[devnet.nodeUrls[0]!],
      epoch: 1,
    }),
    rules: () => [
      {
        path: ['toSign'],
        invalid: fc.oneof(
          notA('array'),
          fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 31 }),
          fc.array(fc.oneof(fc.integer({ min: 256 }), fc.integer({ max: -1 }), fc.string()), {
            minLength: 1,
          }),
        ),
      },
      { path: ['pubkey'], invalid: fc.oneof(notA('string'), invalidHex(65, '0x')) },
      { path: ['authSig'], invalid: anyHostile },
      { path: ['authSig', 'sig'], invalid: fc.oneof(notA('string'), invalidHex(64)) },
      { path: ['authSig', 'signedMessage'], invalid: fc.oneof(anyHostile, fc.constant('{}')) },
      { path: ['authMethods'], invalid: fc.oneof(anyHostile, fc.constant([])) },
      { path: ['epoch'], invalid: fc.oneof(notA('number'), invalidNumber) },
    ],
    required: ['toSign', 'pubkey', 'authSig'],
  },
  {
    // An EthWallet AuthSig that claims an address that did not sign it.
    path: '/web/pkp/claim',
    aliases: ['/web/pkp/claim/'],
    template: () => ({
      authMethod: {
        authMethodType: 1,
        accessToken: JSON.stringify({ ...capability, address: pkp.ethAddress }),
      },
      epoch: 1,
    }),
    rules: () => [
      { path: ['authMethod'], invalid: notA('object') },
      {
        path: ['authMethod', 'authMethodType'],
        invalid: fc.oneof(notA('number'), invalidNumber, fc.constantFrom(0, 2, 3, 1001)),
      },
      {
        path: ['authMethod', 'accessToken'],
        invalid: fc.oneof(notA('string'), fc.string(), notJson, fc.constant('{}')),
      },
      { path: ['epoch'], invalid: fc.oneof(notA('number'), invalidNumber) },
    ],
    required: ['authMethod'],
  },
  {
    // Node 0's session sig grants PKP signing only: no variant may run an action.
    path: '/web/execute/v1',
    aliases: ['/web/execute/v1/'],
    template: () => ({
      code: Buffer.from('Lit.Actions.setResponse({ response: "ran" });').toString('base64'),
      jsParams: { a: 1 },
      authSig: sigs[devnet.nodeUrls[0]!],
      epoch: 1,
    }),
    rules: () => [
      { path: ['code'], invalid: fc.oneof(notA('string'), invalidBase64Text, hugeString) },
      {
        path: ['ipfsId'],
        invalid: fc.oneof(notA('string'), fc.string(), fc.constant(ipfsCidV0('other'))),
      },
      { path: ['jsParams'], invalid: fc.oneof(notA('object'), anyHostile) },
      { path: ['jsParams', 'a'], invalid: anyHostile },
      { path: ['authSig'], invalid: anyHostile },
      { path: ['authSig', 'signedMessage'], invalid: fc.oneof(anyHostile, fc.constant('{}')) },
      { path: ['authMethods'], invalid: fc.oneof(notA('array'), fc.constant([VALID_AUTH_METHOD])) },
      { path: ['useSingleNode'], invalid: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) },
      { path: ['epoch'], invalid: fc.oneof(notA('number'), invalidNumber) },
    ],
    required: ['authSig'],
  },
  {
    // A peer message signed by a key that is no validator's.
    path: '/web/devnet/peer/v1',
    template: () => forgedPeerMessage,
    rules: () => [
      { path: ['message'], invalid: fc.oneof(anyHostile, fc.constant('{}'), hugeString) },
      { path: ['signature'], invalid: fc.oneof(notA('string'), invalidHex(65, '0x')) },
    ],
    required: ['message', 'signature'],
  },
];

const ADMIN_ENDPOINTS: Endpoint[] = [
  {
    path: '/devnet/pkp/mint',
    template: () => ({
      owner: VALID_ADDRESS,
      permittedAddresses: [VALID_ADDRESS],
      permittedAuthMethods: [VALID_AUTH_METHOD],
      permittedActions: [ipfsCidV0('hostile')],
    }),
    rules: () => [
      { path: ['owner'], invalid: invalidAddress },
      { path: ['keyId'], invalid: fc.oneof(notA('string'), invalidHex(32)) },
      ...permissionListRules([]),
    ],
    required: [],
  },
  {
    path: '/devnet/pkp/permissions',
    template: () => ({
      tokenId: pkp.tokenId,
      add: { permittedAddresses: [VALID_ADDRESS] },
      remove: { permittedActions: [ipfsCidV0('hostile')] },
    }),
    rules: () => [
      { path: ['tokenId'], invalid: fc.oneof(notA('string'), invalidHex(32)) },
      { path: ['add'], invalid: notA('object') },
      { path: ['remove'], invalid: notA('object') },
      { path: ['add', 'owner'], invalid: fc.constant(VALID_ADDRESS) },
      ...permissionListRules(['add']),
      ...permissionListRules(['remove']),
    ],
    required: ['tokenId'],
  },
  {
    path: '/devnet/capacity/mint',
    template: () => ({
      owner: VALID_ADDRESS,
      requestsPerKilosecond: 10,
      expiresAt: Math.floor(Date.now() / 1000) + 86_400,
    }),
    rules: () => [
      { path: ['owner'], invalid: invalidAddress },
      {
        path: ['requestsPerKilosecond'],
        invalid: fc.oneof(notA('number'), invalidNumber, fc.constant(0)),
      },
      { path: ['expiresAt'], invalid: invalidExpiresAt },
    ],
    required: ['owner', 'requestsPerKilosecond', 'expiresAt'],
  },
];

/** Hostile bodies for an endpoint: invalid variants of its template, non-JSON, or none. */
const hostileBodies = (endpoint: Endpoint) =>
  fc
    .oneof(
      {
        weight: 8,
        arbitrary: invalidBodies(endpoint.template(), endpoint.rules(), {
          required: endpoint.required,
        }).map(({ body, why }) => ({ text: encodeBody(body) as string | undefined, why })),
      },
      { weight: 1, arbitrary: notJson.map((text) => ({ text, why: `not JSON ${label(text)}` })) },
      { weight: 1, arbitrary: fc.constant({ text: undefined, why: 'no body' }) },
    )
    .map((body) => printedAs(body, body.why));

const isJsonType = (type: ContentType) => type !== null && /^application\/json\s*(;|$)/i.test(type);

describe('node endpoints: random and malformed bodies', () => {
  for (const endpoint of NODE_ENDPOINTS) {
    it(`POST ${endpoint.path} answers 4xx in Lit's error shape`, async () => {
      await fc.assert(
        fc.asyncProperty(
          hostileBodies(endpoint),
          fc.constantFrom(...CONTENT_TYPES),
          fc.integer({ min: 0, max: 2 }),
          fc.constantFrom(endpoint.path, ...(endpoint.aliases ?? [])),
          async ({ text, why }, contentType, node, path) => {
            const answer = await send(devnet.nodeUrls[node]!, path, text, { contentType });
            expectLitError(answer, `${path} ${why} (${String(contentType)})`);
          },
        ),
        { numRuns: RUNS },
      );
      await expectStillServing();
    });
  }

  it('unknown routes answer 404 CoreApiRouteNotFound (or 400 for a malformed URL)', async () => {
    const known = [
      '/web/handshake',
      '/web/sign_session_key',
      '/web/session/',
      '/web/execute',
      '/web/devnet/',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.webPath().filter((p) => p.startsWith('/') && !known.some((k) => p.startsWith(k))),
        fc.constantFrom('POST', 'GET', 'PUT', 'DELETE', 'PATCH'),
        async (path, method) => {
          const body = method === 'GET' ? undefined : '{}';
          const answer = await send(devnet.nodeUrls[0]!, path, body, { method });
          // The 404's details echo the path, which is the client's text, not a leak.
          const error = expectLitError(answer, `${method} ${path}`, path);
          expect([404, 400]).toContain(answer.status);
          if (answer.status === 404) expect(error.errorCode).toBe('CoreApiRouteNotFound');
        },
      ),
      { numRuns: RUNS },
    );
    await expectStillServing();
  });
});

describe('chain admin API: random and malformed bodies', () => {
  for (const endpoint of ADMIN_ENDPOINTS) {
    it(`POST ${endpoint.path} answers 4xx with {error: {code, message}}`, async () => {
      await fc.assert(
        fc.asyncProperty(
          hostileBodies(endpoint),
          fc.constantFrom(...CONTENT_TYPES),
          async ({ text, why }, contentType) => {
            const answer = await send(devnet.rpcUrl, endpoint.path, text, { contentType });
            const code = expectAdminError(
              answer,
              `${endpoint.path} ${why} (${String(contentType)})`,
            );
            if (!isJsonType(contentType)) expect(code).toBe('unsupported_media_type');
            else expect(['invalid_json', 'invalid_request']).toContain(code);
            expect(answer.headers['access-control-allow-origin']).toBeUndefined();
          },
        ),
        { numRuns: RUNS },
      );
      await expectStillServing();
    });
  }

  it('a percent-encoded admin path still goes through the admin guard', async () => {
    const mint = '/%64evnet/pkp/mint';
    const plain = await send(devnet.rpcUrl, mint, '{}', { contentType: 'text/plain' });
    expect(expectAdminError(plain, `${mint} as text/plain`)).toBe('unsupported_media_type');
    expect(plain.headers['access-control-allow-origin']).toBeUndefined();
    const rebinding = await send(devnet.rpcUrl, mint, '{}', { host: 'evil.example:8545' });
    expect(expectAdminError(rebinding, `${mint} for a foreign Host`)).toBe('forbidden');
    const permissions = '/devnet/pkp/%70ermissions';
    const other = await send(devnet.rpcUrl, permissions, '{}', { contentType: 'text/plain' });
    expect(expectAdminError(other, permissions)).toBe('unsupported_media_type');
  });
});

/** The error codes of a JSON-RPC answer, after checking its shape. */
function rpcErrorCodes(answer: Answer, batch: boolean, why: string): number[] {
  const body = jsonOf(answer);
  const responses = batch && Array.isArray(body) ? body : [body];
  const problems = responses.flatMap(jsonRpcResponseProblems);
  if (batch !== Array.isArray(body)) problems.push(batch ? 'expected an array' : 'an array');
  const leak = stackTraceIn(answer.text);
  if (leak) problems.push(leak);
  expect(problems, `${why} → ${answer.status} ${answer.text.slice(0, 300)}`).toEqual([]);
  return responses.map((r) => (r as { error?: { code: number } }).error?.code ?? 0);
}

describe('chain JSON-RPC: random and malformed requests', () => {
  it('answers each with the JSON-RPC error its spec names (HTTP 200), never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        rpcBodies,
        fc.constantFrom(...CONTENT_TYPES),
        async ({ text, batch, codes }, contentType) => {
          const answer = await send(devnet.rpcUrl, '/', text, { contentType });
          const why = `${label(text)} (${String(contentType)})`;
          if (contentType === '' || contentType === 'garbage') {
            // fastify cannot read such a Content-Type header: a transport error, still JSON-RPC's.
            expect(answer.status, why).toBe(415);
            expect(rpcErrorCodes(answer, false, why)).toEqual([-32600]);
          } else if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
            expect(answer.status, why).toBe(413);
            expect(rpcErrorCodes(answer, false, why)).toEqual([-32600]);
          } else if (codes.length === 0) {
            expect([answer.status, answer.text], why).toEqual([204, '']);
          } else {
            expect(answer.status, why).toBe(200);
            expect(rpcErrorCodes(answer, batch, why), why).toEqual(codes);
          }
        },
      ),
      { numRuns: RUNS * 2 },
    );
    await expectStillServing();
  });

  it('refuses an empty batch and one over 100 requests as one -32600', async () => {
    for (const batch of [[], Array.from({ length: 101 }, () => rpc('eth_chainId'))]) {
      const answer = await send(devnet.rpcUrl, '/', JSON.stringify(batch));
      expect(answer.status).toBe(200);
      expect(rpcErrorCodes(answer, false, `batch of ${batch.length}`)).toEqual([-32600]);
    }
  });
});

describe('every endpoint: the hostile bodies of the issue, one by one', () => {
  const TEN_MB = Buffer.alloc(10 * 1024 * 1024, '[');
  /** Bodies and the JSON-RPC error codes each gets at `POST /` (a batch for a top-level array). */
  const FIXED: { why: string; text: string | undefined; rpc: number[] }[] = [
    { why: 'no body', text: undefined, rpc: [-32700] },
    { why: 'an empty body', text: '', rpc: [-32700] },
    { why: 'not JSON', text: 'hello, node', rpc: [-32700] },
    { why: '10 000 nested arrays', text: deepArray.text, rpc: [-32600] },
    { why: '10 000 nested objects', text: deepObject.text, rpc: [-32600] },
    { why: '__proto__ and constructor keys', text: protoObject.text, rpc: [-32600] },
    { why: '1 MB of nesting', text: '['.repeat(500_000) + ']'.repeat(500_000), rpc: [-32600] },
    { why: 'a 1 MB string', text: JSON.stringify('x'.repeat(1_000_000)), rpc: [-32600] },
    { why: 'an array of objects', text: '[{},{}]', rpc: [-32600, -32600] },
  ];
  const templateVariants = (endpoint: Endpoint) => {
    const template = endpoint.template();
    const first = Object.keys(template)[0]!;
    return [
      { why: 'the template in an array', text: encodeBody([template]) },
      { why: `${first}: 10 000 levels`, text: encodeBody(setPath(template, [first], deepObject)) },
      { why: `${first}: __proto__`, text: encodeBody(setPath(template, [first], protoObject)) },
      {
        why: `${first}: 1 MB`,
        text: encodeBody(setPath(template, [first], 'A'.repeat(1_000_000))),
      },
    ];
  };

  it('nodes: 4xx in Lit shape for each, 413 CoreApiPayloadTooLarge for 10 MB', async () => {
    for (const endpoint of NODE_ENDPOINTS) {
      for (const { why, text } of [...FIXED, ...templateVariants(endpoint)]) {
        const answer = await send(devnet.nodeUrls[1]!, endpoint.path, text);
        expectLitError(answer, `${endpoint.path}: ${why}`);
      }
      for (const chunked of [false, true]) {
        const answer = await send(devnet.nodeUrls[2]!, endpoint.path, TEN_MB, { chunked });
        const body = expectLitError(answer, `${endpoint.path}: 10 MB (chunked: ${chunked})`);
        expect([answer.status, body.errorCode]).toEqual([413, 'CoreApiPayloadTooLarge']);
      }
    }
    await expectStillServing();
  });

  it('admin API: 4xx {error} for each, 413 payload_too_large for 10 MB', async () => {
    for (const endpoint of ADMIN_ENDPOINTS) {
      for (const { why, text } of [...FIXED, ...templateVariants(endpoint)]) {
        const answer = await send(devnet.rpcUrl, endpoint.path, text);
        const code = expectAdminError(answer, `${endpoint.path}: ${why}`);
        expect(['invalid_json', 'invalid_request']).toContain(code);
      }
      for (const chunked of [false, true]) {
        const answer = await send(devnet.rpcUrl, endpoint.path, TEN_MB, { chunked });
        const code = expectAdminError(answer, `${endpoint.path}: 10 MB (chunked: ${chunked})`);
        expect([answer.status, code]).toEqual([413, 'payload_too_large']);
      }
    }
    await expectStillServing();
  });

  it('JSON-RPC: a JSON-RPC error for each, 413 for 10 MB', async () => {
    for (const { why, text, rpc: codes } of FIXED) {
      const answer = await send(devnet.rpcUrl, '/', text);
      expect(answer.status, why).toBe(200);
      expect(rpcErrorCodes(answer, text?.startsWith('[') ?? false, why), why).toEqual(codes);
    }
    for (const chunked of [false, true]) {
      const answer = await send(devnet.rpcUrl, '/', TEN_MB, { chunked });
      expect(answer.status).toBe(413);
      expect(rpcErrorCodes(answer, false, `10 MB (chunked: ${chunked})`)).toEqual([-32600]);
    }
    await expectStillServing();
  });

  it('no body polluted a prototype of the process that serves the devnet', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });
});

describe('tampered and expired session sigs over HTTP (wire doc §9)', () => {
  const LIT_ACTION: LitResourceAbilityRequest = {
    resource: { resource: ipfsCidV0('hostile'), resourcePrefix: 'lit-litaction' },
    ability: 'lit-action-execution',
  };
  const node0 = () => devnet.nodeUrls[0]!;

  const verifyOverHttp = (url: string, authSig: unknown, request = PKP_SIGNING) =>
    send(
      url,
      '/web/session/verify/v1',
      encodeBody({ authSig, resourceAbilityRequest: request, epoch: 1 }),
    );
  const verifyDirectly = (url: string, authSig: unknown, request = PKP_SIGNING) =>
    verifySessionSig(authSig, {
      nodeAddress: new URL(url).host,
      request,
      networkPublicKey: devnet.networkPublicKey,
    });

  /** The node's answer, which must be verifySessionSig's verdict for the same inputs. */
  async function expectSameVerdict(url: string, authSig: unknown, request = PKP_SIGNING) {
    const answer = await verifyOverHttp(url, authSig, request);
    const direct = verifyDirectly(url, authSig, request);
    if (direct.ok) {
      expect(answer.status, answer.text).toBe(200);
      expect(jsonOf(answer)).toMatchObject({
        result: 'success',
        sessionKey: direct.sessionPublicKey,
      });
      return { status: 200, errorCode: 'ok', details: [] as string[] };
    }
    const body = expectLitError(answer, direct.error.errorCode);
    const got = { status: answer.status, errorCode: body.errorCode, details: body.details };
    const { status, errorCode, details } = direct.error;
    expect(got).toEqual({ status, errorCode, details });
    return { status, errorCode: errorCode as string, details };
  }

  /** Session sigs of `sessionKey` over `capability`, with these fields overridden. */
  const sessionSigsWith = (overrides: {
    issuedAt?: string;
    expiration?: string;
    requests?: LitResourceAbilityRequest[];
    capabilities?: AuthSig[];
  }) =>
    createSessionSigs({
      sessionKey,
      capabilities: overrides.capabilities ?? [capability],
      resourceAbilityRequests: overrides.requests ?? [PKP_SIGNING],
      nodeUrls: devnet.nodeUrls,
      ...(overrides.issuedAt ? { issuedAt: overrides.issuedAt } : {}),
      ...(overrides.expiration ? { expiration: overrides.expiration } : {}),
    });
  const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

  it('untampered sigs verify on their own node, with the wallet capability', async () => {
    for (const url of devnet.nodeUrls) {
      const answer = await verifyOverHttp(url, sigs[url]);
      expect(answer.status, answer.text).toBe(200);
      expect(jsonOf(answer)).toMatchObject({
        sessionKey: sessionKey.publicKey,
        capabilityKind: 'wallet',
        address: walletAddress,
      });
    }
  });

  it('a flipped byte in sig → 400 NodeInvalidAuthSigSessionKeySignature', async () => {
    const sig = sigs[node0()]!;
    for (const at of [0, 31, 32, 63]) {
      const verdict = await expectSameVerdict(node0(), { ...sig, sig: flipByte(sig.sig, at) });
      expect(verdict.errorCode).toBe('NodeInvalidAuthSigSessionKeySignature');
      expect(verdict.status).toBe(400);
    }
  });

  it('a changed signedMessage → 400 NodeInvalidAuthSigSessionKeySignature', async () => {
    const sig = sigs[node0()]!;
    const later = new Date(Date.now() + 7_200_000).toISOString();
    const changed = [
      sig.signedMessage.replace(/"expiration":"[^"]+"/, `"expiration":"${later}"`),
      sig.signedMessage.replace('"resource":"*"', `"resource":"${pkp.tokenId}"`),
      sig.signedMessage + ' ',
    ];
    for (const signedMessage of changed) {
      expect(signedMessage).not.toBe(sig.signedMessage);
      const verdict = await expectSameVerdict(node0(), { ...sig, signedMessage });
      expect(verdict.errorCode).toBe('NodeInvalidAuthSigSessionKeySignature');
      expect(verdict.status).toBe(400);
    }
  });

  it("another node's sig → 403 NodeNotAuthorized", async () => {
    const [first, second, third] = devnet.nodeUrls as [string, string, string];
    for (const [url, signedFor] of [
      [first, second],
      [second, third],
      [third, first],
    ] as const) {
      const verdict = await expectSameVerdict(url, sigs[signedFor]);
      expect([verdict.status, verdict.errorCode]).toEqual([403, 'NodeNotAuthorized']);
    }
  });

  it('an expired session → 403 NodeExpWrongOrTooLarge; within the 60 s grace it still verifies', async () => {
    const expired = await sessionSigsWith({ issuedAt: ago(3_600_000), expiration: ago(120_000) });
    const verdict = await expectSameVerdict(node0(), expired[node0()]);
    expect([verdict.status, verdict.errorCode]).toEqual([403, 'NodeExpWrongOrTooLarge']);
    const inverted = await sessionSigsWith({ issuedAt: ago(0), expiration: ago(10_000) });
    const before = await expectSameVerdict(node0(), inverted[node0()]);
    expect([before.status, before.errorCode]).toEqual([403, 'NodeExpWrongOrTooLarge']);
    const grace = await sessionSigsWith({ issuedAt: ago(600_000), expiration: ago(20_000) });
    expect((await expectSameVerdict(node0(), grace[node0()])).status).toBe(200);
  });

  it('issued in the future → 403 NodeIatOutsideGracePeriod; over 30 days → 400 NodeSIWEMessageError', async () => {
    const future = await sessionSigsWith({
      issuedAt: ago(-300_000),
      expiration: ago(-3_600_000),
    });
    const early = await expectSameVerdict(node0(), future[node0()]);
    expect([early.status, early.errorCode]).toEqual([403, 'NodeIatOutsideGracePeriod']);
    const long = await sessionSigsWith({ expiration: ago(-31 * 24 * 3_600_000) });
    const tooLong = await expectSameVerdict(node0(), long[node0()]);
    expect([tooLong.status, tooLong.errorCode]).toEqual([400, 'NodeSIWEMessageError']);
  });

  it('a resource the session did not request → 404 NodeResourceIdNotFound', async () => {
    const verdict = await expectSameVerdict(node0(), sigs[node0()], LIT_ACTION);
    expect([verdict.status, verdict.errorCode]).toEqual([404, 'NodeResourceIdNotFound']);
    expect(verdict.details.join(' ')).toMatch(/Could not find requested resource lit-litaction/);
  });

  it("a capability whose recap does not grant the resource → 404 NodeResourceIdNotFound, 'Could not find valid capability.'", async () => {
    // The session asks for Lit Action execution too, but its wallet granted only PKP signing.
    const both = await sessionSigsWith({ requests: [PKP_SIGNING, LIT_ACTION] });
    const verdict = await expectSameVerdict(node0(), both[node0()], LIT_ACTION);
    expect([verdict.status, verdict.errorCode]).toEqual([404, 'NodeResourceIdNotFound']);
    expect(verdict.details).toContain('Could not find valid capability.');
    // A capability of another session key, or with a tampered wallet signature, grants nothing.
    const foreign = await createWalletAuthSig({
      signer: wallet,
      message: createSessionCapabilityMessage({
        walletAddress,
        nonce: latestBlockhash,
        sessionPublicKey: generateSessionKey().publicKey,
        resources: [PKP_SIGNING],
      }),
    });
    const forged = { ...capability, sig: '0x' + flipByte(capability.sig.slice(2), 5) };
    for (const capabilities of [[foreign], [forged]]) {
      const refused = await expectSameVerdict(
        node0(),
        (await sessionSigsWith({ capabilities }))[node0()],
      );
      expect([refused.status, refused.errorCode]).toEqual([404, 'NodeResourceIdNotFound']);
      expect(refused.details).toContain('Could not find valid capability.');
    }
  });

  it('hostile signed messages, validly signed by the session key, get verifySessionSig’s verdict', async () => {
    const message = JSON.parse(sigs[node0()]!.signedMessage) as Record<string, unknown>;
    const fields = Object.keys(message);
    const hostileMessage = fc.oneof(
      fc
        .tuple(fc.constantFrom(...fields), fc.oneof(anyHostile, notA('array'), notA('number')))
        .map(([field, value]) => encodeBody(setPath(message, [field], value))),
      fc.constantFrom(...fields).map((field) => encodeBody(setPath(message, [field], undefined))),
      fc.oneof(notJson, fc.constantFrom(deepArray.text, deepObject.text, protoObject.text)),
    );
    await fc.assert(
      fc.asyncProperty(
        hostileMessage.map((text) => printedAs({ text }, label(text))),
        async ({ text: signedMessage }) => {
          const sig = await createSessionSig(sessionKey, signedMessage);
          await expectSameVerdict(node0(), sig);
        },
      ),
      { numRuns: RUNS },
    );
    await expectStillServing();
  });
});

describe('PKP signing and claims: the right Lit error for each hostile request', () => {
  const signBody = (overrides: Record<string, unknown>, node = 0) => ({
    toSign: Array.from({ length: 32 }, (_, i) => i),
    pubkey: pkp.publicKey,
    authSig: sigs[devnet.nodeUrls[node]!],
    epoch: 1,
    ...overrides,
  });
  const sign = async (body: unknown, node = 0, requestId: string | null = 'lit_hostile') => {
    const response = await fetch(`${devnet.nodeUrls[node]!}/web/pkp/sign/v1`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(requestId === null ? {} : { 'x-request-id': requestId }),
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, text, headers: {} } satisfies Answer;
  };
  const codeOf = (answer: Answer, why: string) => {
    const body = expectLitError(answer, why);
    return [answer.status, body.errorCode];
  };

  it('a valid request signs on every node (the baseline the others differ from)', async () => {
    for (let node = 0; node < 3; node++) {
      const answer = await sign(signBody({}, node), node);
      expect(answer.status, answer.text).toBe(200);
    }
  });

  it('toSign that is not 32 bytes → 400 NodeParserError asking for a hash', async () => {
    for (const length of [0, 31, 33, 64]) {
      const answer = await sign(signBody({ toSign: Array.from({ length }, () => 1) }));
      expect(codeOf(answer, `toSign of ${length}`)).toEqual([400, 'NodeParserError']);
      expect(answer.text).toContain('not 32 bytes');
    }
  });

  it('a PKP the chain does not know → 401 NodePKPNotAuthorized', async () => {
    const answer = await sign(signBody({ pubkey: UNKNOWN_PKP_KEY }));
    expect(codeOf(answer, 'unknown PKP')).toEqual([401, 'NodePKPNotAuthorized']);
  });

  it('tampered, misaddressed or wrong-kind session sigs get the §9 codes', async () => {
    const sig = sigs[devnet.nodeUrls[0]!]!;
    const tampered = { ...sig, sig: flipByte(sig.sig, 3) };
    expect(codeOf(await sign(signBody({ authSig: tampered })), 'tampered')).toEqual([
      400,
      'NodeInvalidAuthSigSessionKeySignature',
    ]);
    // Node 1's sig sent to node 0.
    expect(
      codeOf(await sign(signBody({ authSig: sigs[devnet.nodeUrls[1]!] })), 'node 1 sig'),
    ).toEqual([403, 'NodeNotAuthorized']);
    expect(codeOf(await sign(signBody({ authSig: capability })), 'a wallet AuthSig')).toEqual([
      400,
      'NodeCannotProvideAuthSigForEndpoint',
    ]);
    expect(codeOf(await sign(signBody({ authMethods: [] })), 'authMethods')).toEqual([
      400,
      'NodeCannotProvideAuthSigForEndpoint',
    ]);
  });

  it('no X-Request-Id, or a malformed pubkey → 400 NodeParserError', async () => {
    expect(codeOf(await sign(signBody({}), 0, null), 'no request id')).toEqual([
      400,
      'NodeParserError',
    ]);
    const offCurve = '0x04' + '11'.repeat(64);
    expect(codeOf(await sign(signBody({ pubkey: offCurve })), 'off-curve key')).toEqual([
      400,
      'NodeParserError',
    ]);
    await expectStillServing();
  });

  it('claims: another auth method type, a forged AuthSig or a session capability → 401 NodeInvalidAuthSig', async () => {
    const claim = async (authMethod: unknown) => {
      const answer = await send(
        devnet.nodeUrls[2]!,
        '/web/pkp/claim/',
        JSON.stringify({ authMethod }),
      );
      return codeOf(answer, JSON.stringify(authMethod).slice(0, 60));
    };
    const forged = JSON.stringify({ ...capability, address: pkp.ethAddress });
    expect(await claim({ authMethodType: 1, accessToken: forged })).toEqual([
      401,
      'NodeInvalidAuthSig',
    ]);
    expect(await claim({ authMethodType: 6, accessToken: '{}' })).toEqual([
      401,
      'NodeInvalidAuthSig',
    ]);
    // The session's capability is signed for that session only: not a login (Lit refuses its URI).
    expect(await claim({ authMethodType: 1, accessToken: JSON.stringify(capability) })).toEqual([
      401,
      'NodeInvalidAuthSig',
    ]);
    const login = await createWalletAuthSig({
      signer: wallet,
      message: createSiweMessageWithRecaps({ walletAddress, nonce: latestBlockhash }),
    });
    const good = await send(
      devnet.nodeUrls[2]!,
      '/web/pkp/claim',
      JSON.stringify({
        authMethod: { authMethodType: 1, accessToken: JSON.stringify(login) },
      }),
    );
    expect(good.status, good.text).toBe(202);
    await expectStillServing();
  });
});

describe('node-to-node channel', () => {
  const post = (index: number, body: unknown) =>
    send(devnet.nodeUrls[index]!, '/web/devnet/peer/v1', JSON.stringify(body));

  it('files only what a validator signed for this node, once, and refuses forgeries', async () => {
    const node0 = nodeWallet(0);
    const node1 = nodeWallet(1);
    const genuine = peerMessage(node0.address, node1.address, { topic: 'runOnce:genuine' });
    const accepted = await post(1, await signPeerMessage(genuine, node0.privateKey));
    expect(accepted.status, accepted.text).toBe(200);
    expect(jsonOf(accepted)).toEqual({ result: 'success', stored: true });
    // The same message again is harmless; a different payload for the same slot is refused.
    expect((await post(1, await signPeerMessage(genuine, node0.privateKey))).status).toBe(200);
    const refusals: [string, { message: string; signature: string }][] = [
      ['an outsider claiming to be node 0', forgedPeerMessage],
      [
        'a second, different result',
        await signPeerMessage(
          { ...genuine, payload: { response: 'evil', logs: [] } },
          node0.privateKey,
        ),
      ],
      [
        'an expired message',
        await signPeerMessage(
          peerMessage(node0.address, node1.address, {
            issuedAt: Date.now() - 90_000,
            expiresAt: Date.now() - 1,
          }),
          node0.privateKey,
        ),
      ],
      [
        'a message for another node',
        await signPeerMessage(peerMessage(node0.address, nodeWallet(2).address), node0.privateKey),
      ],
    ];
    for (const [why, body] of refusals) {
      const answer = await post(1, body);
      const error = expectLitError(answer, why);
      expect(answer.status, why).toBe(401);
      expect(error.errorCode, why).toBe('NodeInvalidAuthSig');
    }
    // A signature moved onto other text no longer matches.
    const moved = await post(1, { ...forgedPeerMessage, message: JSON.stringify(genuine) });
    expect(moved.status).toBe(401);
    await expectStillServing();
  });
});

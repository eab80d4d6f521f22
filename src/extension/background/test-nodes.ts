// Three fake Lit nodes for the worker's brokered-call tests (below the layer under test, as
// test-browser.ts is): real cryptography, so what the worker combines must verify. They check each
// session sig as a node does (verifySessionSig, the endpoint's resource), then answer: pkpSign
// with additive ECDSA shares of the PKP's real signature from the request's signing set;
// decryption and JWTs with BLS shares of a dealt network key; executeJs by running the code with
// `Lit.Actions` (setResponse, signEcdsa) in this process. A `:userAddress` condition is met when
// its value is the session's address, else NodeAccessControlConditionsReturnedNotAuthorized.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64urlnopad } from '@scure/base';
import { randomBlsSecretKey } from '../../protocol/bls';
import { signShare } from '../../protocol/bls-shares';
import { concatBytes, toHex, utf8 } from '../../protocol/bytes';
import { LitNodeError } from '../../protocol/errors';
import { addressFromPublicKey } from '../../protocol/ethereum';
import { pkpSigningSet } from '../../protocol/pkp-signature';
import { pkpTokenIdFromPublicKey } from '../../protocol/resources';
import { dealShares } from '../../protocol/shamir';
import { verifySessionSig } from '../../protocol/verify-session-sig';
import { ipfsCidV0 } from '../../protocol/ipfs-cid';
import { hashConditions, encryptionIdentity } from '../../protocol/access-control';

export const NODES = ['http://127.0.0.1:7470', 'http://127.0.0.1:7471', 'http://127.0.0.1:7472'];
const dealt = dealShares(randomBlsSecretKey(), 2, 3);
export const networkPublicKey = toHex(dealt.publicKey);
const pkpSecret = new Uint8Array(32).fill(5);
export const pkpPublicKey = `0x${toHex(secp256k1.getPublicKey(pkpSecret, false))}`;
export const pkpAddress = addressFromPublicKey(pkpPublicKey);
export const pkpTokenId = pkpTokenIdFromPublicKey(pkpPublicKey);

/** The stored network the worker uses (as `network.ts` keeps it). */
export const storedNetwork = () => ({
  rpcUrl: 'http://127.0.0.1:8545',
  nodeUrls: NODES,
  listedNodeUrls: NODES,
  threshold: 2,
  networkPublicKey,
  epoch: 1,
  latestBlockhash: '0x' + '12'.repeat(32),
  discoveredAt: Date.now(),
});

/** What a test makes a node do instead of answering honestly. */
export type Override = (
  url: string,
  path: string,
) => { status: number; body: unknown } | 'down' | null;

export const nodeLog: { url: string; path: string; body: Record<string, unknown> }[] = [];
export const nodeState: { override: Override | null } = { override: null };

const N = secp256k1.Point.Fn.ORDER;
const mod = (a: bigint) => ((a % N) + N) % N;
const scalar = (bytes: Uint8Array) => mod(BigInt(`0x${toHex(bytes)}`)) || 1n;
const hex32 = (n: bigint) => n.toString(16).padStart(64, '0').toUpperCase();

/** The PKP's signature of `digest` for one request id, split into shares over its signing set. */
function ecdsaShare(digest: Uint8Array, requestId: string, url: string) {
  const set = pkpSigningSet(digest, requestId, [1, 2, 3], 2);
  const me = NODES.indexOf(url) + 1;
  const k = scalar(sha256(concatBytes(digest, utf8(requestId), pkpSecret)));
  const R = secp256k1.Point.BASE.multiply(k);
  const r = mod(R.toAffine().x);
  const s = mod(secp256k1.Point.Fn.inv(k) * (scalar(digest) + r * scalar(pkpSecret)));
  const first = scalar(sha256(concatBytes(utf8('split'), digest, utf8(requestId))));
  const mine = !set.includes(me) ? '' : hex32(me === set[0] ? first : mod(s - first));
  return { share: mine, bigR: R.toHex(true).toUpperCase(), shareIndex: me - 1 };
}

const refuse = (status: number, code: string, details: string[]) => ({
  status,
  body: new LitNodeError(code as never, details).toJSON(),
});

function sessionOf(url: string, authSig: unknown, resource: string, ability: string) {
  const [prefix, id] = resource.split('://') as [string, string];
  return verifySessionSig(authSig, {
    nodeAddress: url.replace('http://', ''),
    request: { resource: { resource: id, resourcePrefix: prefix }, ability },
    networkPublicKey,
  });
}

/** The condition check: `:userAddress` equal to the session's address. */
function conditionsMet(conditions: unknown[], user: string): boolean {
  return conditions.every((c) => {
    const test = (c as { returnValueTest?: { value?: string } }).returnValueTest;
    return test?.value?.toLowerCase() === user.toLowerCase();
  });
}

function blsShare(url: string, message: Uint8Array) {
  const share = dealt.shares[NODES.indexOf(url)]!;
  return {
    result: 'success',
    signatureShare: { ProofOfPossession: signShare(share, message) },
    shareIndex: share.id - 1,
  };
}

async function runAction(url: string, body: Record<string, unknown>, requestId: string) {
  const code = Buffer.from(body.code as string, 'base64').toString('utf8');
  const jsParams = (body.jsParams ?? {}) as Record<string, unknown>;
  let response = '';
  const logs: string[] = [];
  const signedData: Record<string, unknown> = {};
  const Lit = {
    Actions: {
      setResponse: ({ response: r }: { response: string }) => void (response = r),
      signEcdsa: ({ toSign, sigName }: { toSign: number[]; sigName: string }) => {
        const digest = Uint8Array.from(toSign);
        const { share, bigR, shareIndex } = ecdsaShare(digest, requestId, url);
        signedData[sigName] = {
          sigType: 'K256',
          dataSigned: `"${toHex(digest).toUpperCase()}"`,
          signatureShare: `"${share}"`,
          shareIndex,
          bigR: `"${bigR}"`,
          publicKey: `"${pkpPublicKey.slice(2).toUpperCase()}"`,
        };
      },
    },
  };
  const console = { log: (...a: unknown[]) => void logs.push(`${a.join(' ')}\n`) };
  try {
    const run = new Function(
      'Lit',
      'console',
      ...Object.keys(jsParams),
      `return (async () => { ${code} })();`,
    );
    await run(Lit, console, ...Object.values(jsParams));
  } catch (e) {
    return { status: 400, body: { success: false, error: String(e), logs: logs.join('') } };
  }
  return {
    status: 200,
    body: {
      success: true,
      signedData,
      decryptedData: {},
      claimData: {},
      response,
      logs: logs.join(''),
    },
  };
}

async function answer(url: string, path: string, body: Record<string, unknown>, requestId: string) {
  const kind = [
    'accessControlConditions',
    'evmContractConditions',
    'unifiedAccessControlConditions',
  ].find((k) => body[k] !== undefined) as 'accessControlConditions' | undefined;
  switch (path) {
    case '/web/pkp/sign/v1': {
      const v = sessionOf(
        url,
        body.authSig,
        `lit-pkp://${pkpTokenIdFromPublicKey(body.pubkey as string)}`,
        'pkp-signing',
      );
      if (!v.ok) return refuse(401, v.error.errorCode, v.error.details);
      const digest = Uint8Array.from(body.toSign as number[]);
      const { share, bigR } = ecdsaShare(digest, requestId, url);
      return {
        status: 200,
        body: {
          success: true,
          signedData: [],
          signatureShare: {
            digest: '',
            result: 'success',
            share_index: 0,
            signature_share: share ? `"${share}"` : '',
            big_r: `"${bigR}"`,
            public_key: `"${pkpPublicKey.slice(2)}"`,
            sig_type: 'K256',
          },
        },
      };
    }
    case '/web/encryption/sign': {
      const hash = toHex(hashConditions(kind!, body[kind!], { nodeComparators: true }));
      const v = sessionOf(
        url,
        body.authSig,
        `lit-accesscontrolcondition://${hash}/${body.dataToEncryptHash as string}`,
        'access-control-condition-decryption',
      );
      if (!v.ok) return refuse(401, v.error.errorCode, v.error.details);
      if (!conditionsMet(body[kind!] as unknown[], v.capabilityAddress)) {
        return refuse(401, 'NodeAccessControlConditionsReturnedNotAuthorized', ['not met']);
      }
      return {
        status: 200,
        body: blsShare(url, encryptionIdentity(hash, body.dataToEncryptHash as string)),
      };
    }
    case '/web/signing/access_control_condition': {
      const hash = toHex(hashConditions(kind!, body[kind!], { nodeComparators: true }));
      const v = sessionOf(
        url,
        body.authSig,
        `lit-accesscontrolcondition://${hash}`,
        'access-control-condition-signing',
      );
      if (!v.ok) return refuse(401, v.error.errorCode, v.error.details);
      const payload: Record<string, unknown> = {
        iss: 'LIT',
        sub: v.capabilityAddress,
        chain: body.chain ?? null,
        iat: body.iat,
        exp: body.exp,
        accessControlConditions: null,
        evmContractConditions: null,
        solRpcConditions: null,
        unifiedAccessControlConditions: null,
      };
      payload[kind!] = body[kind!];
      const unsignedJwt = `${base64urlnopad.encode(utf8('{"alg":"BLS12-381","typ":"JWT"}'))}.${base64urlnopad.encode(utf8(JSON.stringify(payload)))}`;
      return { status: 200, body: { ...blsShare(url, utf8(unsignedJwt)), unsignedJwt } };
    }
    case '/web/execute/v1': {
      const cid = ipfsCidV0(Buffer.from(body.code as string, 'base64').toString('utf8'));
      const v = sessionOf(url, body.authSig, `lit-litaction://${cid}`, 'lit-action-execution');
      if (!v.ok) return refuse(401, v.error.errorCode, v.error.details);
      return runAction(url, body, requestId);
    }
    default:
      return { status: 200, body: { result: 'success' } };
  }
}

/** The fetch the worker's client calls: the three nodes above. */
export async function fakeNodesFetch(
  input: string,
  init: { body: string; headers: Record<string, string> },
) {
  const url = new URL(input);
  const base = `${url.protocol}//${url.host}`;
  const body = JSON.parse(init.body) as Record<string, unknown>;
  nodeLog.push({ url: base, path: url.pathname, body });
  const forced = nodeState.override?.(base, url.pathname) ?? null;
  if (forced === 'down') throw new TypeError('fetch failed');
  const out =
    forced ?? (await answer(base, url.pathname, body, init.headers['x-request-id'] ?? ''));
  return new Response(JSON.stringify(out.body), { status: out.status });
}

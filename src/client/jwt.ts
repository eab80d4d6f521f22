// Access-control JWTs: `getSignedToken` asks the nodes to sign a JWT saying the session's user
// meets the conditions and combines their shares; `verifyJwt` checks one offline against the
// network key, and (unlike Lit's) also its `iat` and `exp`.
import { base64urlnopad } from '@scure/base';
import { z } from 'zod/mini';
import { canonicalConditions, CONDITION_KINDS } from '../protocol/access-control';
import type { AuthSig } from '../protocol/auth-sig';
import { verifyBlsSignature } from '../protocol/bls';
import { fromHex, fromUtf8, utf8 } from '../protocol/bytes';
import type { LitNetwork } from './discover';
import { conditionsHash, type ConditionsParams } from './encrypt';
import { NodeCallError } from './node-call';
import { collectThresholdSignature, shareAnswerFields, type NodeFailure } from './threshold-shares';

/** Lit's nodes allow clocks 3 minutes apart, and JWTs of at most 12 hours. */
const GRACE_SECONDS = 180;
const MAX_LIFETIME_SECONDS = 12 * 60 * 60;
const HEADER_JSON = '{"alg":"BLS12-381","typ":"JWT"}';
const HEADER = base64urlnopad.encode(utf8(HEADER_JSON));

export interface JwtPayload {
  iss: 'LIT';
  /** The user the nodes found meeting the conditions. */
  sub: string;
  chain: string | null;
  iat: number;
  exp: number;
  accessControlConditions: unknown[] | null;
  evmContractConditions: unknown[] | null;
  solRpcConditions: unknown[] | null;
  unifiedAccessControlConditions: unknown[] | null;
}

export type GetSignedTokenParams = ConditionsParams & {
  sessionSigs: Record<string, AuthSig>;
  chain?: string;
  /** Lifetime in seconds (default one hour, at most 12 hours). */
  expiresInSeconds?: number;
  /** Milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
  timeoutMs?: number;
};

export interface SignedToken {
  jwt: string;
  payload: JwtPayload;
  signers: string[];
  failures: NodeFailure[];
}

const shareAnswer = z.object({
  ...shareAnswerFields,
  unsignedJwt: z.string().check(z.maxLength(1_000_000)),
});

const payloadSchema = z.object({
  iss: z.literal('LIT'),
  sub: z.string(),
  chain: z.nullable(z.string()),
  iat: z.number(),
  exp: z.number(),
  accessControlConditions: z.nullable(z.array(z.unknown())),
  evmContractConditions: z.nullable(z.array(z.unknown())),
  solRpcConditions: z.nullable(z.array(z.unknown())),
  unifiedAccessControlConditions: z.nullable(z.array(z.unknown())),
});

/** Thrown by `verifyJwt`; `reason` says what is wrong. */
export class JwtVerificationError extends Error {
  override readonly name = 'JwtVerificationError';
}

function decodePart(part: string, what: string): Uint8Array {
  try {
    return base64urlnopad.decode(part);
  } catch {
    throw new JwtVerificationError(`${what}: not base64url without padding`);
  }
}

/** The header and payload of an unsigned JWT, checked for Lit's shape. */
function readUnsignedJwt(unsignedJwt: string): JwtPayload {
  const parts = unsignedJwt.split('.');
  if (parts.length !== 2) throw new JwtVerificationError('expected header.payload');
  if (parts[0] !== HEADER) throw new JwtVerificationError(`header is not ${HEADER_JSON}`);
  let json: unknown;
  try {
    json = JSON.parse(fromUtf8(decodePart(parts[1]!, 'payload')));
  } catch (error) {
    if (error instanceof JwtVerificationError) throw error;
    throw new JwtVerificationError('payload: not UTF-8 JSON');
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) throw new JwtVerificationError('payload: not a Lit access-control JWT');
  return parsed.data as JwtPayload;
}

/**
 * Checks a JWT from `getSignedToken` (or Lit's): the BLS signature over `header.payload` against
 * the network key, the header and payload shape, and time: `exp` not passed and `iat` not in the
 * future (3-minute clock grace). Returns the payload; throws JwtVerificationError otherwise.
 */
export function verifyJwt(
  jwt: string,
  networkPublicKey: string,
  now: number = Date.now(),
): JwtPayload {
  if (typeof jwt !== 'string') throw new JwtVerificationError('jwt: expected a string');
  const dot = jwt.lastIndexOf('.');
  if (dot < 0) throw new JwtVerificationError('expected header.payload.signature');
  const unsigned = jwt.slice(0, dot);
  const payload = readUnsignedJwt(unsigned);
  const signature = decodePart(jwt.slice(dot + 1), 'signature');
  const key = fromHex(networkPublicKey, 48, 'networkPublicKey');
  if (signature.length !== 96 || !verifyBlsSignature(key, utf8(unsigned), signature)) {
    throw new JwtVerificationError('signature: not the network signature of this token');
  }
  const seconds = Math.floor(now / 1000);
  if (!Number.isFinite(seconds)) throw new TypeError('now: expected milliseconds');
  if (payload.exp <= seconds) {
    throw new JwtVerificationError(`expired at ${new Date(payload.exp * 1000).toISOString()}`);
  }
  if (payload.iat > seconds + GRACE_SECONDS) {
    throw new JwtVerificationError(`issued in the future (iat ${payload.iat})`);
  }
  if (payload.exp <= payload.iat) throw new JwtVerificationError('exp is not after iat');
  return payload;
}

/** Asks the nodes for a JWT proving the session's user meets the conditions. */
export async function getSignedToken(
  network: Pick<LitNetwork, 'nodeUrls' | 'threshold' | 'networkPublicKey' | 'epoch'>,
  params: GetSignedTokenParams,
): Promise<SignedToken> {
  const lifetime = params.expiresInSeconds ?? 3600;
  if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > MAX_LIFETIME_SECONDS) {
    throw new RangeError(`expiresInSeconds: expected 1..${MAX_LIFETIME_SECONDS}`);
  }
  const { kind, conditions } = conditionsHash(params);
  const canonical = canonicalConditions(kind, conditions, { nodeComparators: true });
  const iat = Math.floor((params.now ?? Date.now)() / 1000);
  const exp = iat + lifetime;
  const expected = JSON.stringify(canonical);
  const signed = await collectThresholdSignature(network, {
    operation: 'getSignedToken',
    path: '/web/signing/access_control_condition',
    timeoutMs: params.timeoutMs,
    body: (url) => {
      const authSig = params.sessionSigs[url];
      if (!authSig) return undefined;
      return {
        [kind]: canonical,
        ...(params.chain !== undefined && { chain: params.chain }),
        authSig,
        iat,
        exp,
        epoch: network.epoch,
      };
    },
    parse: (answer, url) => {
      const bad = (message: string) =>
        new NodeCallError(url, { kind: 'invalid-response', message });
      const parsed = shareAnswer.safeParse(answer);
      if (!parsed.success) throw bad('answered without a valid JWT share');
      let payload: JwtPayload;
      try {
        payload = readUnsignedJwt(parsed.data.unsignedJwt);
      } catch (error) {
        throw bad(`unsigned JWT: ${(error as Error).message}`);
      }
      // A node may only sign what was asked: these conditions, this chain, these times.
      const others = CONDITION_KINDS.filter((k) => k !== kind && payload[k] !== null);
      if (
        payload.iat !== iat ||
        payload.exp !== exp ||
        payload.chain !== (params.chain ?? null) ||
        JSON.stringify(payload[kind]) !== expected ||
        others.length > 0
      ) {
        throw bad('signed a JWT other than the one asked for');
      }
      return {
        share: parsed.data.signatureShare.ProofOfPossession,
        message: utf8(parsed.data.unsignedJwt),
      };
    },
  });
  const unsigned = fromUtf8(signed.message);
  const jwt = `${unsigned}.${base64urlnopad.encode(signed.signature)}`;
  return {
    jwt,
    payload: readUnsignedJwt(unsigned),
    signers: signed.signers,
    failures: signed.failures,
  };
}

// `POST /web/sign_session_key/v1` (wire doc §8), step by step in the node's order: the node
// authenticates the user, runs the deciding Lit Action, checks the PKP's permissions, rewrites
// the SIWE with the resolved auth context and signs it with its BLS share.
import { z } from 'zod';
import { signShare } from '../../protocol/bls-shares';
import { sessionDigest } from '../../protocol/bls';
import { fromUtf8, toHex } from '../../protocol/bytes';
import { LitNodeError } from '../../protocol/errors';
import { addressFromPublicKey } from '../../protocol/ethereum';
import { ipfsCidV0 } from '../../protocol/ipfs-cid';
import { decodeRecap, type Recap, RECAP_URN_PREFIX } from '../../protocol/recap';
import { pkpTokenIdFromPublicKey } from '../../protocol/resources';
import { type SiweFields, buildSiweMessage, parseSiweMessage } from '../../protocol/siwe';
import { addRecapToSiwe } from '../../protocol/siwe-recap';
import {
  AUTH_METHOD_TYPE,
  SCOPE,
  ethWalletAuthMethodId,
  pkpPermission,
  type AuthenticatedCaller,
  type PkpPermissions,
} from './pkp-permissions';
import type { ActionAdmission } from './action-admission';
import { authenticateEthWallet } from './eth-wallet-auth';
import { RESOLVED_AUTH_CONTEXT_KEY, recapNamesResolvedAuthContext } from './resolved-auth-context';
import { sandboxBusy } from './sandbox-busy';
import { checkSessionWindow, rfc3339Seconds } from './siwe-window';

/** What the action sees as `Lit.Auth`, and what the rewritten SIWE records. */
export interface ResolvedAuthContext {
  actionIpfsIds: string[];
  authMethodContexts: {
    appId: string;
    authMethodType: number;
    usedForSignSessionKeyRequest: boolean;
    userId: string;
  }[];
  authSigAddress: string | null;
  customAuthResource: string;
  resources: unknown[];
}

export type LitActionOutcome =
  | { ok: true; response: string; logs: string }
  | { ok: false; errorCode: string; message: string; logs: string; busy?: true };

export interface SignSessionKeyDeps {
  share: { id: number; secretKey: Uint8Array };
  networkPublicKey: string;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** The block a hash names, if the chain issued it (timestamp in seconds). */
  issuedBlock: (hash: string) => { timestamp: number } | null;
  pkpPermissions: (tokenId: string) => PkpPermissions | null;
  /** Records that the auth methods' signatures authorized `sessionKey`, all or none; false (and
   * none recorded) if any already authorized a different one (replay protection). */
  claimAuthMethods: (signatureHashes: readonly string[], sessionKey: string) => boolean;
  /** Places per caller in the node's sandbox, shared with executeJs. */
  admission: ActionAdmission;
  runLitAction: (request: {
    code: string;
    jsParams: Record<string, unknown>;
    authContext: ResolvedAuthContext;
  }) => Promise<LitActionOutcome>;
  /** The code of an action by CID, when the devnet has seen it (its IPFS stand-in). */
  actionCode: (cid: string) => string | null;
  rememberActionCode: (cid: string, code: string) => void;
}

const hex = (n: number) => new RegExp(`^(0x)?[0-9a-fA-F]{${n}}$`);

export const signSessionKeyBodySchema = z.strictObject({
  sessionKey: z.string().regex(/^lit:session:[0-9a-f]{64}$/, 'expected lit:session:<64 hex>'),
  authMethods: z
    .array(
      z.strictObject({
        authMethodType: z.number().int().min(0).max(1000),
        accessToken: z.string().max(64 * 1024),
      }),
    )
    .max(8),
  pkpPublicKey: z.string().regex(hex(130), 'expected a 65-byte uncompressed public key'),
  siweMessage: z.string().max(64 * 1024),
  curveType: z.string().max(32),
  code: z
    .string()
    .max(1024 * 1024)
    .optional(),
  litActionIpfsId: z
    .string()
    .regex(/^Qm[1-9A-HJ-NP-Za-km-z]{44}$/, 'expected a CIDv0')
    .optional(),
  jsParams: z.record(z.string(), z.unknown()).optional(),
  authSig: z.unknown().optional(),
  epoch: z.number().int().min(0).optional(),
});
export type SignSessionKeyBody = z.infer<typeof signSessionKeyBodySchema>;

export interface SignSessionKeyAnswer {
  result: 'success';
  signatureShare: { ProofOfPossession: string };
  shareIndex: number;
  curveType: 'BLS';
  siweMessage: string;
  dataSigned: string;
  blsRootPubkey: string;
}

/** Strict base64 (standard alphabet, padded) of UTF-8 text, or null. */
export function decodeBase64Text(b64: string): string | null {
  if (b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) return null;
  try {
    return fromUtf8(Buffer.from(b64, 'base64'));
  } catch {
    return null;
  }
}

const fail = (code: ConstructorParameters<typeof LitNodeError>[0], detail: string): never => {
  throw new LitNodeError(code, [detail]);
};

/**
 * Step 1's reserved resource. Inside a recap it is base64url, so the text check alone misses it:
 * every `urn:recap:` resource is decoded, and one that does not decode is refused too, since what
 * it names cannot be checked.
 */
function refuseReservedResource(message: string, siwe: SiweFields): void {
  const reserved = 'the lit-resolvedauthcontext resource is reserved for nodes';
  if (message.toLowerCase().includes('lit-resolvedauthcontext'))
    fail('NodeSIWEMessageError', reserved);
  for (const resource of siwe.resources ?? []) {
    if (!resource.startsWith(RECAP_URN_PREFIX)) continue;
    let recap: Recap;
    try {
      recap = decodeRecap(resource);
    } catch (e) {
      return fail('NodeSIWEMessageError', `a recap resource: ${(e as Error).message}`);
    }
    if (recapNamesResolvedAuthContext(recap)) fail('NodeSIWEMessageError', reserved);
  }
}

/** Step 2: each auth method authenticates (EthWallet only on the devnet). */
function authenticate(
  body: SignSessionKeyBody,
  deps: SignSessionKeyDeps,
): { contexts: ResolvedAuthContext['authMethodContexts']; signatureHashes: string[] } {
  const contexts: ResolvedAuthContext['authMethodContexts'] = [];
  const signatureHashes: string[] = [];
  for (const method of body.authMethods) {
    if (method.authMethodType !== AUTH_METHOD_TYPE.EthWallet) {
      fail(
        'NodeInvalidAuthSig',
        `auth method type ${method.authMethodType} is not supported by the devnet`,
      );
    }
    const { address, signatureHash } = authenticateEthWallet(method.accessToken, deps.now);
    signatureHashes.push(signatureHash);
    contexts.push({
      appId: 'lit',
      authMethodType: AUTH_METHOD_TYPE.EthWallet,
      usedForSignSessionKeyRequest: true,
      userId: address,
    });
  }
  return { contexts, signatureHashes };
}

/** The deciding action's code and CID (base64 `code`, or `litActionIpfsId` of code seen before). */
function resolveAction(
  body: SignSessionKeyBody,
  deps: SignSessionKeyDeps,
): { code: string; cid: string } | null {
  if (body.code === undefined && body.litActionIpfsId === undefined) return null;
  let code: string;
  if (body.code !== undefined) {
    code =
      decodeBase64Text(body.code) ?? fail('NodeInvalidAuthSig', 'code: not base64 of UTF-8 text');
  } else {
    code =
      deps.actionCode(body.litActionIpfsId!) ??
      fail('NodeInvalidAuthSig', `unknown Lit Action ${body.litActionIpfsId}`);
  }
  const cid = ipfsCidV0(code);
  if (body.litActionIpfsId !== undefined && body.litActionIpfsId !== cid) {
    fail(
      'NodeInvalidAuthSig',
      `litActionIpfsId ${body.litActionIpfsId} is not the CID of the code (${cid})`,
    );
  }
  return { code, cid };
}

/** Step 5: runs the deciding action; the session is signed only if its response says `true`. */
async function runDecidingAction(
  action: { code: string; cid: string },
  /** The PKP the session will speak for (step 3's address). */
  pkpAddress: string,
  body: SignSessionKeyBody,
  deps: SignSessionKeyDeps,
  context: ResolvedAuthContext,
): Promise<void> {
  const { code, cid } = action;
  context.actionIpfsIds.push(cid);
  // The caller is the PKP the session will speak for: the address executeJs counts a PKP
  // session's actions under, so one share covers both (429 NodeJsTooManyActions past it).
  const release = deps.admission.enter(pkpAddress);
  let outcome: LitActionOutcome;
  try {
    outcome = await deps.runLitAction({
      code,
      jsParams: body.jsParams ?? {},
      authContext: context,
    });
  } finally {
    release();
  }
  if (!outcome.ok && outcome.errorCode === 'InvalidLitActionRequest') {
    fail('NodeParserError', `Lit Action request: ${outcome.message}`);
  }
  if (!outcome.ok && outcome.errorCode === 'LitActionSandboxFault') {
    // Busy is the caller's cue to try again (503, as executeJs answers), not a node fault.
    if (outcome.busy) throw sandboxBusy(outcome.message);
    throw new LitNodeError('NodeSystemFault', ['the Lit Action sandbox failed']);
  }
  if (!outcome.ok) {
    throw new LitNodeError('NodeLitActionsSessionSigAuthenticationFailed', [
      outcome.errorCode,
      outcome.message,
      outcome.logs,
    ]);
  }
  if (!outcome.response.includes('true')) {
    throw new LitNodeError('NodeLitActionsSessionSigAuthenticationFailed', [
      `the action responded ${JSON.stringify(outcome.response.slice(0, 200))}`,
      outcome.logs,
    ]);
  }
  // Only code that ran and said yes is kept as the devnet's IPFS stand-in.
  deps.rememberActionCode(cid, code);
}

export async function signSessionKey(
  raw: unknown,
  deps: SignSessionKeyDeps,
): Promise<SignSessionKeyAnswer> {
  const parsedBody = signSessionKeyBodySchema.safeParse(raw);
  if (!parsedBody.success) {
    const issue = parsedBody.error.issues[0];
    fail(
      'NodeSIWEMessageError',
      `invalid request: ${issue?.path.join('.') || 'body'}: ${issue?.message}`,
    );
  }
  const body = parsedBody.data!;
  if (body.authSig !== undefined)
    fail('NodeInvalidAuthSigForSessionKey', 'sign_session_key takes authMethods, not an authSig');
  if (body.curveType !== 'BLS') fail('NodeInvalidCurveType', `curve type ${body.curveType}`);

  // 1. Parse the SIWE; a client may not claim the node-internal resource.
  let siwe: SiweFields;
  try {
    siwe = parseSiweMessage(body.siweMessage);
  } catch (e) {
    return fail('NodeSIWEMessageError', (e as Error).message);
  }
  refuseReservedResource(body.siweMessage, siwe);

  // 2. Authenticate.
  const { contexts: authMethodContexts, signatureHashes } = authenticate(body, deps);
  if (
    authMethodContexts.length === 0 &&
    body.code === undefined &&
    body.litActionIpfsId === undefined
  ) {
    fail('NodeInvalidAuthSig', 'no auth method and no Lit Action');
  }

  // 3. The PKP address must be the SIWE address.
  let pkpAddress = '';
  try {
    pkpAddress = addressFromPublicKey(body.pkpPublicKey);
  } catch {
    fail('NodePKPNotAuthorized', 'pkpPublicKey is not a point on secp256k1');
  }
  if (siwe.address.toLowerCase() !== pkpAddress.toLowerCase()) {
    fail(
      'NodeSIWEMessageError',
      `the SIWE address ${siwe.address} is not the PKP address ${pkpAddress}`,
    );
  }

  // 4. URI and time window.
  if (siwe.uri !== body.sessionKey)
    fail('NodeSIWEMessageError', 'the SIWE URI is not the session key');
  checkSessionWindow(siwe, deps.now());

  // 6. The nonce is a block hash this network issued.
  const block = deps.issuedBlock(siwe.nonce);
  if (!block)
    fail(
      'NodeSIWEMessageError',
      'the SIWE nonce is not a block hash this network issued in the last 30 days',
    );

  // 8. Authorization, with the action's CID as the action would establish it. Lit checks this
  // after running the action; checking first means nobody runs code on a PKP they cannot use.
  const action = resolveAction(body, deps);
  const tokenId = pkpTokenIdFromPublicKey(body.pkpPublicKey);
  const permissions =
    deps.pkpPermissions(tokenId) ?? fail('NodePKPNotAuthorized', `no PKP with token id ${tokenId}`);
  const caller: AuthenticatedCaller = {
    authMethods: authMethodContexts.map((c) => ({
      authMethodType: c.authMethodType,
      authMethodId: ethWalletAuthMethodId(c.userId),
      userId: c.userId,
    })),
    actionCids: action ? [action.cid] : [],
    addresses: authMethodContexts.map((c) => c.userId),
  };
  if (!pkpPermission(permissions!, caller, SCOPE.PersonalSign)) {
    fail('NodePKPNotAuthorized', `not permitted to sign a session key for PKP ${tokenId}`);
  }

  // 5. The deciding Lit Action: it must say yes.
  const context: ResolvedAuthContext = {
    actionIpfsIds: [],
    authMethodContexts,
    authSigAddress: null,
    customAuthResource: '',
    resources: [],
  };
  if (action) await runDecidingAction(action, pkpAddress, body, deps, context);

  // Only a request that passed every check uses up its auth methods, and then all of them at
  // once: a replayed one must not leave the request's fresh ones used up.
  if (signatureHashes.length > 0 && !deps.claimAuthMethods(signatureHashes, body.sessionKey)) {
    fail('NodeInvalidAuthSig', 'an auth method already authorized another session key');
  }

  // 7. Rewrite: the PKP's address, the block's hash and time, and the resolved auth context.
  const rewritten = addRecapToSiwe(
    { ...siwe, address: pkpAddress, nonce: siwe.nonce, issuedAt: rfc3339Seconds(block!.timestamp) },
    {
      att: {
        [RESOLVED_AUTH_CONTEXT_KEY]: {
          'Auth/Auth': [{ auth_context: context as unknown as Record<string, never> }],
        },
      },
      prf: [],
    },
  );
  const siweMessage = buildSiweMessage(rewritten);

  // 9. Sign the session digest with this node's share.
  const digest = sessionDigest(siweMessage);
  return {
    result: 'success',
    signatureShare: { ProofOfPossession: signShare(deps.share, digest) },
    shareIndex: deps.share.id - 1,
    curveType: 'BLS',
    siweMessage,
    dataSigned: toHex(digest),
    blsRootPubkey: deps.networkPublicKey,
  };
}

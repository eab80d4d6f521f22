// `POST /web/execute/v1` (lit-operations.md, executeJs) in the node's order: resolve the code
// (base64 `code`, or `ipfsId` of code this node has seen) and its CID, check the session sig for
// `lit-litaction://<CID>` + `lit-action-execution`, spend capacity, then run the action in the
// sandbox with the node's operations and answer Lit's response (or Lit's error for a failed run).
// A caller holds at most 16 actions on a node at once, session-deciding ones included (429); a
// sandbox with no worker free within the action's time limit answers 503, so a caller always
// hears back within that limit.
import { z } from 'zod';
import { LitNodeError } from '../../protocol/errors';
import { ipfsCidV0 } from '../../protocol/ipfs-cid';
import type { SessionSigVerified } from '../../protocol/verify-session-sig';
import type { LitActionRequest, LitActionResult } from '../actions';
import type { ActionAdmission } from './action-admission';
import type { ActionRunEnv, SignedDataEntry } from './action-operations-env';
import { actionHost } from './action-operations-host';
import { capacityCallerOf, type CapacityCheck } from './capacity-check';
import { invalidRequest } from './errors';
import { sandboxBusy } from './sandbox-busy';
import { requestKey } from './peers';
import { readResolvedAuthContext } from './resolved-auth-context';
import type { SessionGuard } from './session-guard';
import { decodeBase64Text, type ResolvedAuthContext } from './sign-session-key';
import { parseNodeBody } from './validate';

const CID_V0 = /^Qm[1-9A-HJ-NP-Za-km-z]{44}$/;

export const executeJsBodySchema = z.strictObject({
  code: z
    .string()
    .max(2 * 1024 * 1024)
    .optional(),
  ipfsId: z.string().max(100).optional(),
  jsParams: z.record(z.string(), z.unknown()).nullable().optional(),
  authSig: z.unknown(),
  epoch: z.number().int().min(0).optional(),
  authMethods: z.array(z.unknown()).max(8).optional(),
  // Lit's SDK spreads its own options into the body; the node ignores them, as Lit's does.
  responseStrategy: z.unknown().optional(),
  useSingleNode: z.boolean().optional(),
  ipfsOptions: z.unknown().optional(),
  targetNodeRange: z.number().optional(),
});

export interface ExecuteJsSuccess {
  success: true;
  signedData: Record<string, SignedDataEntry>;
  decryptedData: Record<string, never>;
  claimData: Record<string, never>;
  response: string;
  logs: string;
}

/** What the route sends: Lit's success body, or its 400 for an exception in the action. */
export type ExecuteJsAnswer =
  | { status: 200; body: ExecuteJsSuccess }
  | { status: 400; body: { success: false; error: string; logs: string } };

export interface ExecuteJsDeps {
  guard: SessionGuard;
  capacity: CapacityCheck;
  actionCode: (cid: string) => string | null;
  rememberActionCode: (cid: string, code: string) => void;
  runLitAction: (request: LitActionRequest) => Promise<LitActionResult>;
  /** Places per caller in this node's sandbox. */
  admission: ActionAdmission;
  /** The node's part of a run's environment; the request's part is filled in here. */
  runEnv: (request: Pick<ActionRunEnv, 'requestId' | 'requestKey' | 'authContext'>) => ActionRunEnv;
  /** Tests shorten the action's time limit; Datil's 30 s otherwise. */
  actionTimeoutMs?: number;
}

export interface ExecuteJsRequest {
  body: unknown;
  /** The client's `X-Request-Id` when it sent a sane one. */
  requestId: string | null;
}

const fail = (code: ConstructorParameters<typeof LitNodeError>[0], detail: string): never => {
  throw new LitNodeError(code, [detail]);
};

/** The code to run and its CID, as the node derives it. */
function resolveCode(
  body: z.infer<typeof executeJsBodySchema>,
  deps: ExecuteJsDeps,
): { code: string; cid: string } {
  if (body.code !== undefined) {
    const code =
      decodeBase64Text(body.code) ??
      fail('NodeParserError', 'Your Lit Action code could not be decoded from base64 UTF-8');
    const cid = ipfsCidV0(code);
    if (body.ipfsId !== undefined && body.ipfsId !== cid) {
      fail(
        'NodeInvalidIPFSID',
        `ipfsId ${body.ipfsId.slice(0, 100)} is not the CID of the code (${cid})`,
      );
    }
    return { code, cid };
  }
  if (body.ipfsId !== undefined) {
    if (!CID_V0.test(body.ipfsId)) fail('NodeInvalidIPFSID', 'ipfsId: expected a CIDv0 (Qm…)');
    const code =
      deps.actionCode(body.ipfsId) ??
      fail(
        'NodeInvalidIPFSID',
        `the devnet has never seen Lit Action ${body.ipfsId} (it has no IPFS): send its code once`,
      );
    return { code, cid: body.ipfsId };
  }
  return fail('NodeInvalidIPFSID', 'No code or ipfs hash provided');
}

/** `Lit.Auth` for the run: the caller, this action, and a PKP session's resolved auth methods. */
function authContextOf(verified: SessionSigVerified, cid: string): ResolvedAuthContext {
  // Only the network signed a lit.bls capability's resolved context; a wallet could write any.
  const resolved =
    verified.capabilityKind === 'network' ? readResolvedAuthContext(verified.capabilitySiwe) : null;
  const authMethodContexts = resolved?.authMethodContexts ?? [];
  return {
    actionIpfsIds: [cid],
    authMethodContexts,
    authSigAddress: verified.capabilityAddress,
    customAuthResource: '',
    resources: [],
  };
}

export async function executeJs(
  request: ExecuteJsRequest,
  deps: ExecuteJsDeps,
): Promise<ExecuteJsAnswer> {
  const body = parseNodeBody(executeJsBodySchema, request.body);
  const { code, cid } = resolveCode(body, deps);
  const verified = deps.guard(body.authSig, {
    resource: { resource: cid, resourcePrefix: 'lit-litaction' },
    ability: 'lit-action-execution',
  });
  if (body.authMethods !== undefined && body.authMethods.length > 0) {
    fail('NodeInvalidAuthSig', 'authMethods on executeJs are not supported by the devnet');
  }
  // Read before anything is spent: a capability with a misplaced context is refused outright.
  const authContext = authContextOf(verified, cid);
  const release = deps.admission.enter(verified.capabilityAddress);
  try {
    deps.capacity(capacityCallerOf(verified), 'execute');
    return await run(request, deps, {
      code,
      cid,
      verified,
      authContext,
      jsParams: body.jsParams ?? {},
    });
  } finally {
    release();
  }
}

/** Runs an admitted action and maps its result to Lit's answer. */
async function run(
  request: ExecuteJsRequest,
  deps: ExecuteJsDeps,
  action: {
    code: string;
    cid: string;
    verified: SessionSigVerified;
    authContext: ResolvedAuthContext;
    jsParams: Record<string, unknown>;
  },
): Promise<ExecuteJsAnswer> {
  const { code, cid, verified, authContext, jsParams } = action;
  const env = deps.runEnv({
    requestId: request.requestId,
    // Without a shared request id no peer can match this run anyway; the key stays unique.
    requestKey: requestKey([
      'execute',
      request.requestId ?? `solo:${crypto.randomUUID()}`,
      cid,
      verified.sessionPublicKey,
      JSON.stringify(jsParams),
    ]),
    authContext,
  });
  const host = actionHost(env);
  const result = await deps.runLitAction({
    code,
    jsParams,
    authContext,
    hostFunctions: host.hostFunctions,
    ...(deps.actionTimeoutMs !== undefined ? { limits: { timeoutMs: deps.actionTimeoutMs } } : {}),
  });
  if (result.ok) {
    deps.rememberActionCode(cid, code);
    return {
      status: 200,
      body: {
        success: true,
        signedData: Object.fromEntries(host.signedData),
        decryptedData: {},
        claimData: {},
        response: result.response,
        logs: result.logs,
      },
    };
  }
  switch (result.errorCode) {
    case 'NodeJsExecutionError':
      return { status: 400, body: { success: false, error: result.message, logs: result.logs } };
    case 'NodeJsTimeoutError':
    case 'NodeJsMemoryLimitError':
      throw new LitNodeError(result.errorCode, [result.message, result.logs]);
    case 'InvalidLitActionRequest':
      throw invalidRequest(`Lit Action request: ${result.message}`);
    case 'LitActionSandboxFault':
      if (result.busy) throw sandboxBusy(result.message);
      throw new LitNodeError('NodeSystemFault', ['the Lit Action sandbox failed']);
  }
}

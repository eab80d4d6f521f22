// What the dApp (and the approval window) are told when the nodes do not sign a PKP session: one
// EIP-1193 error that says plainly why, with Lit's `errorCode`, the failing nodes and, for a Lit
// Action, its logs in `data`. Nothing here is trusted beyond strings of bounded length.
import type { NodeCallError } from '../../client/node-call';
import type { SignSessionKeyError } from '../../client/sign-session-key';
import { LitNodeError } from '../../protocol/errors';
import { ProviderErrorCode, type SessionPkp } from '../messages';
import { ProviderRpcError } from './errors';

const MAX_TEXT = 500;
/** Longest Lit Action logs passed on to the dApp. */
export const MAX_LOGS = 8 * 1024;

/** Bounds a text from the nodes (or about them) before it reaches the page. */
export const clip = (text: string, max = MAX_TEXT) =>
  text.length > max ? `${text.slice(0, max)}…` : text;

export interface NodeFailureJson {
  url: string;
  error: string;
  errorCode?: string;
}

export interface RefusalContext {
  pkp: SessionPkp;
  /** The wallet that authenticated. */
  wallet: string;
  nodes: number;
  threshold: number;
  /** Nodes that answered with a share. */
  signed: number;
}

/** Each node's failure as the page sees it (bounded text, Lit's code when it gave one). */
export function failuresJson(
  failures: readonly { url: string; error: NodeCallError }[],
): NodeFailureJson[] {
  return failures.map((f) => ({
    url: f.url,
    error: clip(f.error.message),
    ...(f.error.errorCode !== undefined && { errorCode: f.error.errorCode }),
  }));
}

/** The Lit error body of the first node that answered with `errorCode`. */
function nodeError(e: SignSessionKeyError, errorCode: string): LitNodeError | undefined {
  for (const f of e.failures) {
    if (f.error.errorCode !== errorCode || f.error.failure.kind !== 'http') continue;
    const parsed = LitNodeError.fromJSON(f.error.failure.body);
    if (parsed) return parsed;
  }
  return undefined;
}

/**
 * A deciding action's refusal. The nodes put `[reason, logs]` in `details` when the action said
 * no, and `[its error code, message, logs]` when it failed (a time-out, a throw).
 */
function actionRefusal(
  e: SignSessionKeyError,
  errorCode: string,
  failures: NodeFailureJson[],
): ProviderRpcError {
  const details = nodeError(e, errorCode)?.details ?? [];
  const failed = details.length >= 3 && /^[A-Za-z]+$/.test(details[0]!);
  const actionErrorCode = failed ? details[0]! : undefined;
  const reason = clip(details[failed ? 1 : 0] ?? 'no reason given');
  const logs = clip(details.at(-1) ?? '', MAX_LOGS);
  const message =
    actionErrorCode === 'NodeJsTimeoutError'
      ? `The Lit Action timed out: ${reason}`
      : actionErrorCode
        ? `The Lit Action failed (${actionErrorCode}): ${reason}`
        : `The Lit Action did not allow the session: ${reason}`;
  return new ProviderRpcError(ProviderErrorCode.unauthorized, message, {
    errorCode,
    ...(actionErrorCode && { actionErrorCode }),
    logs,
    failures,
  });
}

/** The error for a `sign_session_key` that fewer than `threshold` nodes signed. */
export function sessionRefusal(e: SignSessionKeyError, ctx: RefusalContext): ProviderRpcError {
  const failures = failuresJson(e.failures);
  const errorCode = e.errorCode;
  if (errorCode === undefined) {
    // No node refused: they were down, slow, or answered nonsense. The network is the problem.
    return new ProviderRpcError(
      ProviderErrorCode.disconnected,
      `Only ${ctx.signed} of ${ctx.nodes} Lit nodes signed the session (${ctx.threshold} needed): ` +
        failures.map((f) => f.error).join('; '),
      { failures },
    );
  }
  if (errorCode === 'NodeLitActionsSessionSigAuthenticationFailed') {
    return actionRefusal(e, errorCode, failures);
  }
  if (errorCode === 'NodePKPNotAuthorized') {
    return new ProviderRpcError(
      ProviderErrorCode.unauthorized,
      `The wallet ${ctx.wallet} is not permitted to use PKP ${ctx.pkp.address} ` +
        `(token id ${ctx.pkp.tokenId}) (NodePKPNotAuthorized)`,
      { errorCode, failures },
    );
  }
  const first = failures.find((f) => f.errorCode === errorCode);
  return new ProviderRpcError(
    ProviderErrorCode.unauthorized,
    `The Lit nodes refused the session (${errorCode})${first ? `: ${first.error}` : ''}`,
    { errorCode, failures },
  );
}

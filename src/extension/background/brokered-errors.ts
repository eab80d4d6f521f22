// What the dApp and the activity list are told when the nodes do not serve a brokered call: one
// EIP-1193 error from the client's errors (PkpSignError, ExecuteJsError, ThresholdRequestError,
// NodeCallError). A Lit error the nodes answered is theirs to give: 4100 with their `errorCode`
// (-32005 for `rate_limit_exceeded`); no node refusing means the network failed: 4900. Either way
// `data.failures` names each node and why, in bounded text.
import { ExecuteJsError } from '../../client/execute-js';
import { NodeCallError } from '../../client/node-call';
import { PkpSignError } from '../../client/pkp-sign';
import { ThresholdRequestError } from '../../client/threshold-shares';
import { ProviderErrorCode, type ActivityEntry } from '../messages';
import { ProviderRpcError } from './errors';
import { MAX_LOGS, clip, failuresJson } from './session-refusal';

type NodeFailures = readonly { url: string; error: NodeCallError }[];

/** Longest activity message (the popup shows it in one line). */
const MAX_ACTIVITY_MESSAGE = 300;

export interface BrokeredFailure {
  error: ProviderRpcError;
  result: Exclude<ActivityEntry['result'], 'ok'>;
  /** Nodes that answered (a refusal, or an answer that did not serve). */
  nodes: string[];
  /** Some node could not be reached: the node list may be stale. */
  unreachable: boolean;
}

/** Nodes in `failures` that did answer, with a refusal or something unusable. */
export function answeredNodes(failures: NodeFailures): string[] {
  const answered = failures.filter((f) => f.error.failure.kind !== 'unreachable');
  return [...new Set(answered.filter((f) => f.error.failure.kind !== 'timeout').map((f) => f.url))];
}

/** The nodes whose shares served a call and those that answered otherwise. */
export function nodesThatAnswered(signers: readonly string[], failures: NodeFailures): string[] {
  return [...new Set([...signers, ...answeredNodes(failures)])];
}

function nodeFailure(e: unknown): {
  errorCode: string | undefined;
  failures: NodeFailures;
  logs?: string;
  message: string;
} | null {
  if (e instanceof PkpSignError || e instanceof ThresholdRequestError) {
    return { errorCode: e.errorCode, failures: e.failures, message: e.message };
  }
  if (e instanceof ExecuteJsError) {
    return {
      errorCode: e.errorCode,
      failures: e.failures,
      message: e.message,
      ...(e.logs !== undefined && { logs: e.logs }),
    };
  }
  if (e instanceof NodeCallError) {
    return { errorCode: e.errorCode, failures: [{ url: e.url, error: e }], message: e.message };
  }
  return null;
}

/**
 * The error of a brokered call the nodes did not serve, or null when `e` is not the nodes' (the
 * caller rethrows it). `what` names the operation for the message ("the signature").
 */
export function brokeredError(e: unknown, what: string): BrokeredFailure | null {
  const failed = nodeFailure(e);
  if (!failed) return null;
  const failures = failuresJson(failed.failures);
  const nodes = answeredNodes(failed.failures);
  const unreachable = failed.failures.some((f) => f.error.failure.kind === 'unreachable');
  const logs = failed.logs !== undefined ? { logs: clip(failed.logs, MAX_LOGS) } : {};
  const { errorCode } = failed;
  if (errorCode === undefined) {
    const error = new ProviderRpcError(
      ProviderErrorCode.disconnected,
      `The Lit network could not complete ${what}: ${clip(failed.message)}`,
      { failures, ...logs },
    );
    return { error, result: 'node-error', nodes, unreachable };
  }
  const first = failures.find((f) => f.errorCode === errorCode);
  const detail = clip(first?.error ?? failed.message);
  const error =
    errorCode === 'rate_limit_exceeded'
      ? new ProviderRpcError(
          ProviderErrorCode.rateLimited,
          `The Lit nodes refused ${what}: rate_limit_exceeded (${detail})`,
          { errorCode, failures },
        )
      : new ProviderRpcError(
          ProviderErrorCode.unauthorized,
          errorCode === 'NodeJsExecutionError'
            ? `The Lit Action failed (NodeJsExecutionError): ${clip(failed.message)}`
            : `The Lit nodes refused ${what} (${errorCode}): ${detail}`,
          { errorCode, failures, ...logs },
        );
  return { error, result: 'refused', nodes, unreachable };
}

/** The activity message for an error the page got. */
export function activityMessage(message: string): string {
  return clip(message, MAX_ACTIVITY_MESSAGE);
}

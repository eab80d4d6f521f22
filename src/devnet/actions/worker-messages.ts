// The messages between a node's thread and a sandbox worker. One job runs per worker at a
// time; `jobId` ties host-call traffic to its job, so a late reply never reaches the next one.
import type { ResolvedLimits } from './limits';
import type { LitActionResult } from './types';

/** Everything a worker needs for one run: plain data, validated on the node's thread. */
export interface SandboxJob {
  code: string;
  /** JSON text of an object whose keys are valid global names. */
  jsParamsJson: string;
  /** JSON text of the complete `Lit.Auth` object. */
  authContextJson: string;
  hostFunctionNames: string[];
  limits: ResolvedLimits;
}

/** Set in a run's shared status word when its heap passes the limit. */
export const MEMORY_EXCEEDED = 1;

export type ToWorker =
  /** `status` backs an Int32Array; the worker sets [0] to MEMORY_EXCEEDED at once. */
  | { type: 'run'; jobId: number; job: SandboxJob; status: SharedArrayBuffer }
  | { type: 'hostReply'; jobId: number; callId: number; ok: true; json: string | undefined }
  | { type: 'hostReply'; jobId: number; callId: number; ok: false; message: string };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'hostCall'; jobId: number; callId: number; name: string; argsJson: string | undefined }
  | { type: 'done'; jobId: number; result: LitActionResult };

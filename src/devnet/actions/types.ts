// The sandbox's public types: what a node endpoint hands to `SandboxPool.run` and gets back.

/** What the action sees as the frozen global `Lit.Auth` (Lit's auth context). */
export interface LitAuthContext {
  actionIpfsIds: string[];
  /** CIDs of the actions running, outermost first; defaults to `actionIpfsIds`. */
  actionIpfsIdStack?: string[];
  authSigAddress: string | null;
  authMethodContexts: unknown[];
  resources: unknown[];
  customAuthResource: string;
}

/** Per-run limits; every field is optional and falls back to Datil's value (see `limits.ts`). */
export interface LitActionLimits {
  /** Wall-clock budget of the whole run, host calls included (default 30 000 ms). */
  timeoutMs?: number;
  /** Heap the action may grow to (default 256 MiB). */
  memoryBytes?: number;
  /** UTF-8 bytes of the response string (default 100 KiB). */
  maxResponseBytes?: number;
  /** UTF-8 bytes of captured console output; the rest is dropped (default 100 KiB). */
  maxLogBytes?: number;
  /** Calls of host functions per run (default 50, Datil's fetch limit). */
  maxHostCalls?: number;
}

/** What a host function gets besides its argument: aborted when the run ends first. */
export interface HostCallContext {
  signal: AbortSignal;
}

/**
 * An async `Lit.Actions.<name>(args)` implemented by the node. `args` is the action's argument
 * as JSON (`undefined` when none); the resolved value must be JSON-serializable.
 */
export type HostFunction = (args: unknown, call: HostCallContext) => Promise<unknown>;

export interface LitActionRequest {
  /** The action's JavaScript source (a script, not a module). */
  code: string;
  /** Each key becomes a global of the action; values must be JSON. */
  jsParams?: Record<string, unknown>;
  authContext: LitAuthContext;
  limits?: LitActionLimits;
  /** Exposed as async `Lit.Actions.<name>`; names must not shadow `setResponse`. */
  hostFunctions?: Record<string, HostFunction>;
}

export type LitActionErrorCode =
  /** The time limit ended the action. */
  | 'NodeJsTimeoutError'
  /** The memory limit ended the action. */
  | 'NodeJsMemoryLimitError'
  /** An uncaught exception, a rejected top-level promise or a bad `setResponse`. */
  | 'NodeJsExecutionError'
  /** The devnet's own code: the request was refused before anything ran (a 400 for callers). */
  | 'InvalidLitActionRequest'
  /** The devnet's own code: the sandbox itself failed (a 500 for callers). */
  | 'LitActionSandboxFault';

export type LitActionResult =
  | { ok: true; response: string; logs: string }
  | {
      ok: false;
      errorCode: LitActionErrorCode;
      message: string;
      logs: string;
      /**
       * Set with `LitActionSandboxFault` when the action never ran because every worker was
       * taken (the queue was full, or no worker came free within its time limit): the caller
       * may try again later, and an endpoint answers 503 rather than 500.
       */
      busy?: true;
    };

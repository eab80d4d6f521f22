// The Lit Action sandbox: QuickJS in worker threads, with Lit's globals, limits and errors.
export { SandboxPool, type SandboxPoolOptions } from './sandbox-pool';
export { DEFAULT_LIMITS } from './limits';
export { MAX_CODE_BYTES, MAX_JS_PARAMS_BYTES } from './validate-request';
export type {
  HostCallContext,
  HostFunction,
  LitActionErrorCode,
  LitActionLimits,
  LitActionRequest,
  LitActionResult,
  LitAuthContext,
} from './types';

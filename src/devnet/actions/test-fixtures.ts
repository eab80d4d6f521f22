// Shared by the sandbox's tests: an auth context, a shorthand for running code, and a pool.
import { afterAll } from 'vitest';
import { SandboxPool } from './sandbox-pool';
import type { LitActionRequest, LitActionResult, LitAuthContext } from './types';

export const AUTH: LitAuthContext = {
  actionIpfsIds: ['QmUuoPhVHm9D66UoPkBiWsAKmw5QcadNdhqrbQB5Kni7Jg'],
  authSigAddress: '0x19E7E376E7C213B7E7e7e46cc70A5dD086DAff2A',
  authMethodContexts: [
    { appId: '', authMethodType: 1, usedForSignSessionKeyRequest: true, userId: '0xabc' },
  ],
  resources: [],
  customAuthResource: '',
};

/** A request with short limits, so a runaway action costs a test little time. */
export function request(code: string, extra: Partial<LitActionRequest> = {}): LitActionRequest {
  return {
    code,
    authContext: AUTH,
    ...extra,
    limits: { timeoutMs: 2_000, memoryBytes: 32 * 1024 * 1024, ...extra.limits },
  };
}

/** Runs actions on a pool of this test file's own (as each node has its own), closed after it. */
export function sandboxForTests(): (request: LitActionRequest) => Promise<LitActionResult> {
  const pool = new SandboxPool();
  afterAll(() => pool.close());
  return (r) => pool.run(r);
}

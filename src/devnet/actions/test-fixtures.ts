// Shared by the sandbox's tests: an auth context and a shorthand for running code.
import type { LitActionRequest, LitAuthContext } from './types';

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

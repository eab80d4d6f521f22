// EIP-1193 errors raised in the worker; they travel to the page as `{ code, message, data? }`.
import { ProviderErrorCode, type ProviderErrorJson } from '../messages';

export class ProviderRpcError extends Error {
  readonly code: ProviderErrorCode;
  readonly data: unknown;

  constructor(code: ProviderErrorCode, message: string, data?: unknown, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ProviderRpcError';
    this.code = code;
    this.data = data;
  }

  toJSON(): ProviderErrorJson {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }
}

/** Any thrown value as an error the page may see; unexpected errors do not leak their details. */
export function toProviderError(e: unknown): ProviderErrorJson {
  if (e instanceof ProviderRpcError) return e.toJSON();
  console.error('Lit Companion: unexpected error while handling a request', e);
  return { code: ProviderErrorCode.internal, message: 'Internal error in Lit Companion' };
}

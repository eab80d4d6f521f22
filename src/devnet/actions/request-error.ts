// The error for a request refused before it reaches the sandbox (bad code, params or limits).

export class LitActionRequestError extends Error {
  override readonly name = 'LitActionRequestError';
}

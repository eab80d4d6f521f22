// How extension pages ask the worker: one typed call per internal message.
import browser from 'webextension-polyfill';
import type { InternalRequest, InternalResponse, InternalResults } from '../../messages';

export class WorkerError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'WorkerError';
  }
}

export async function askWorker<R extends InternalRequest>(
  request: R,
): Promise<InternalResults[R['type']]> {
  return answerOf<R['type']>(await browser.runtime.sendMessage(request));
}

/** The result in a worker's response to an internal message, or its error thrown. */
export function answerOf<T extends InternalRequest['type']>(answer: unknown): InternalResults[T] {
  const response = answer as InternalResponse<T> | undefined;
  if (!response) throw new WorkerError(-32603, 'The extension did not answer');
  if (!response.ok) throw new WorkerError(response.error.code, response.error.message);
  return response.result;
}

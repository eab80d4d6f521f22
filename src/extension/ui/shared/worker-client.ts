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
  const response = (await browser.runtime.sendMessage(request)) as
    InternalResponse<R['type']> | undefined;
  if (!response) throw new WorkerError(-32603, 'The extension did not answer');
  if (!response.ok) throw new WorkerError(response.error.code, response.error.message);
  return response.result;
}

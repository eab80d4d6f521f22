// Messages from the extension's own pages (popup, approval window, options). They may carry
// privileged actions, so anything that is not an extension page is refused.
import type { Runtime } from 'webextension-polyfill';
import {
  ProviderErrorCode,
  internalRequestSchema,
  type InternalRequest,
  type InternalResponse,
  type InternalResults,
} from '../messages';
import { ProviderRpcError, toProviderError } from './errors';
import { isExtensionPage } from './senders';
import { listSessionSummaries } from './session-store';
import { extensionVersion, workerStartedAt } from './worker-info';
import { parseOrInvalid } from './validation';

type InternalHandlers = {
  [T in InternalRequest['type']]: (
    request: Extract<InternalRequest, { type: T }>,
  ) => Promise<InternalResults[T]>;
};

const internalHandlers: InternalHandlers = {
  ui_getStatus: async () => ({
    version: extensionVersion(),
    workerStartedAt,
    sessions: await listSessionSummaries(),
  }),
};

export async function handleInternalMessage(
  raw: unknown,
  sender: Runtime.MessageSender,
): Promise<InternalResponse<InternalRequest['type']>> {
  try {
    if (!isExtensionPage(sender)) {
      throw new ProviderRpcError(ProviderErrorCode.unauthorized, 'Only extension pages may ask');
    }
    const request = parseOrInvalid(internalRequestSchema, raw, 'message');
    const handler = internalHandlers[request.type] as (r: InternalRequest) => Promise<unknown>;
    return { ok: true, result: (await handler(request)) as InternalResults[typeof request.type] };
  } catch (e) {
    return { ok: false, error: toProviderError(e) };
  }
}

// The one schema of what crosses between extension contexts: provider methods (page → worker),
// their results, events (worker → page), the window and Port envelopes that carry them, and the
// internal messages of extension pages. Each message is validated with zod where it is received.
// The inpage provider imports only the *types* from here, so its bundle carries no zod; the
// content script bundles what it uses, which is why this is zod/mini (tree-shakable).
import { z } from 'zod/mini';

// ---------------------------------------------------------------------------------------------
// Errors (EIP-1193 / JSON-RPC)

/** EIP-1193 and JSON-RPC error codes the provider answers with. */
export const ProviderErrorCode = {
  /** The user rejected the request or closed the approval window. */
  userRejected: 4001,
  /** No usable session and approval is not possible. */
  unauthorized: 4100,
  /** The method is not one the provider supports. */
  unsupportedMethod: 4200,
  /** The extension or the Lit network cannot be reached. */
  disconnected: 4900,
  invalidParams: -32602,
  internal: -32603,
  rateLimited: -32005,
} as const;
export type ProviderErrorCode = (typeof ProviderErrorCode)[keyof typeof ProviderErrorCode];

/** An error as it travels between contexts: `{ code, message, data? }`. */
export interface ProviderErrorJson {
  code: ProviderErrorCode;
  message: string;
  data?: unknown;
}

const providerErrorSchema = z.object({
  code: z.union(Object.values(ProviderErrorCode).map((c) => z.literal(c))),
  message: z.string(),
  data: z.optional(z.unknown()),
});

// ---------------------------------------------------------------------------------------------
// Provider methods

/** `{}`, `[]` or no params at all. */
const noParams = z.union([z.undefined(), z.strictObject({}), z.tuple([])]);

/** Params schema of every provider method. A method missing here is answered with 4200. */
export const providerParamsSchemas = {
  lit_ping: noParams,
} as const;

export type ProviderMethod = keyof typeof providerParamsSchemas;
export type ProviderParams<M extends ProviderMethod> = z.infer<(typeof providerParamsSchemas)[M]>;

/** Result of every provider method. */
export interface ProviderResults {
  lit_ping: {
    /** The extension's version (manifest `version`). */
    version: string;
    /** When the running service worker instance started (ISO 8601). */
    workerStartedAt: string;
  };
}

export function isProviderMethod(method: string): method is ProviderMethod {
  return Object.hasOwn(providerParamsSchemas, method);
}

/** What `window.lit.request(args)` accepts before its method is looked up (EIP-1193). */
export const providerRequestSchema = z.object({
  method: z.string().check(z.minLength(1, 'must be a non-empty string'), z.maxLength(128)),
  params: z.optional(z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())])),
});
export type ProviderRequest = z.infer<typeof providerRequestSchema>;

// ---------------------------------------------------------------------------------------------
// Events (worker → page), delivered through `window.lit.on(name, fn)`

export interface ProviderEvents {
  /** The origin's sessions changed. */
  sessionsChanged: unknown[];
  /** The origin was disconnected: every session and key is gone. */
  disconnect: ProviderErrorJson;
}
export type ProviderEventName = keyof ProviderEvents;
export const providerEventNames = [
  'sessionsChanged',
  'disconnect',
] as const satisfies readonly ProviderEventName[];

// ---------------------------------------------------------------------------------------------
// Page ⇄ content script (window.postMessage, same window, same origin)

export const INPAGE_SOURCE = 'lit-companion:inpage';
export const CONTENT_SOURCE = 'lit-companion:content';

/** Longest request id accepted; the inpage provider uses UUIDs. */
const requestId = z.string().check(z.minLength(1), z.maxLength(64));

/** Sent by the inpage provider; validated by the content script. */
export const inpageToContentSchema = z.discriminatedUnion('type', [
  z.object({ source: z.literal(INPAGE_SOURCE), type: z.literal('hello') }),
  z.object({
    source: z.literal(INPAGE_SOURCE),
    type: z.literal('request'),
    id: requestId,
    request: z.unknown(),
  }),
]);
export type InpageToContent = z.infer<typeof inpageToContentSchema>;

/** Sent by the content script; read by the inpage provider. */
export type ContentToInpage =
  | { source: typeof CONTENT_SOURCE; type: 'ready' }
  | { source: typeof CONTENT_SOURCE; type: 'response'; id: string; result: unknown }
  | { source: typeof CONTENT_SOURCE; type: 'response'; id: string; error: ProviderErrorJson }
  | { source: typeof CONTENT_SOURCE; type: 'event'; event: ProviderEventName; data: unknown };

// ---------------------------------------------------------------------------------------------
// Content script ⇄ service worker (one long-lived Port per page)

export const PROVIDER_PORT_NAME = 'lit-companion:provider';

/** Sent by the content script; validated by the worker's router. */
export const contentToWorkerSchema = z.object({
  type: z.literal('request'),
  id: requestId,
  request: z.unknown(),
});
export type ContentToWorker = z.infer<typeof contentToWorkerSchema>;

/** Sent by the worker; validated by the content script. */
export const workerToContentSchema = z.union([
  z.strictObject({ type: z.literal('response'), id: requestId, error: providerErrorSchema }),
  z.strictObject({ type: z.literal('response'), id: requestId, result: z.unknown() }),
  z.strictObject({
    type: z.literal('event'),
    event: z.enum(providerEventNames),
    data: z.unknown(),
  }),
]);
export type WorkerToContent = z.infer<typeof workerToContentSchema>;

// ---------------------------------------------------------------------------------------------
// Extension pages → worker (runtime.sendMessage); accepted only from extension pages

/** A session as the popup shows it. */
export interface SessionSummary {
  id: string;
  origin: string;
  publicKey: string;
  authMethod: string;
  address: string;
  capabilities: { resource: string; ability: string }[];
  issuedAt: string;
  expiration: string;
}

export const internalRequestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ui_getStatus') }),
]);
export type InternalRequest = z.infer<typeof internalRequestSchema>;
export type InternalRequestType = InternalRequest['type'];

export interface InternalResults {
  ui_getStatus: {
    version: string;
    workerStartedAt: string;
    sessions: SessionSummary[];
  };
}

/** The worker's answer to an internal message. */
export type InternalResponse<T extends InternalRequestType> =
  { ok: true; result: InternalResults[T] } | { ok: false; error: ProviderErrorJson };

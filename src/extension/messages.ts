// The one schema of what crosses between extension contexts: provider methods (page → worker),
// their results, events (worker → page), the window and Port envelopes that carry them, and the
// internal messages of extension pages. Each message is validated with zod where it is received.
// The inpage provider imports only the *types* from here, so its bundle carries no zod; the
// content script bundles what it uses, which is why this is zod/mini (tree-shakable).
import { z } from 'zod/mini';
import type { PkpSignature } from '../protocol/pkp-signature';

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
// Capabilities (Lit's resource-ability requests)

/** Lit's resource prefixes and the abilities each one takes (wire doc §4). */
const abilitiesByPrefix = {
  'lit-pkp': ['pkp-signing'],
  'lit-litaction': ['lit-action-execution'],
  'lit-accesscontrolcondition': [
    'access-control-condition-decryption',
    'access-control-condition-signing',
  ],
  'lit-ratelimitincrease': ['rate-limit-increase-auth'],
} as const;
type ResourcePrefix = keyof typeof abilitiesByPrefix;

/** What a resource id looks like for each prefix (`*` means every resource of that kind). */
const resourceIdPatterns: Record<ResourcePrefix, RegExp> = {
  'lit-pkp': /^(\*|[0-9a-fA-F]{64})$/,
  'lit-litaction': /^(\*|Qm[1-9A-HJ-NP-Za-km-z]{44}|b[a-z2-7]{20,120})$/,
  'lit-accesscontrolcondition': /^(\*|[0-9a-f]{64}(\/[0-9a-f]{64})?)$/,
  'lit-ratelimitincrease': /^(\*|[0-9]{1,78})$/,
};

/** Longest JSON of a request's nota bene (`data`) accepted. */
const MAX_NOTA_BENE_JSON = 4096;

/** True for plain JSON (objects, arrays, strings, finite numbers, booleans, null), not too deep. */
function isJsonValue(value: unknown, depth = 0): boolean {
  if (depth > 16) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isJsonValue(v, depth + 1));
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every((v) => isJsonValue(v, depth + 1));
}

/** One of Lit's `LitResourceAbilityRequest`s: `{ resource: { resource, resourcePrefix }, ability }`. */
export const resourceAbilityRequestSchema = z
  .strictObject({
    resource: z.strictObject({
      resource: z.string().check(z.minLength(1), z.maxLength(256)),
      resourcePrefix: z.enum(
        Object.keys(abilitiesByPrefix) as [ResourcePrefix, ...ResourcePrefix[]],
      ),
    }),
    ability: z.enum(
      Object.values(abilitiesByPrefix).flat() as [
        (typeof abilitiesByPrefix)[ResourcePrefix][number],
      ],
    ),
    data: z.optional(
      z
        .record(z.string(), z.unknown())
        .check(
          z.refine(
            (d) => isJsonValue(d) && JSON.stringify(d).length <= MAX_NOTA_BENE_JSON,
            'must be plain JSON of at most 4096 characters',
          ),
        ),
    ),
  })
  .check(
    z.refine(
      (r) =>
        (abilitiesByPrefix[r.resource.resourcePrefix] as readonly string[]).includes(r.ability),
      { message: 'is not an ability of that resourcePrefix', path: ['ability'] },
    ),
    z.refine((r) => resourceIdPatterns[r.resource.resourcePrefix].test(r.resource.resource), {
      message: 'is not a resource id of that resourcePrefix (or "*")',
      path: ['resource', 'resource'],
    }),
  );
export type ResourceAbilityRequest = z.infer<typeof resourceAbilityRequestSchema>;

/** A capability as sessions list it: `<prefix>://<id>`, the ability, and plain words for it. */
export interface SessionCapability {
  resource: string;
  ability: string;
  label: string;
}

/** Where the capability of a session was signed. */
export type WalletSource = 'page' | 'builtin';
export const walletSourceSchema = z.enum(['page', 'builtin']);

/**
 * How a session key was authorized: a wallet signed its capability (`wallet`), or the nodes did
 * for a PKP after authenticating the user's wallet (`pkp`), and a Lit Action agreed (`lit-action`).
 */
export type SessionKind = 'wallet' | 'pkp' | 'lit-action';

/** The PKP of a `pkp` or `lit-action` session. */
export interface SessionPkp {
  /** `0x04` + 128 hex. */
  publicKey: string;
  /** keccak256 of the public key, 64 hex (the PKP NFT's id). */
  tokenId: string;
  /** The PKP's checksummed Ethereum address. */
  address: string;
}

/** The deciding action of a `lit-action` session. */
export interface SessionLitAction {
  /** IPFS CIDv0 of the code. */
  cid: string;
  /** Bytes of code, when the dApp sent the code (null when it named only the CID). */
  size: number | null;
}

/** A session as `lit_getSessions` returns it to its own origin. */
export interface OriginSession {
  id: string;
  publicKey: string;
  /** How the session key was authorized. */
  authMethod: SessionKind;
  /** The wallet that signed the capability or, for a PKP session, authenticated to the nodes. */
  walletSource: WalletSource | 'unknown';
  /** The capability's checksummed address: the wallet's, or the PKP's for a PKP session. */
  address: string;
  /** PKP and Lit Action sessions: the wallet that authenticated (checksummed). */
  authWallet?: string;
  pkp?: SessionPkp;
  litAction?: SessionLitAction;
  capabilities: SessionCapability[];
  issuedAt: string;
  expiration: string;
}

/** A Lit session sig (`litSessionSignViaNacl`), one per node. */
export interface SessionSigJson {
  sig: string;
  derivedVia: string;
  signedMessage: string;
  address: string;
  algo?: string;
}

// ---------------------------------------------------------------------------------------------
// Provider methods

/** `{}`, `[]` or no params at all. */
const noParams = z.union([z.undefined(), z.strictObject({}), z.tuple([])]);

const sessionId = z.string().check(z.minLength(1), z.maxLength(64));

/** What every session request says: the capabilities, how long, and which wallet. */
const sessionRequestShape = {
  resourceAbilityRequests: z
    .array(resourceAbilityRequestSchema)
    .check(z.minLength(1), z.maxLength(16)),
  /** ISO 8601: when the session (not the sigs) should end; checked against the clock later. */
  expiration: z.optional(z.iso.datetime({ offset: true })),
  /** The wallet that signs (wallet sessions) or authenticates to the nodes (PKP sessions). */
  walletSource: z.optional(walletSourceSchema),
};

/** A secp256k1 public key in hex: 65 bytes uncompressed or 33 compressed (checked on the curve later). */
export const pkpPublicKeySchema = z
  .string()
  .check(
    z.regex(
      /^(0x)?(04[0-9a-fA-F]{128}|0[23][0-9a-fA-F]{64})$/,
      'must be a secp256k1 public key in hex (0x04 and 128 hex digits)',
    ),
  );

/** Longest Lit Action code accepted (the approval window shows all of it). */
export const MAX_LIT_ACTION_CODE = 256 * 1024;
/** Longest JSON of an action's `jsParams` accepted. */
const MAX_JS_PARAMS_JSON = 16 * 1024;

const litActionSessionSchema = z
  .strictObject({
    pkpPublicKey: pkpPublicKeySchema,
    litActionCode: z.optional(z.string().check(z.minLength(1), z.maxLength(MAX_LIT_ACTION_CODE))),
    litActionIpfsId: z.optional(
      z.string().check(z.regex(/^Qm[1-9A-HJ-NP-Za-km-z]{44}$/, 'must be an IPFS CIDv0 (Qm…)')),
    ),
    jsParams: z.optional(
      z
        .record(z.string(), z.unknown())
        .check(
          z.refine(
            (d) => isJsonValue(d) && JSON.stringify(d).length <= MAX_JS_PARAMS_JSON,
            'must be plain JSON of at most 16384 characters',
          ),
        ),
    ),
    ...sessionRequestShape,
  })
  .check(
    z.refine((p) => (p.litActionCode === undefined) !== (p.litActionIpfsId === undefined), {
      message: 'give exactly one of litActionCode and litActionIpfsId',
      path: ['litActionCode'],
    }),
  );

// Brokered operations: the worker signs, decrypts and runs actions with the origin's session and
// hands the page only the result; the per-node sigs it makes never leave it.

/** A 32-byte digest: 0x + 64 hex, or 32 integers 0..255 (Lit's `toSign`). */
export const digestSchema = z.union([
  z.string().check(z.regex(/^0x[0-9a-fA-F]{64}$/, 'must be 32 bytes: 0x and 64 hex digits')),
  z
    .array(z.number().check(z.int(), z.gte(0), z.lte(255)))
    .check(z.length(32, 'must be exactly 32 bytes')),
]);

/** Longest `message` a dApp may show with a PKP signature. */
export const MAX_SIGN_MESSAGE = 64 * 1024;
/** Longest unsigned serialized transaction accepted (0x + hex). */
const MAX_TRANSACTION_HEX = 2 + 2 * 128 * 1024;

const jsParamsSchema = z
  .record(z.string(), z.unknown())
  .check(
    z.refine(
      (d) => isJsonValue(d) && JSON.stringify(d).length <= MAX_JS_PARAMS_JSON,
      'must be plain JSON of at most 16384 characters',
    ),
  );

/** Longest JSON of one kind of access-control conditions accepted. */
const MAX_CONDITIONS_JSON = 32 * 1024;
const conditionsListSchema = z.array(z.unknown()).check(
  z.minLength(1),
  z.maxLength(64),
  z.refine(
    (d) => isJsonValue(d) && JSON.stringify(d).length <= MAX_CONDITIONS_JSON,
    'must be plain JSON of at most 32768 characters',
  ),
);

/** The three kinds of conditions Lit's SDK sends; a request names exactly one. */
export const CONDITION_PARAM_KINDS = [
  'accessControlConditions',
  'evmContractConditions',
  'unifiedAccessControlConditions',
] as const;
export type ConditionParamKind = (typeof CONDITION_PARAM_KINDS)[number];

const conditionsShape = {
  accessControlConditions: z.optional(conditionsListSchema),
  evmContractConditions: z.optional(conditionsListSchema),
  unifiedAccessControlConditions: z.optional(conditionsListSchema),
};
const exactlyOneConditionKind = z.refine<Partial<Record<ConditionParamKind, unknown>>>(
  (p) => CONDITION_PARAM_KINDS.filter((k) => p[k] !== undefined).length === 1,
  {
    message: `give exactly one of ${CONDITION_PARAM_KINDS.join(', ')}`,
    path: ['accessControlConditions'],
  },
);

/** How bytes cross as text: UTF-8 text (the default) or base64. */
export const dataEncodingSchema = z.enum(['utf8', 'base64']);
export type DataEncoding = z.infer<typeof dataEncodingSchema>;
/** Largest plaintext `lit_encrypt` takes (as sent, before decoding). */
export const MAX_ENCRYPT_DATA = 1024 * 1024;
/** Lit's chain names: lower-case words (`ethereum`, `sepolia`, …). */
const chainSchema = z.string().check(z.regex(/^[a-zA-Z0-9_-]{1,64}$/, 'must be a chain name'));

const pkpSignSchema = z
  .strictObject({
    /** The PKP's public key (0x04…, or compressed). */
    pubKey: pkpPublicKeySchema,
    toSign: digestSchema,
    /** The text `toSign` is the EIP-191 (`personal_sign`) hash of; shown to the user, checked. */
    message: z.optional(z.string().check(z.maxLength(MAX_SIGN_MESSAGE))),
    /** The unsigned serialized transaction (0x hex, RLP or EIP-2718 typed) whose keccak256 is
     * `toSign`; its fields are shown to the user, the hash checked. */
    transaction: z.optional(
      z
        .string()
        .check(
          z.regex(/^0x([0-9a-fA-F]{2})+$/, 'must be a serialized transaction in 0x hex'),
          z.maxLength(MAX_TRANSACTION_HEX),
        ),
    ),
  })
  .check(
    z.refine((p) => p.message === undefined || p.transaction === undefined, {
      message: 'give at most one of message and transaction',
      path: ['message'],
    }),
  );

const executeJsSchema = z
  .strictObject({
    code: z.optional(z.string().check(z.minLength(1), z.maxLength(MAX_LIT_ACTION_CODE))),
    ipfsId: z.optional(
      z.string().check(z.regex(/^Qm[1-9A-HJ-NP-Za-km-z]{44}$/, 'must be an IPFS CIDv0 (Qm…)')),
    ),
    jsParams: z.optional(jsParamsSchema),
  })
  .check(
    z.refine((p) => (p.code === undefined) !== (p.ipfsId === undefined), {
      message: 'give exactly one of code and ipfsId',
      path: ['code'],
    }),
  );

const encryptSchema = z
  .strictObject({
    ...conditionsShape,
    data: z.string().check(z.maxLength(MAX_ENCRYPT_DATA)),
    /** How `data` is written; `utf8` by default. */
    encoding: z.optional(dataEncodingSchema),
  })
  .check(exactlyOneConditionKind);

const decryptSchema = z
  .strictObject({
    ...conditionsShape,
    ciphertext: z.string().check(z.minLength(1), z.maxLength(2 * MAX_ENCRYPT_DATA)),
    dataToEncryptHash: z.string().check(z.regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex')),
    chain: chainSchema,
    /** How the result's `data` is written; `utf8` by default (refused if the bytes are not text). */
    encoding: z.optional(dataEncodingSchema),
  })
  .check(exactlyOneConditionKind);

const signedTokenSchema = z
  .strictObject({ ...conditionsShape, chain: chainSchema })
  .check(exactlyOneConditionKind);

/** Params schema of every provider method. A method missing here is answered with 4200. */
export const providerParamsSchemas = {
  lit_ping: noParams,
  lit_getSessionSigs: z.strictObject(sessionRequestShape),
  /** Sigs from a PKP session: the nodes sign the capability after authenticating the wallet. */
  lit_getPkpSessionSigs: z.strictObject({
    pkpPublicKey: pkpPublicKeySchema,
    ...sessionRequestShape,
  }),
  /** The same, when a Lit Action the nodes run says yes. */
  lit_getLitActionSessionSigs: litActionSessionSchema,
  lit_getSessions: noParams,
  lit_revokeSession: z.strictObject({ sessionId }),
  lit_disconnect: noParams,
  lit_pkpSign: pkpSignSchema,
  lit_executeJs: executeJsSchema,
  lit_encrypt: encryptSchema,
  lit_decrypt: decryptSchema,
  lit_getSignedToken: signedTokenSchema,
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
  /** Lit's SessionSigs map, keyed by the configured network's node URLs. */
  lit_getSessionSigs: Record<string, SessionSigJson>;
  lit_getPkpSessionSigs: Record<string, SessionSigJson>;
  lit_getLitActionSessionSigs: Record<string, SessionSigJson>;
  lit_getSessions: OriginSession[];
  lit_revokeSession: null;
  lit_disconnect: null;
  lit_pkpSign: PkpSignatureJson;
  lit_executeJs: {
    /** The action's `setResponse`, parsed as JSON when it is JSON (as Lit's SDK does). */
    response: unknown;
    logs: string;
    /** Per `sigName` of `signEcdsa` / `ethPersonalSignMessageEcdsa`, the combined signature. */
    signatures: Record<string, PkpSignatureJson>;
    /** Per name of `Lit.Actions.claimKey` (not run by the devnet: always `{}` there). */
    claims: Record<string, unknown>;
  };
  lit_encrypt: { ciphertext: string; dataToEncryptHash: string };
  /** `data` written as the request's `encoding` asked (UTF-8 text by default). */
  lit_decrypt: { data: string };
  lit_getSignedToken: { jwt: string };
}

/** A PKP signature in Lit's shape (`pkpSign`): r, s, publicKey and dataSigned hex without 0x;
 * `signature` 0x r ‖ s ‖ (27 + recid). */
export type PkpSignatureJson = PkpSignature;

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
  /** The origin's sessions changed: all of them, as `lit_getSessions` lists them. */
  sessionsChanged: OriginSession[];
  /** The origin was disconnected: every session and key is gone. */
  disconnect: ProviderErrorJson;
}
export type ProviderEventName = keyof ProviderEvents;
export const providerEventNames = [
  'sessionsChanged',
  'disconnect',
] as const satisfies readonly ProviderEventName[];

// ---------------------------------------------------------------------------------------------
// The page's own Ethereum wallet, asked by the worker through the content script and the inpage
// provider (the worker verifies every signature it gets back).

const walletIdSchema = z.string().check(z.minLength(1), z.maxLength(64));
const addressSchema = z.string().check(z.regex(/^0x[0-9a-fA-F]{40}$/));

/** What the worker may ask the page's wallet. */
export const walletRequestSchema = z.discriminatedUnion('action', [
  /** Every EIP-1193 wallet on the page (EIP-6963 announcements and `window.ethereum`). */
  z.strictObject({ action: z.literal('listWallets') }),
  /** `eth_requestAccounts` on one wallet (it may ask the user to connect). */
  z.strictObject({ action: z.literal('requestAccounts'), walletId: walletIdSchema }),
  /** `personal_sign` of `message` (UTF-8 text) by `address` on one wallet. */
  z.strictObject({
    action: z.literal('personalSign'),
    walletId: walletIdSchema,
    message: z.string().check(z.maxLength(64 * 1024)),
    address: addressSchema,
  }),
]);
export type WalletRequest = z.infer<typeof walletRequestSchema>;

/** A wallet found on the page. `accounts` are those it exposes without asking (`eth_accounts`). */
export interface PageWallet {
  id: string;
  name: string;
  accounts: string[];
}

export interface WalletResults {
  listWallets: PageWallet[];
  requestAccounts: string[];
  personalSign: string;
}

/** Checks what a page's wallet answered, per action (the page may answer anything). */
export const walletResultSchemas = {
  listWallets: z
    .array(
      z.strictObject({
        id: walletIdSchema,
        name: z.string().check(z.maxLength(100)),
        accounts: z.array(addressSchema).check(z.maxLength(20)),
      }),
    )
    .check(z.maxLength(10)),
  requestAccounts: z.array(addressSchema).check(z.maxLength(20)),
  personalSign: z.string().check(z.regex(/^0x[0-9a-fA-F]{130}$/)),
} as const;

// ---------------------------------------------------------------------------------------------
// Page ⇄ content script (window.postMessage, same window, same origin)

export const INPAGE_SOURCE = 'lit-companion:inpage';
export const CONTENT_SOURCE = 'lit-companion:content';

/** Longest request id accepted; the inpage provider uses UUIDs. */
const requestId = z.string().check(z.minLength(1), z.maxLength(64));

/** An answer of the page's wallet: a result, or the error it threw (code and message only). */
const walletOutcome = z.union([
  z.strictObject({ result: z.unknown() }),
  z.strictObject({
    error: z.strictObject({
      code: z.number(),
      message: z.string().check(z.maxLength(500)),
    }),
  }),
]);
export type WalletOutcome = z.infer<typeof walletOutcome>;

/** Sent by the inpage provider; validated by the content script. */
export const inpageToContentSchema = z.discriminatedUnion('type', [
  z.object({ source: z.literal(INPAGE_SOURCE), type: z.literal('hello') }),
  z.object({
    source: z.literal(INPAGE_SOURCE),
    type: z.literal('request'),
    id: requestId,
    request: z.unknown(),
  }),
  z.object({
    source: z.literal(INPAGE_SOURCE),
    type: z.literal('walletResponse'),
    id: requestId,
    outcome: walletOutcome,
  }),
]);
export type InpageToContent = z.infer<typeof inpageToContentSchema>;

/** Sent by the content script; read by the inpage provider. */
export type ContentToInpage =
  | { source: typeof CONTENT_SOURCE; type: 'ready' }
  | { source: typeof CONTENT_SOURCE; type: 'response'; id: string; result: unknown }
  | { source: typeof CONTENT_SOURCE; type: 'response'; id: string; error: ProviderErrorJson }
  | { source: typeof CONTENT_SOURCE; type: 'event'; event: ProviderEventName; data: unknown }
  | { source: typeof CONTENT_SOURCE; type: 'walletRequest'; id: string; request: WalletRequest };

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

/** The page wallet's answer to a `walletRequest`, forwarded by the content script. */
export const walletResponseSchema = z.strictObject({
  type: z.literal('walletResponse'),
  id: requestId,
  outcome: walletOutcome,
});
export type WalletResponse = z.infer<typeof walletResponseSchema>;

/** Sent by the worker; validated by the content script. */
// Results first: the common answer matches the first option, without building the issues of one
// that failed.
export const workerToContentSchema = z.union([
  z.strictObject({ type: z.literal('response'), id: requestId, result: z.unknown() }),
  z.strictObject({ type: z.literal('response'), id: requestId, error: providerErrorSchema }),
  z.strictObject({
    type: z.literal('walletRequest'),
    id: requestId,
    request: walletRequestSchema,
  }),
]);
export type WorkerToContent = z.infer<typeof workerToContentSchema>;

/**
 * An event the worker sends to one document with `tabs.sendMessage` (it reaches the page even
 * when no Port is open). The content script forwards it only if `origin` is its own.
 */
export const tabEventSchema = z.strictObject({
  type: z.literal('lit-companion:event'),
  origin: z.string().check(z.maxLength(2048)),
  event: z.enum(providerEventNames),
  data: z.unknown(),
});
export type TabEvent = z.infer<typeof tabEventSchema>;

// ---------------------------------------------------------------------------------------------
// Extension pages → worker (runtime.sendMessage); accepted only from extension pages

/** A session as the popup shows it: an origin's session plus the origin. */
export interface SessionSummary extends OriginSession {
  origin: string;
  /** How its PKP signatures are handled (`confirm` unless the user allowed them at approval). */
  pkpSigning: PkpSigningPolicy;
  /** True when the site was given this session's sigs (it can then sign without asking). */
  pageGetsSigs: boolean;
  /** The capacity credit delegated to it at approval, if any. */
  capacityDelegation: SessionCapacityDelegation | null;
}

/** The built-in account as extension pages see it (never its key). */
export interface AccountStatus {
  /** Checksummed address, or null when no account was created or imported. */
  address: string | null;
  unlocked: boolean;
}

export interface Settings {
  /** The Lit network's chain JSON-RPC URL (the devnet's chain stand-in by default). */
  rpcUrl: string;
  /** The session length the approval window proposes, in minutes. */
  defaultSessionMinutes: number;
}

/** Longest session a user may approve (a node refuses capabilities past 30 days). */
export const MAX_SESSION_MINUTES = 30 * 24 * 60;

/**
 * Shortest session a site may ask for or a user approve: it must outlive the nodes' 60 s clock
 * grace to be worth a signature.
 */
export const MIN_SESSION_MINUTES = 2;

/** How far the nodes are with a PKP session's capability, while it is being signed. */
export interface SigningProgress {
  nodes: number;
  /** Shares needed. */
  needed: number;
  /** Nodes that answered with a share. */
  signed: string[];
  /** Nodes that failed, and why. */
  failed: { url: string; error: string }[];
}

/** Why a request waits in the approval window. */
export type PendingPurpose =
  /** A new session (a dApp's session request, or a brokered call no session covers). */
  | 'session'
  /** One PKP signature of a session whose signatures are confirmed one by one. */
  | 'confirm-pkp-sign'
  /** The first run of a Lit Action (by CID) in a session. */
  | 'confirm-lit-action';

/** What a confirmation shows (purpose `confirm-pkp-sign` / `confirm-lit-action`). */
export type ConfirmationView =
  | {
      purpose: 'confirm-pkp-sign';
      /** The session that will sign. */
      sessionId: string;
      pkp: SessionPkp;
      /** The 32-byte digest, 0x hex. */
      digest: string;
      /** The text whose EIP-191 hash is the digest (checked by the worker), when the dApp gave it. */
      message: string | null;
      /** The unsigned transaction whose keccak256 is the digest (checked), decoded, when given. */
      transaction: {
        serialized: string;
        type: number;
        chainId: string | null;
        nonce: string;
        to: string | null;
        value: string;
        data: string;
        gasLimit: string;
        /** Types 0 and 1: wei per gas, decimal (null for type 2). */
        gasPrice: string | null;
        /** Type 2: the most wei per gas it pays, base fee and tip together, decimal (else null). */
        maxFeePerGas: string | null;
        /** Type 2: the most of that per gas that goes to the block's producer, decimal (else null). */
        maxPriorityFeePerGas: string | null;
        /** gasLimit × (gasPrice or maxFeePerGas), wei, decimal: the most the fee can cost. */
        maxFee: string;
        /** value + maxFee, wei, decimal: the most the account can spend on it. */
        maxCost: string;
        /** Types 1 and 2: the addresses it declares (checksummed), each with how many storage
         * keys; null for type 0, which has no access list. */
        accessList: { address: string; storageKeys: number }[] | null;
      } | null;
    }
  | {
      purpose: 'confirm-lit-action';
      sessionId: string;
      cid: string;
      /** The code, when the dApp sent it (null when it named only the CID). */
      code: string | null;
      /** The run's `jsParams`, as indented JSON. */
      jsParams: string;
    };

/** A request waiting in the approval window. */
export interface PendingApprovalView {
  id: string;
  origin: string;
  purpose: PendingPurpose;
  /** Confirmations: what is to be confirmed (null for `session`). */
  confirmation: ConfirmationView | null;
  /** `session` asked by a brokered call: the provider method that needs it (e.g. `lit_pkpSign`). */
  forMethod: ProviderMethod | null;
  kind: SessionKind;
  /** `pkp` and `lit-action`: the PKP the nodes sign for. */
  pkp: SessionPkp | null;
  /** `lit-action`: the action, its code when the dApp sent it, and its `jsParams` as JSON. */
  litAction: (SessionLitAction & { code: string | null; jsParams: string }) | null;
  /** While a PKP session is being signed. */
  progress: SigningProgress | null;
  /** `data`: the capability's nota bene as indented JSON (signed into the ReCap), or null. */
  capabilities: (SessionCapability & { description: string; data: string | null })[];
  /** What the dApp asked for, if anything. */
  requestedExpiration: string | null;
  /** The latest expiration the user may pick (the dApp's, never past 30 days from `createdAt`). */
  maxExpiration: string;
  /** The dApp's choice of wallet, if it made one. */
  walletSource: WalletSource | null;
  /** Wallets found on the page. */
  pageWallets: PageWallet[];
  createdAt: string;
  /** `authorizing` once approved, while the capability is being signed. */
  state: 'waiting' | 'authorizing';
}

const password = z
  .string()
  .check(z.minLength(8, 'must be at least 8 characters'), z.maxLength(1024));

export const settingsSchema = z.strictObject({
  rpcUrl: z.string().check(
    z.maxLength(2048),
    z.refine((u) => /^https?:\/\/[^\s/?#]+(\/[^\s]*)?$/.test(u), 'must be an http(s) URL'),
  ),
  defaultSessionMinutes: z
    .number()
    .check(
      z.int(),
      z.gte(5, 'must be at least 5 minutes'),
      z.lte(MAX_SESSION_MINUTES, 'must be at most 30 days'),
    ),
});

/** A PKP the user keeps in the options page, for the configured network. */
export interface KnownPkp extends SessionPkp {
  /** The wallet it was created for (devnet), if the extension created it. */
  controller: string | null;
  addedAt: string;
}

/** Whether a session's PKP signatures are confirmed one by one (`confirm`) or allowed (`allow`). */
export const pkpSigningPolicySchema = z.enum(['confirm', 'allow']);
export type PkpSigningPolicy = z.infer<typeof pkpSigningPolicySchema>;

/** Most uses a delegation made at approval may allow. */
export const MAX_DELEGATION_USES = 1_000_000;
const capacityTokenIdSchema = z
  .string()
  .check(z.regex(/^[0-9]{1,78}$/, 'must be a decimal token id'));

export const capacityCreditChoiceSchema = z.strictObject({
  tokenId: capacityTokenIdSchema,
  /** Requests the delegation allows (counted by each node). */
  uses: z.number().check(z.int(), z.gte(1), z.lte(MAX_DELEGATION_USES)),
});
export type CapacityCreditChoice = z.infer<typeof capacityCreditChoiceSchema>;

/** A capacity credit (RateLimitNFT) the built-in account owns on the configured network. */
export interface CapacityCredit {
  /** Decimal token id. */
  tokenId: string;
  requestsPerKilosecond: number;
  /** ISO 8601. */
  expiresAt: string;
}

/** The delegation attached to a session at approval (its AuthSig is among the capabilities). */
export interface SessionCapacityDelegation {
  tokenId: string;
  uses: number;
  /** The credit's owner (the built-in account) that signed the delegation. */
  owner: string;
}

/** One brokered call, as the popup's activity list shows it. */
export interface ActivityEntry {
  /** ISO 8601, when the call ended. */
  at: string;
  method: 'lit_pkpSign' | 'lit_executeJs' | 'lit_decrypt' | 'lit_getSignedToken';
  /** `refused`: the user or the nodes said no (Lit's error code in `message`); `node-error`:
   * the nodes could not be reached or did not agree. */
  result: 'ok' | 'refused' | 'node-error';
  /** Node URLs that answered (with a share or a refusal). */
  nodes: string[];
  /** For a failure: what the page was told (at most 300 characters). */
  message?: string;
}

/** Calls kept per session (the oldest go first). */
export const MAX_ACTIVITY_PER_SESSION = 500;

export const approvalDecisionSchema = z.discriminatedUnion('approve', [
  z.strictObject({ approve: z.literal(false) }),
  z.strictObject({
    approve: z.literal(true),
    walletSource: walletSourceSchema,
    /** The page wallet to sign with (one of `pageWallets`), for `page`. */
    walletId: z.optional(walletIdSchema),
    /** ISO 8601, at most the request's `maxExpiration`. */
    expiration: z.iso.datetime({ offset: true }),
    /** Unlocks the built-in account first, when it is locked. */
    password: z.optional(password),
    /** Sessions that may sign with a PKP: confirm each signature (default) or allow them all. */
    pkpSigning: z.optional(pkpSigningPolicySchema),
    /** Attach a capacity credit of the built-in account: a delegation to the session's address. */
    capacityCredit: z.optional(capacityCreditChoiceSchema),
  }),
]);
export type ApprovalDecision = z.infer<typeof approvalDecisionSchema>;

export const internalRequestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ui_getStatus') }),
  z.strictObject({ type: z.literal('ui_revokeSession'), sessionId }),
  z.strictObject({ type: z.literal('ui_revokeAll') }),
  z.strictObject({ type: z.literal('ui_getPending') }),
  z.strictObject({
    type: z.literal('ui_decide'),
    pendingId: z.string().check(z.minLength(1), z.maxLength(64)),
    decision: approvalDecisionSchema,
  }),
  /** Approve or deny a confirmation (purpose `confirm-pkp-sign` / `confirm-lit-action`). */
  z.strictObject({
    type: z.literal('ui_confirm'),
    pendingId: z.string().check(z.minLength(1), z.maxLength(64)),
    approve: z.boolean(),
  }),
  /** A session's activity list (newest first). */
  z.strictObject({ type: z.literal('ui_getActivity'), sessionId }),
  /** The built-in account's capacity credits on the configured network. */
  z.strictObject({ type: z.literal('ui_listCredits') }),
  /** Devnet only: mints a capacity credit owned by the built-in account. */
  z.strictObject({
    type: z.literal('ui_mintCredit'),
    requestsPerKilosecond: z.number().check(z.int(), z.gte(1), z.lte(1_000_000)),
    days: z.number().check(z.int(), z.gte(1), z.lte(365)),
  }),
  z.strictObject({ type: z.literal('ui_getSettings') }),
  z.strictObject({ type: z.literal('ui_setSettings'), settings: settingsSchema }),
  z.strictObject({ type: z.literal('ui_getAccount') }),
  z.strictObject({ type: z.literal('ui_createAccount'), password }),
  z.strictObject({
    type: z.literal('ui_importAccount'),
    privateKey: z.string().check(z.regex(/^(0x)?[0-9a-fA-F]{64}$/, 'must be 32 bytes of hex')),
    password,
  }),
  z.strictObject({ type: z.literal('ui_unlockAccount'), password }),
  z.strictObject({ type: z.literal('ui_lockAccount') }),
  z.strictObject({ type: z.literal('ui_deleteAccount') }),
  z.strictObject({ type: z.literal('ui_listPkps') }),
  /** Devnet only: mints a PKP that the wallet (the built-in account, or an address) may use. */
  z.strictObject({
    type: z.literal('ui_createPkp'),
    controller: z.union([z.literal('builtin'), addressSchema]),
  }),
  /** Any network: remembers an existing PKP by its public key. */
  z.strictObject({ type: z.literal('ui_addPkp'), publicKey: pkpPublicKeySchema }),
  z.strictObject({
    type: z.literal('ui_removePkp'),
    tokenId: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  }),
]);
export type InternalRequest = z.infer<typeof internalRequestSchema>;
export type InternalRequestType = InternalRequest['type'];

/** What telling the network about a revocation achieved (best effort). */
export interface NetworkRevocation {
  /** Nodes that recorded it. */
  revokedOn: number;
  /** Nodes asked. */
  nodes: number;
  /** Why it did not reach every node, if it did not. */
  error?: string;
}

export interface InternalResults {
  ui_getStatus: {
    version: string;
    workerStartedAt: string;
    sessions: SessionSummary[];
  };
  ui_revokeSession: { revoked: number; network: NetworkRevocation[] };
  ui_revokeAll: { revoked: number; network: NetworkRevocation[] };
  ui_getPending: {
    pending: PendingApprovalView[];
    account: AccountStatus;
    defaultSessionMinutes: number;
  };
  /** `failed`: the request ended with the error the dApp got (the window shows it). */
  ui_decide: { outcome: 'approved' | 'denied' } | { outcome: 'failed'; error: ProviderErrorJson };
  ui_confirm: { outcome: 'approved' | 'denied' };
  ui_getActivity: { entries: ActivityEntry[] };
  /** `owner`: the built-in account (null when there is none); `devnet`: credits can be minted. */
  ui_listCredits: { owner: string | null; credits: CapacityCredit[]; devnet: boolean };
  ui_mintCredit: CapacityCredit;
  ui_getSettings: Settings;
  ui_setSettings: { settings: Settings; network: { nodes: number } | { error: string } };
  ui_getAccount: AccountStatus;
  ui_createAccount: AccountStatus;
  ui_importAccount: AccountStatus;
  ui_unlockAccount: AccountStatus;
  ui_lockAccount: AccountStatus;
  ui_deleteAccount: AccountStatus;
  /** The PKPs kept for the configured network; `devnet` when it can mint new ones. */
  ui_listPkps: { pkps: KnownPkp[]; devnet: boolean };
  ui_createPkp: KnownPkp;
  ui_addPkp: KnownPkp;
  ui_removePkp: { pkps: KnownPkp[] };
}

/** The worker's answer to an internal message. */
export type InternalResponse<T extends InternalRequestType> =
  { ok: true; result: InternalResults[T] } | { ok: false; error: ProviderErrorJson };

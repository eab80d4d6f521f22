// Lit node errors: the codes, HTTP statuses and kinds a Datil node answers with, and the JSON
// body it sends, so our devnet speaks them and our client can read them.

/** `errorKind` values of a node error body (wire doc section 9). */
export const LIT_ERROR_KINDS = [
  'Unknown',
  'Unexpected',
  'Generic',
  'IPFS',
  'Io',
  'Config',
  'Validation',
  'Conversion',
  'Parser',
  'Serializer',
  'Lock',
  'Timeout',
  'Connect',
  'MemoryLimit',
  'Blockchain',
  'Attestation',
  'Certs',
  'HttpClient',
  'SevSnp',
] as const;
export type LitErrorKind = (typeof LIT_ERROR_KINDS)[number];

interface CodeInfo {
  readonly status: number;
  /** The kind the node's call site gives it on the paths we implement. */
  readonly kind: LitErrorKind;
  /** The node's description of the code, which it sends as `message`. */
  readonly message: string;
}

// Statuses, kinds and messages from the node's `EC` enum (lit-node/src/error.rs, Datil) and
// lit-api-core; `@lit-protocol/constants@7.4.0` has no table of node codes to check against.
export const LIT_NODE_ERROR_CODES = {
  NodeInvalidAuthSigSessionKeySignature: {
    status: 400,
    kind: 'Validation',
    message: 'auth_sig Session key signature is not valid',
  },
  NodeAuthSigSignedMessageConversionError: {
    status: 400,
    kind: 'Conversion',
    message: "auth_sig signedMessage couldn't be converted to SessionKeySignedMessage",
  },
  NodeParserError: {
    status: 400,
    kind: 'Parser',
    message: 'Unable to parse session key signed message',
  },
  NodeResourceIdNotFound: {
    status: 404,
    kind: 'Validation',
    message: 'Could not find the passed resource ID',
  },
  NodeIatOutsideGracePeriod: {
    status: 403,
    kind: 'Validation',
    message: 'While signing JWT, IAT outside grace period',
  },
  NodeExpWrongOrTooLarge: {
    status: 403,
    kind: 'Validation',
    message: 'While signing JWT, EXP too large or wrong',
  },
  NodeSIWEMessageError: { status: 400, kind: 'Validation', message: 'Error parsing SIWE message' },
  NodeSIWESigConversionError: {
    status: 400,
    kind: 'Parser',
    message: 'Unable to convert SIWE sig to array',
  },
  NodeNotAuthorized: {
    status: 403,
    kind: 'Validation',
    message: "User isn't authorized to access to decrypt or receive a JWT for this item",
  },
  NodeSIWECapabilityInvalid: {
    status: 400,
    kind: 'Validation',
    message: 'Invalid Capability object in SIWE resource ReCap',
  },
  NodeInvalidAuthSig: {
    status: 401,
    kind: 'Validation',
    message: "auth_sig passed is invalid or couldn't be verified",
  },
  NodeCannotProvideAuthSigForEndpoint: {
    status: 400,
    kind: 'Validation',
    message: 'Invalid Signature Requested',
  },
  CoreApiRouteNotFound: { status: 404, kind: 'Validation', message: 'The API path was not found.' },
  NodeAccessControlConditionsReturnedNotAuthorized: {
    status: 401,
    kind: 'Validation',
    message:
      'The access control condition check returned that you are not permitted to access this content.  Are you sure you meet the conditions?  Check the auth_sig and the other conditions',
  },
  NodePKPNotAuthorized: {
    status: 401,
    kind: 'Validation',
    message: 'The PKP permissions check failed',
  },
  NodeLitActionsSessionSigAuthenticationFailed: {
    status: 401,
    kind: 'Validation',
    message: 'Lit Actions returned false for sessionSig signing authentication',
  },
  NodeInvalidCurveType: {
    status: 400,
    kind: 'Validation',
    message: 'The user sent an unsupported curve type when requesting to sign something',
  },
  NodeInvalidAuthSigForSessionKey: {
    status: 400,
    kind: 'Validation',
    message: 'The user sent an auth_sig for signing a session_key',
  },
  // Access-control conditions (decryption, JWT signing): the node's codes for a condition it
  // cannot check, or whose parts do not convert.
  NodeAccessControlConditionsCheckFailed: {
    status: 502,
    kind: 'Validation',
    message:
      'Lit nodes failed to check the condition possibly due to RPC servers being down or because the condition is making an incorrect smart contract call that reverts',
  },
  NodeInvalidACCReturnValueTest: {
    status: 400,
    kind: 'Validation',
    message: 'Invalid Access Control Condition returnValueTest',
  },
  NodeConditionAddressConversionError: {
    status: 400,
    kind: 'Validation',
    message: "condition address couldn't be converted to Ethereum address",
  },
  NodeConditionTokenIdParsingError: {
    status: 400,
    kind: 'Parser',
    message: 'Error parsing token_id from condition',
  },
  NodeMismatchParameters: {
    status: 400,
    kind: 'Validation',
    message: 'Mismatched number of parameters in Params & Condition',
  },
  NodeContractFunctionParamsEncodingError: {
    status: 400,
    kind: 'Parser',
    message: 'Invalid smart contract function parameters',
  },
  NodeInvalidConditionTokenType: {
    status: 400,
    kind: 'Validation',
    message: 'Invalid condition token type',
  },
  NodeRpcError: {
    status: 502,
    kind: 'Validation',
    message:
      'Lit nodes failed to complete the RPC call possibly due to RPC servers being down or because the RPC call is making an incorrect smart contract call that reverts',
  },
  NodeChainNotSupported: {
    status: 501,
    kind: 'Blockchain',
    message: 'Blockchain currently not supported by Lit',
  },
  NodeAuthSigNotSupported: {
    status: 401,
    kind: 'Validation',
    message: 'auth_sig passed is not supported',
  },
  NodeSystemFault: {
    status: 500,
    kind: 'Unexpected',
    message: 'A general system fault has occurred in the node',
  },
  // executeJs (lit-node error.rs, Datil): the action's code, its run and its limits.
  NodeInvalidIPFSID: { status: 400, kind: 'Validation', message: 'Invalid IPFS Id' },
  NodeJsExecutionError: {
    status: 502,
    kind: 'Validation',
    message: 'There was an error executing the Javascript for this action',
  },
  NodeJsTimeoutError: {
    status: 502,
    kind: 'Timeout',
    message: 'There was a timeout error executing the Javascript for this action',
  },
  NodeJsMemoryLimitError: {
    status: 502,
    kind: 'MemoryLimit',
    message: 'The memory limit was exceeded when executing the Javascript for this action',
  },
  // Not a Lit code: the devnet refuses sigs of a session key its owner revoked (section 13).
  NodeSessionKeyRevoked: {
    status: 401,
    kind: 'Validation',
    message: 'The session key was revoked by its owner',
  },
  // The capacity check answers with a short body: only `message` and `errorCode` (section 12).
  rate_limit_exceeded: { status: 402, kind: 'Validation', message: 'Rate limit exceeded.' },
} as const satisfies Record<string, CodeInfo>;

export type LitNodeErrorCode = keyof typeof LIT_NODE_ERROR_CODES;

/** A node error body as it travels over HTTP. */
export interface LitNodeErrorJSON {
  errorKind?: LitErrorKind;
  errorCode: string;
  status?: number;
  message: string;
  correlationId?: string;
  details?: string[];
}

export interface LitNodeErrorOptions {
  /** Overrides the code's default message (the node's description). */
  message?: string;
  /** Overrides the code's default kind (the node's call sites differ). */
  kind?: LitErrorKind;
  correlationId?: string;
}

// A detail is text; anything else is shown by its JSON (or its type), never thrown on.
const detailText = (d: unknown): string => {
  if (typeof d === 'string') return d;
  try {
    return JSON.stringify(d) ?? typeof d;
  } catch {
    return typeof d;
  }
};

const isCode = (code: unknown): code is LitNodeErrorCode =>
  typeof code === 'string' && Object.prototype.hasOwnProperty.call(LIT_NODE_ERROR_CODES, code);

/** An error a Lit node answers with: its code, HTTP status, kind and details. */
export class LitNodeError extends Error {
  override readonly name = 'LitNodeError';
  readonly errorCode: LitNodeErrorCode;
  readonly status: number;
  readonly errorKind: LitErrorKind;
  readonly details: string[];
  readonly correlationId: string | undefined;

  constructor(code: LitNodeErrorCode, details: string[] = [], options: LitNodeErrorOptions = {}) {
    if (!isCode(code)) {
      const raw: unknown = code;
      const shown = typeof raw === 'string' ? JSON.stringify(raw.slice(0, 80)) : typeof raw;
      throw new TypeError(`LitNodeError: unknown error code ${shown}`);
    }
    const info: CodeInfo = LIT_NODE_ERROR_CODES[code];
    const o: Partial<LitNodeErrorOptions> =
      typeof options === 'object' && options !== null ? options : {};
    super(typeof o.message === 'string' ? o.message : info.message);
    this.errorCode = code;
    this.status = info.status;
    this.errorKind = LIT_ERROR_KINDS.includes(o.kind as LitErrorKind) ? o.kind! : info.kind;
    this.details = Array.isArray(details) ? details.map(detailText) : [];
    this.correlationId = typeof o.correlationId === 'string' ? o.correlationId : undefined;
  }

  /** The node's JSON body for this error (the short body for `rate_limit_exceeded`). */
  toJSON(): LitNodeErrorJSON {
    if (this.errorCode === 'rate_limit_exceeded') {
      return { message: this.message, errorCode: this.errorCode };
    }
    return {
      errorKind: this.errorKind,
      errorCode: this.errorCode,
      status: this.status,
      message: this.message,
      correlationId: this.correlationId ?? '',
      details: [...this.details],
    };
  }

  /** Reads a node error body; `undefined` for anything that is not one with a known code. */
  static fromJSON(body: unknown): LitNodeError | undefined {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
    const b = body as Record<string, unknown>;
    if (!isCode(b.errorCode) || typeof b.message !== 'string') return undefined;
    const kind =
      typeof b.errorKind === 'string' &&
      (LIT_ERROR_KINDS as readonly string[]).includes(b.errorKind)
        ? (b.errorKind as LitErrorKind)
        : undefined;
    const details = Array.isArray(b.details)
      ? b.details.filter((d): d is string => typeof d === 'string')
      : [];
    return new LitNodeError(b.errorCode, details, {
      message: b.message,
      ...(kind ? { kind } : {}),
      ...(typeof b.correlationId === 'string' ? { correlationId: b.correlationId } : {}),
    });
  }
}

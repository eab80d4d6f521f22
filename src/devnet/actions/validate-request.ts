// Turns a caller's request into the plain job a sandbox worker runs, refusing anything that
// is not what a node could have parsed from an HTTP body, with a message naming the field.
import { jsonProblem } from './json-value';
import { globalNameProblem } from './identifiers';
import { resolveLimits } from './limits';
import { LitActionRequestError } from './request-error';
import type { SandboxJob } from './worker-messages';
import type { HostFunction } from './types';

/** Lit's nodes take bodies up to 1 MB; code and jsParams each get that much here. */
export const MAX_CODE_BYTES = 1024 * 1024;
export const MAX_JS_PARAMS_BYTES = 1024 * 1024;
const MAX_HOST_FUNCTIONS = 64;

const AUTH_KEYS = new Set([
  'actionIpfsIds',
  'actionIpfsIdStack',
  'authSigAddress',
  'authMethodContexts',
  'resources',
  'customAuthResource',
]);

export interface ValidatedRequest {
  job: SandboxJob;
  hostFunctions: Map<string, HostFunction>;
}

const fail = (message: string): never => {
  throw new LitActionRequestError(message);
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates `request`; throws a `LitActionRequestError` for the first problem found. */
export function validateRequest(request: unknown): ValidatedRequest {
  if (!isRecord(request)) fail('request: expected an object');
  const r = request as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    if (!['code', 'jsParams', 'authContext', 'limits', 'hostFunctions'].includes(key)) {
      fail(`request.${key}: unknown field`);
    }
  }
  const limits = resolveLimits(r.limits);
  const hostFunctions = validateHostFunctions(r.hostFunctions);
  return {
    job: {
      code: validateCode(r.code),
      jsParamsJson: validateJsParams(r.jsParams),
      authContextJson: validateAuthContext(r.authContext),
      hostFunctionNames: [...hostFunctions.keys()],
      limits,
    },
    hostFunctions,
  };
}

function validateCode(code: unknown): string {
  if (typeof code !== 'string') return fail('code: expected a string');
  const bytes = Buffer.byteLength(code, 'utf8');
  if (bytes > MAX_CODE_BYTES) fail(`code: ${bytes} bytes, over the limit of ${MAX_CODE_BYTES}`);
  return code;
}

function validateJsParams(jsParams: unknown): string {
  if (jsParams === undefined || jsParams === null) return '{}';
  if (!isRecord(jsParams)) return fail('jsParams: expected an object');
  for (const key of Object.keys(jsParams)) {
    const problem = globalNameProblem(key);
    if (problem) fail(`jsParams: key ${JSON.stringify(key.slice(0, 64))} is ${problem}`);
  }
  const json = jsonText(jsParams, 'jsParams');
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > MAX_JS_PARAMS_BYTES) {
    fail(`jsParams: ${bytes} bytes of JSON, over the limit of ${MAX_JS_PARAMS_BYTES}`);
  }
  return json;
}

function validateAuthContext(auth: unknown): string {
  if (!isRecord(auth)) return fail('authContext: expected an object');
  for (const key of Object.keys(auth)) {
    if (!AUTH_KEYS.has(key)) fail(`authContext.${key}: unknown field`);
  }
  const strings = (key: string): string[] => {
    const v = auth[key];
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) {
      fail(`authContext.${key}: expected an array of strings`);
    }
    return v as string[];
  };
  const actionIpfsIds = strings('actionIpfsIds');
  const actionIpfsIdStack =
    auth.actionIpfsIdStack === undefined ? actionIpfsIds : strings('actionIpfsIdStack');
  if (auth.authSigAddress !== null && typeof auth.authSigAddress !== 'string') {
    fail('authContext.authSigAddress: expected a string or null');
  }
  for (const key of ['authMethodContexts', 'resources']) {
    if (!Array.isArray(auth[key])) fail(`authContext.${key}: expected an array`);
  }
  if (typeof auth.customAuthResource !== 'string') {
    fail('authContext.customAuthResource: expected a string');
  }
  // Lit's key order, so the action sees the object the node would show it.
  return jsonText(
    {
      actionIpfsIds,
      actionIpfsIdStack,
      authSigAddress: auth.authSigAddress,
      authMethodContexts: auth.authMethodContexts,
      resources: auth.resources,
      customAuthResource: auth.customAuthResource,
    },
    'authContext',
  );
}

function validateHostFunctions(fns: unknown): Map<string, HostFunction> {
  const out = new Map<string, HostFunction>();
  if (fns === undefined) return out;
  if (!isRecord(fns)) return fail('hostFunctions: expected an object of functions');
  const names = Object.keys(fns);
  if (names.length > MAX_HOST_FUNCTIONS) fail(`hostFunctions: more than ${MAX_HOST_FUNCTIONS}`);
  for (const name of names) {
    const problem =
      name === 'setResponse' ? 'taken by Lit.Actions.setResponse' : globalNameProblem(name);
    if (problem) fail(`hostFunctions: name ${JSON.stringify(name.slice(0, 64))} is ${problem}`);
    const fn = fns[name];
    if (typeof fn !== 'function') fail(`hostFunctions.${name}: expected a function`);
    out.set(name, fn as HostFunction);
  }
  return out;
}

/** JSON text of a value checked to be JSON; a getter or proxy that throws is refused too. */
function jsonText(value: unknown, what: string): string {
  let problem: string | null;
  try {
    problem = jsonProblem(value);
    if (problem === null) return JSON.stringify(value);
  } catch (error) {
    problem = `unreadable (${error instanceof Error ? error.message : String(error)})`;
  }
  return fail(`${what}: not JSON: ${problem}`);
}

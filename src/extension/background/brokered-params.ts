// Brokered calls' params turned into what the client takes, refused with -32602 naming the field
// before any session is looked for: conditions (Lit's schemas, hashed as the nodes hash them),
// digests, base64 data.
import { base64 } from '@scure/base';
import { conditionsHash, type ConditionsParams } from '../../client/encrypt';
import { ProviderErrorCode, CONDITION_PARAM_KINDS, type ConditionParamKind } from '../messages';
import { ProviderRpcError } from './errors';

export function invalidParam(field: string, why: string): ProviderRpcError {
  return new ProviderRpcError(
    ProviderErrorCode.invalidParams,
    `Invalid params: params.${field}: ${why}`,
  );
}

export interface CheckedConditions {
  /** Exactly the one kind given, for the client. */
  params: ConditionsParams;
  /** sha256 of the canonical conditions, 64 hex: the resource id's first part. */
  hashHex: string;
}

/** The one kind of conditions in the params, checked against Lit's schemas. */
export function checkedConditions(
  params: Partial<Record<ConditionParamKind, unknown[]>>,
): CheckedConditions {
  const kind = CONDITION_PARAM_KINDS.find((k) => params[k] !== undefined)!;
  const conditions = params[kind]!;
  try {
    return {
      params: { [kind]: conditions },
      hashHex: conditionsHash({ [kind]: conditions }).hashHex,
    };
  } catch (e) {
    throw invalidParam(kind, e instanceof Error ? e.message.slice(0, 300) : 'invalid conditions');
  }
}

/** Text as sent, or bytes from base64. */
export function dataBytes(
  data: string,
  encoding: 'utf8' | 'base64' | undefined,
): string | Uint8Array {
  if (encoding !== 'base64') return data;
  try {
    return base64.decode(data);
  } catch {
    throw invalidParam('data', 'is not base64 (encoding is base64)');
  }
}

/** Bytes written as the request's `encoding` asks; UTF-8 that is not text is refused. */
export function encodeData(bytes: Uint8Array, encoding: 'utf8' | 'base64' | undefined): string {
  if (encoding === 'base64') return base64.encode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalidParam(
      'encoding',
      'the plaintext is not UTF-8 text: ask again with encoding "base64"',
    );
  }
}

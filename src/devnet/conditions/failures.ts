// The Lit errors a condition check ends with when it cannot give an honest yes or no. None of
// them is ever read as "true": evaluation stops and the request is refused.
import { LitNodeError, type LitNodeErrorCode } from '../../protocol/errors';

export const conditionError = (code: LitNodeErrorCode, path: string, detail: string) =>
  new LitNodeError(code, [`${path}: ${detail}`]);

/** A condition the devnet has no data for (POAP's API, Lit Actions as conditions, …). */
export const unsupported = (path: string, detail: string) =>
  conditionError(
    'NodeAccessControlConditionsCheckFailed',
    path,
    `${detail} (not evaluable on the devnet)`,
  );

/** A returnValueTest that does not fit the returned value. */
export const badReturnValueTest = (path: string, detail: string) =>
  conditionError('NodeInvalidACCReturnValueTest', `${path}.returnValueTest`, detail);

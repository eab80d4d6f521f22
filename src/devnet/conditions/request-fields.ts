// The fields decryption and JWT requests share: one kind of conditions (as Lit's SDK sends them,
// the others absent or null), the chain name, the AuthSig and the epoch.
import { z } from 'zod';
import { CONDITION_KINDS, type ConditionsKind } from '../../protocol/access-control';
import { LitNodeError } from '../../protocol/errors';

// Items are checked by readConditions, which names the bad path; the list size bounds the work.
const conditionList = z.array(z.unknown()).max(256).nullish();

export const conditionFields = {
  accessControlConditions: conditionList,
  evmContractConditions: conditionList,
  solRpcConditions: conditionList,
  unifiedAccessControlConditions: conditionList,
  chain: z.string().max(64).nullish(),
  authSig: z.unknown(),
  epoch: z.number().int().min(0).optional(),
};

type WithConditions = { [K in ConditionsKind]?: unknown[] | null | undefined };

/** The one kind of conditions a request carries; two kinds at once are refused as ambiguous. */
export function pickConditions(body: WithConditions): {
  kind: ConditionsKind;
  conditions: unknown[];
} {
  const given = CONDITION_KINDS.filter((k) => body[k] !== undefined && body[k] !== null);
  if (given.length !== 1) {
    throw new LitNodeError(
      'NodeParserError',
      [
        given.length === 0
          ? `expected one of ${CONDITION_KINDS.join(', ')}`
          : `expected one kind of conditions, got ${given.join(' and ')}`,
      ],
      { message: 'Invalid access control conditions' },
    );
  }
  const kind = given[0]!;
  return { kind, conditions: body[kind]! };
}

// POST /web/encryption/sign (also `/` and `/v1`): decryption (wire doc §10–11). In Lit's order:
// hash the conditions, authenticate for `lit-accesscontrolcondition://<hash>/<dataHash>` +
// decryption, evaluate the conditions, then sign the identity with this node's BLS share.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { encryptionIdentity } from '../../../protocol/access-control';
import { LitNodeError } from '../../../protocol/errors';
import { authenticateUser } from '../../conditions/authenticate';
import { conditionChainOf } from '../../conditions/chain-access';
import { evaluateCanonical } from '../../conditions/evaluate';
import { readConditions } from '../../conditions/read-conditions';
import { conditionFields, pickConditions } from '../../conditions/request-fields';
import { capacityCheckFor } from '../capacity-check';
import type { NodeContext } from '../context';
import { decryptionShare } from '../decryption-share';
import { createSessionGuard } from '../session-guard';
import { parseNodeBody } from '../validate';

const EncryptionSignRequest = z.strictObject({
  ...conditionFields,
  dataToEncryptHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex characters (sha256 of the data)'),
});

export function registerEncryptionSign(app: FastifyInstance, ctx: NodeContext): void {
  const guard = createSessionGuard(ctx);
  const capacity = capacityCheckFor(ctx);
  const chain = conditionChainOf(ctx.chain);
  const handler = async (request: { body: unknown }) => {
    const body = parseNodeBody(EncryptionSignRequest, request.body);
    const { kind, conditions } = pickConditions(body);
    const { canonical, hashHex } = readConditions(kind, conditions);
    const { userAddress, capabilities } = authenticateUser(
      body.authSig,
      {
        resource: {
          resource: `${hashHex}/${body.dataToEncryptHash}`,
          resourcePrefix: 'lit-accesscontrolcondition',
        },
        ability: 'access-control-condition-decryption',
      },
      { guard, now: ctx.now },
    );
    capacity({ address: userAddress, capabilities }, 'decryption');
    if (!evaluateCanonical(chain, kind, canonical, { userAddress })) {
      throw new LitNodeError('NodeAccessControlConditionsReturnedNotAuthorized', [
        `${userAddress} does not satisfy the ${kind}`,
      ]);
    }
    const identity = encryptionIdentity(hashHex, body.dataToEncryptHash);
    return {
      result: 'success',
      signatureShare: { ProofOfPossession: decryptionShare(ctx, identity) },
      shareIndex: ctx.blsShare.id - 1,
    };
  };
  for (const path of ['/web/encryption/sign', '/web/encryption/sign/', '/web/encryption/sign/v1']) {
    app.post(path, handler);
  }
}

// POST /web/signing/access_control_condition: a JWT saying the user meets the conditions (Lit's
// `getSignedToken`). In Lit's order: hash, authenticate for `lit-accesscontrolcondition://<hash>`
// + signing, evaluate, check iat/exp, then sign the unsigned JWT with this node's BLS share.
import { base64urlnopad } from '@scure/base';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { signShare } from '../../../protocol/bls-shares';
import { utf8 } from '../../../protocol/bytes';
import { LitNodeError } from '../../../protocol/errors';
import { authenticateUser } from '../../conditions/authenticate';
import { conditionChainOf } from '../../conditions/chain-access';
import { evaluateCanonical } from '../../conditions/evaluate';
import { readConditions } from '../../conditions/read-conditions';
import { conditionFields, pickConditions } from '../../conditions/request-fields';
import { capacityCheckFor } from '../capacity-check';
import type { NodeContext } from '../context';
import { createSessionGuard } from '../session-guard';
import { parseNodeBody } from '../validate';

/** Lit's nodes allow clocks 3 minutes apart, and JWTs of at most 12 hours. */
export const JWT_GRACE_SECONDS = 180;
export const JWT_MAX_LIFETIME_SECONDS = 12 * 60 * 60;

const seconds = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const SigningRequest = z.strictObject({ ...conditionFields, iat: seconds, exp: seconds });

const HEADER = base64urlnopad.encode(utf8(JSON.stringify({ alg: 'BLS12-381', typ: 'JWT' })));

export function registerSigningJwt(app: FastifyInstance, ctx: NodeContext): void {
  const guard = createSessionGuard(ctx);
  const capacity = capacityCheckFor(ctx);
  const chain = conditionChainOf(ctx.chain);
  app.post('/web/signing/access_control_condition', async (request) => {
    const body = parseNodeBody(SigningRequest, request.body);
    const { kind, conditions } = pickConditions(body);
    const { canonical, hashHex } = readConditions(kind, conditions);
    const { userAddress, capabilities } = authenticateUser(
      body.authSig,
      {
        resource: { resource: hashHex, resourcePrefix: 'lit-accesscontrolcondition' },
        ability: 'access-control-condition-signing',
      },
      { guard, now: ctx.now },
    );
    capacity({ address: userAddress, capabilities }, 'jwt');
    if (!evaluateCanonical(chain, kind, canonical, { userAddress })) {
      throw new LitNodeError('NodeAccessControlConditionsReturnedNotAuthorized', [
        `${userAddress} does not satisfy the ${kind}`,
      ]);
    }
    const now = Math.floor(ctx.now() / 1000);
    if (Math.abs(body.iat - now) > JWT_GRACE_SECONDS) {
      throw new LitNodeError('NodeIatOutsideGracePeriod', [
        `iat ${body.iat} is more than ${JWT_GRACE_SECONDS} s from the node's time ${now}`,
      ]);
    }
    if (body.exp <= body.iat || body.exp > now + JWT_GRACE_SECONDS + JWT_MAX_LIFETIME_SECONDS) {
      throw new LitNodeError('NodeExpWrongOrTooLarge', [
        `exp must be after iat and at most ${JWT_MAX_LIFETIME_SECONDS} s from now`,
      ]);
    }
    // Lit's JwtPayloadV2 field order; the kinds not used stay, as null.
    const payload = {
      iss: 'LIT',
      sub: userAddress,
      chain: body.chain ?? null,
      iat: body.iat,
      exp: body.exp,
      accessControlConditions: kind === 'accessControlConditions' ? canonical : null,
      evmContractConditions: kind === 'evmContractConditions' ? canonical : null,
      solRpcConditions: kind === 'solRpcConditions' ? canonical : null,
      unifiedAccessControlConditions: kind === 'unifiedAccessControlConditions' ? canonical : null,
    };
    const unsignedJwt = `${HEADER}.${base64urlnopad.encode(utf8(JSON.stringify(payload)))}`;
    return {
      result: 'success',
      signatureShare: { ProofOfPossession: signShare(ctx.blsShare, utf8(unsignedJwt)) },
      shareIndex: ctx.blsShare.id - 1,
      unsignedJwt,
    };
  });
}

import { getSignedToken } from '../../../client/jwt';
import { signingResourceId } from '../../../protocol/resources';
import type { ProviderParams, ProviderResults, ResourceAbilityRequest } from '../../messages';
import { nodesThatAnswered } from '../brokered-errors';
import { checkedConditions } from '../brokered-params';
import { brokered } from '../brokered-session';
import type { RequestContext } from '../request-context';

/**
 * `lit_getSignedToken`: the nodes sign a JWT saying this origin's session's user meets the
 * conditions (the session must cover `<conditions hash>` for signing); the page gets the JWT.
 */
export async function handleGetSignedToken(
  params: ProviderParams<'lit_getSignedToken'>,
  context: RequestContext,
  requestId: string,
): Promise<ProviderResults['lit_getSignedToken']> {
  const conditions = checkedConditions(params);
  const resource: ResourceAbilityRequest = {
    resource: {
      resource: signingResourceId(conditions.hashHex),
      resourcePrefix: 'lit-accesscontrolcondition',
    },
    ability: 'access-control-condition-signing',
  };
  return brokered(context, requestId, {
    method: 'lit_getSignedToken',
    resource,
    what: 'the signed token',
    run: async (sessionSigs, network) => {
      const token = await getSignedToken(network, {
        ...conditions.params,
        sessionSigs,
        chain: params.chain,
      });
      return {
        result: { jwt: token.jwt },
        nodes: nodesThatAnswered(token.signers, token.failures),
      };
    },
  });
}

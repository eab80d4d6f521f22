import { executeJs } from '../../../client/execute-js';
import { ipfsCidV0 } from '../../../protocol/ipfs-cid';
import type { ProviderParams, ProviderResults, ResourceAbilityRequest } from '../../messages';
import { brokered } from '../brokered-session';
import type { RequestContext } from '../request-context';
import { recordActionRun } from '../session-store';

/** Lit's SDK hands back `response` parsed when it is JSON, else the text. */
function parsedResponse(response: string): unknown {
  try {
    return JSON.parse(response);
  } catch {
    return response;
  }
}

/**
 * `lit_executeJs`: runs a Lit Action (its CID computed here from the code, or the `ipfsId` given)
 * through this origin's session that covers that CID; the first run of a CID in a session waits
 * for the user's confirmation.
 */
export async function handleExecuteJs(
  params: ProviderParams<'lit_executeJs'>,
  context: RequestContext,
  requestId: string,
): Promise<ProviderResults['lit_executeJs']> {
  const code = params.code ?? null;
  const cid = code !== null ? ipfsCidV0(code) : params.ipfsId!;
  const resource: ResourceAbilityRequest = {
    resource: { resource: cid, resourcePrefix: 'lit-litaction' },
    ability: 'lit-action-execution',
  };
  return brokered(context, requestId, {
    method: 'lit_executeJs',
    resource,
    what: 'the Lit Action run',
    confirmation: (session) =>
      session.actionsRun?.includes(cid)
        ? null
        : {
            purpose: 'confirm-lit-action',
            sessionId: session.id,
            cid,
            code,
            jsParams: params.jsParams ?? {},
          },
    confirmed: async (session) => void (await recordActionRun(session.id, cid)),
    run: async (sessionSigs, network) => {
      const ran = await executeJs(network, {
        sessionSigs,
        ...(code !== null ? { code } : { ipfsId: cid }),
        ...(params.jsParams !== undefined && { jsParams: params.jsParams }),
      });
      return {
        result: {
          response: parsedResponse(ran.response),
          logs: ran.logs,
          signatures: ran.signatures,
          claims: {},
        },
        nodes: ran.nodes,
      };
    },
  });
}

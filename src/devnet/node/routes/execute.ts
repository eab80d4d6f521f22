// POST /web/execute/v1 (lit-operations.md, executeJs): Lit Actions run by the nodes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { conditionChainOf } from '../../conditions/chain-access';
import { evaluateConditions } from '../../conditions/evaluate';
import type { ActionOperations } from '../action-operations';
import { nodeActionSandbox, type NodeActionSandbox } from '../action-sandbox';
import { capacityCheckFor } from '../capacity-check';
import type { NodeContext } from '../context';
import { decryptionShare } from '../decryption-share';
import { ecdsaSignatureShare } from '../ecdsa-share';
import { correlationIdOf } from '../errors';
import { executeJs, type ExecuteJsDeps } from '../execute-js';
import { peerChannelOf } from '../peers';
import { createSessionGuard } from '../session-guard';

/** The node's own threshold-ECDSA, condition and decryption steps, as actions reach them. */
export function nodeActionOperations(ctx: NodeContext): ActionOperations {
  const chain = conditionChainOf(ctx.chain);
  return {
    signEcdsa: (request) => ecdsaSignatureShare(ctx, request),
    checkConditions: async ({ kind, conditions, userAddress }) =>
      evaluateConditions(chain, kind, conditions, { userAddress }),
    decryptionShare: async (identity) => decryptionShare(ctx, identity),
  };
}

/** The node's state and services as executeJs needs them (`ops` replaceable in tests). */
export function executeJsDeps(
  ctx: NodeContext,
  { pool, admission }: NodeActionSandbox,
  ops: ActionOperations = nodeActionOperations(ctx),
): ExecuteJsDeps {
  const peers = peerChannelOf(ctx);
  return {
    guard: createSessionGuard(ctx),
    capacity: capacityCheckFor(ctx),
    actionCode: (cid) => ctx.nodeDb.actionCode(cid),
    rememberActionCode: (cid, code) => ctx.nodeDb.rememberActionCode(cid, code),
    runLitAction: (request) => pool.run(request),
    admission,
    runEnv: (request) => ({
      ...request,
      selfIndex: ctx.index,
      threshold: ctx.threshold,
      peers,
      ops,
      pkpPermissions: (tokenId) => ctx.chain.pkp(tokenId),
      rpcUrl: ctx.rpcUrl,
      blsPublicShares: ctx.blsPublicShares,
      networkPublicKey: ctx.networkPublicKey,
      now: ctx.now,
    }),
    ...(ctx.actionTimeoutMs !== null ? { actionTimeoutMs: ctx.actionTimeoutMs } : {}),
  };
}

/** The client's `X-Request-Id` when it sent a usable one (runOnce's leader is chosen from it). */
function sentRequestId(request: FastifyRequest): string | null {
  const header = request.headers['x-request-id'];
  return typeof header === 'string' && correlationIdOf(request) === header ? header : null;
}

export function registerExecute(app: FastifyInstance, ctx: NodeContext): void {
  // The node's own workers: with one pool for all in-process nodes, runOnce followers waiting for
  // their leader could hold every worker while the leader's run waits in the queue.
  const deps = executeJsDeps(ctx, nodeActionSandbox(app));
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const answer = await executeJs({ body: request.body, requestId: sentRequestId(request) }, deps);
    return reply.code(answer.status).send(answer.body);
  };
  app.post('/web/execute/v1', handler);
  app.post('/web/execute/v1/', handler);
}

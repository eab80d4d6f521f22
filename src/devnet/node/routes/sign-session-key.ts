// POST /web/sign_session_key/v1 (wire doc §8): PKP and Lit Action sessions.
import type { FastifyInstance } from 'fastify';
import { nodeActionSandbox, type NodeActionSandbox } from '../action-sandbox';
import type { NodeContext } from '../context';
import { signSessionKey, type SignSessionKeyDeps } from '../sign-session-key';

/** The node's state and services as the sign_session_key steps need them. */
export function signSessionKeyDeps(
  ctx: NodeContext,
  { pool, admission }: NodeActionSandbox,
): SignSessionKeyDeps {
  return {
    share: ctx.blsShare,
    networkPublicKey: ctx.networkPublicKeyHex,
    now: ctx.now,
    issuedBlock: (hash) => {
      const timestamp = ctx.chain.isIssuedBlockHash(hash);
      return timestamp === null ? null : { timestamp };
    },
    pkpPermissions: (tokenId) => ctx.chain.pkp(tokenId),
    claimAuthMethods: (hashes, sessionKey) =>
      ctx.nodeDb.claimAuthMethods(hashes, sessionKey, ctx.now()),
    // The node's executeJs workers and caller shares, and the same time limit (tests shorten
    // Datil's 30 s through actionTimeoutMs).
    admission,
    runLitAction: (request) =>
      pool.run({
        ...request,
        ...(ctx.actionTimeoutMs !== null ? { limits: { timeoutMs: ctx.actionTimeoutMs } } : {}),
      }),
    actionCode: (cid) => ctx.nodeDb.actionCode(cid),
    rememberActionCode: (cid, code) => ctx.nodeDb.rememberActionCode(cid, code),
  };
}

export function registerSignSessionKey(app: FastifyInstance, ctx: NodeContext): void {
  const deps = signSessionKeyDeps(ctx, nodeActionSandbox(app));
  const handler = (request: { body: unknown }) => signSessionKey(request.body, deps);
  app.post('/web/sign_session_key/v1', handler);
  app.post('/web/sign_session_key/v1/', handler);
}

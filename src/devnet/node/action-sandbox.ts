// One sandbox per node for every Lit Action it runs — executeJs and the action deciding a
// sign_session_key alike — and one per-caller share of it. With the process-wide pool the
// deciding actions used, one caller looping in sessions on one node starved every in-process
// node's sessions; per node, a flood stays on the node it was sent to, and the caller's share
// (16, `action-admission.ts`) counts both kinds of action.
import type { FastifyInstance } from 'fastify';
import { SandboxPool } from '../actions';
import { ActionAdmission } from './action-admission';

export interface NodeActionSandbox {
  pool: SandboxPool;
  admission: ActionAdmission;
}

// Keyed by the node's server: every route registrar gets the same one, and it closes with it.
const sandboxes = new WeakMap<FastifyInstance, NodeActionSandbox>();

/** The node's sandbox, made (and closed with the server) on first use. */
export function nodeActionSandbox(app: FastifyInstance): NodeActionSandbox {
  let sandbox = sandboxes.get(app);
  if (!sandbox) {
    const made = { pool: new SandboxPool(), admission: new ActionAdmission() };
    app.addHook('onClose', () => made.pool.close());
    sandboxes.set(app, made);
    sandbox = made;
  }
  return sandbox;
}

// The node's entry to the sandbox: one shared pool per process, started on first use.
import { SandboxPool } from './sandbox-pool';
import type { LitActionRequest, LitActionResult } from './types';

let shared: SandboxPool | undefined;

/**
 * Runs a Lit Action as Lit's nodes do and resolves with its response and logs, or with Lit's
 * error code; it never rejects. Bad input resolves with `InvalidLitActionRequest`.
 *
 * @example
 * const result = await runLitAction({
 *   code: 'Lit.Actions.setResponse({ response: String(a + 1) })',
 *   jsParams: { a: 41 },
 *   authContext: { actionIpfsIds: [], authSigAddress: null, authMethodContexts: [],
 *     resources: [], customAuthResource: '' },
 * }); // { ok: true, response: '42', logs: '' }
 */
export function runLitAction(request: LitActionRequest): Promise<LitActionResult> {
  shared ??= new SandboxPool();
  return shared.run(request);
}

/** Stops the shared pool's workers (on node shutdown); a later run starts a new pool. */
export async function closeLitActionSandbox(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.close();
}

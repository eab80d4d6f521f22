// The answer when no Lit Action worker is free for an action's time limit: 503 with
// Retry-After, for executeJs and for a Lit Action deciding a session alike.
import { NodeTransportError } from './errors';

/** Every worker was taken for the action's whole time limit (or 64 actions already wait). */
export function sandboxBusy(detail: string): NodeTransportError {
  return new NodeTransportError(
    {
      status: 503,
      errorKind: 'Generic',
      errorCode: 'NodeJsSandboxBusy',
      message: 'Every Lit Action worker of this node is busy; try again later',
      details: [detail],
    },
    { 'retry-after': '1' },
  );
}

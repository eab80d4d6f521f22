// What a request needs after the worker starts, loaded at once and side by side instead of one
// after another on the first request: the session records, their keys, the network.
import { getSessionKey } from './key-vault';
import { currentNetwork } from './network';
import { allSessions } from './session-store';

export async function warmUp(): Promise<void> {
  await Promise.all([
    allSessions().then((sessions) =>
      Promise.all(sessions.slice(0, 20).map((s) => getSessionKey(s.publicKey, s.origin))),
    ),
    // An unreachable network is reported to the request that needs it, not here.
    currentNetwork().catch(() => undefined),
  ]);
}

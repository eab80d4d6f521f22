// The built-in account's capacity credits, asked once when a session request is shown (a credit
// can be attached to the session at approval).
import { useEffect, useState } from 'react';
import { askWorker } from '../shared/worker-client';
import type { CreditsState } from './credit-choice';

export function useCredits(): CreditsState {
  const [state, setState] = useState<CreditsState>({ status: 'loading' });
  useEffect(() => {
    let stopped = false;
    askWorker({ type: 'ui_listCredits' }).then(
      (list) => !stopped && setState({ status: 'loaded', ...list }),
      (e: unknown) =>
        !stopped &&
        setState({ status: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      stopped = true;
    };
  }, []);
  return state;
}

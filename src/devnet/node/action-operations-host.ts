// Every node-backed `Lit.Actions.*` function of one run, and the signature shares it collects.
import type { HostFunction } from '../actions';
import { conditionHostFunctions } from './action-operations-conditions';
import type { ActionRunEnv, SignedDataEntry } from './action-operations-env';
import { peerHostFunctions } from './action-operations-peers';
import { signingHostFunctions } from './action-operations-signing';

export interface ActionHost {
  hostFunctions: Record<string, HostFunction>;
  /** Filled by signEcdsa / ethPersonalSignMessageEcdsa, keyed by sigName. */
  signedData: Map<string, SignedDataEntry>;
}

export function actionHost(env: ActionRunEnv): ActionHost {
  const signedData = new Map<string, SignedDataEntry>();
  return {
    hostFunctions: {
      ...signingHostFunctions(env, signedData),
      ...conditionHostFunctions(env),
      ...peerHostFunctions(env),
    },
    signedData,
  };
}

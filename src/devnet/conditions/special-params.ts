// Lit's special parameters (access_control's substitute_special_params): `:userAddress` is the
// address the request authenticated as; anything else not starting with one of these is literal.
import { unsupported } from './failures';

export interface ConditionContext {
  /** The authenticated user's address (checksummed): a wallet's, or a PKP's for PKP sessions. */
  userAddress: string;
  /** The running Lit Action's CID, for conditions checked from inside an action. */
  currentActionIpfsId?: string;
}

export function substitute(param: string, context: ConditionContext, path: string): string {
  if (param === ':userAddress') return context.userAddress;
  if (param === ':currentActionIpfsId') return context.currentActionIpfsId ?? '';
  if (param.startsWith(':litParam')) {
    throw unsupported(path, ':litParam values come from a SIWE resource the devnet does not read');
  }
  return param;
}

// Lit's `check_pkp_auth` order (lit-operations.md): permitted auth methods with the scope, then
// permitted action CIDs, then the owner or a permitted address. The first that passes wins.
import {
  AUTH_METHOD_SCOPE as SCOPE,
  AUTH_METHOD_TYPE,
  ethWalletAuthMethodId,
} from '../../protocol/auth-method';
import type { PkpRecord } from '../state/chain-types';

// One definition of Lit's auth method types, scopes and EthWallet ids, shared with the extension.
export {
  AUTH_METHOD_TYPE,
  AUTH_METHOD_SCOPE as SCOPE,
  ethWalletAuthMethodId,
} from '../../protocol/auth-method';

/** What the chain records about who may use a PKP (the same fields as its `PkpRecord`). */
export type PkpPermissions = Pick<
  PkpRecord,
  'owner' | 'permittedAddresses' | 'permittedAuthMethods' | 'permittedActions'
>;

/** What the nodes established about who is asking. */
export interface AuthenticatedCaller {
  /** Auth methods that authenticated, with their ids (`0x` + 64 hex for EthWallet). */
  authMethods: { authMethodType: number; authMethodId: string; userId: string }[];
  /** CIDs of the Lit Actions that ran for this request. */
  actionCids: string[];
  /** Wallet addresses that proved themselves (EthWallet auth methods, session capabilities). */
  addresses: string[];
}

const hasScope = (scopes: number[], scope: number) =>
  scopes.includes(scope) || (scope === SCOPE.PersonalSign && scopes.includes(SCOPE.SignAnything));

const sameHex = (a: string, b: string) =>
  a.replace(/^0x/i, '').toLowerCase() === b.replace(/^0x/i, '').toLowerCase();

/** How the caller is permitted on the PKP for `scope`, or null when it is not. */
export function pkpPermission(
  permissions: PkpPermissions,
  caller: AuthenticatedCaller,
  scope: number,
): string | null {
  for (const method of caller.authMethods) {
    const granted = permissions.permittedAuthMethods.find(
      (p) =>
        p.authMethodType === method.authMethodType && sameHex(p.authMethodId, method.authMethodId),
    );
    if (granted && hasScope(granted.scopes, scope)) return `auth method ${method.authMethodType}`;
  }
  // Actions and addresses listed through the admin API carry no scopes: they grant every scope.
  for (const cid of caller.actionCids) {
    if (permissions.permittedActions.includes(cid)) return `action ${cid}`;
  }
  for (const address of caller.addresses) {
    if (permissions.owner && sameHex(permissions.owner, address)) return 'owner';
    if (permissions.permittedAddresses.some((a) => sameHex(a, address))) return 'permitted address';
    const ids = [ethWalletAuthMethodId(address.toLowerCase()), ethWalletAuthMethodId(address)];
    // An address stored as an EthWallet auth method keeps that entry's scopes: never widened.
    const asMethod = permissions.permittedAuthMethods.find(
      (p) =>
        p.authMethodType === AUTH_METHOD_TYPE.EthWallet &&
        ids.some((id) => sameHex(id, p.authMethodId)) &&
        hasScope(p.scopes, scope),
    );
    if (asMethod) return 'permitted address';
  }
  return null;
}

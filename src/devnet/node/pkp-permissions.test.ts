import { describe, expect, it } from 'vitest';
import { ethWalletAuthMethodId, pkpPermission, type PkpPermissions } from './pkp-permissions';

const wallet = '0x19E7E376E7C213B7E7e7e46cc70A5dD086DAff2A';
const none: PkpPermissions = {
  owner: null,
  permittedAddresses: [],
  permittedAuthMethods: [],
  permittedActions: [],
};
const caller = (over: Partial<Parameters<typeof pkpPermission>[1]> = {}) => ({
  authMethods: [{ authMethodType: 1, authMethodId: ethWalletAuthMethodId(wallet), userId: wallet }],
  actionCids: [],
  addresses: [wallet],
  ...over,
});

describe('ethWalletAuthMethodId', () => {
  it("matches Lit's documented example", () => {
    expect(ethWalletAuthMethodId(wallet)).toBe(
      '0x33ec56a97e80b03e65d3648656d27a06fa150c25925d8862ca6305df090b6014',
    );
  });
});

describe('pkpPermission', () => {
  it('refuses a caller with no permission', () => {
    expect(pkpPermission(none, caller(), 2)).toBeNull();
  });

  it('accepts a permitted auth method with the scope; sign-anything also covers personal sign', () => {
    const id = ethWalletAuthMethodId(wallet);
    const scoped = (scopes: number[]) => ({
      ...none,
      permittedAuthMethods: [{ authMethodType: 1, authMethodId: id, scopes }],
    });
    expect(pkpPermission(scoped([2]), caller(), 2)).toBe('auth method 1');
    expect(pkpPermission(scoped([1]), caller(), 2)).toBe('auth method 1');
    expect(pkpPermission(scoped([2]), caller({ addresses: [] }), 1)).toBeNull();
    expect(pkpPermission(scoped([]), caller({ addresses: [] }), 2)).toBeNull();
  });

  it('accepts a permitted action CID, the owner, or a permitted address in any case', () => {
    const cid = 'QmUuoPhVHm9D66UoPkBiWsAKmw5QcadNdhqrbQB5Kni7Jg';
    expect(
      pkpPermission({ ...none, permittedActions: [cid] }, caller({ actionCids: [cid] }), 2),
    ).toBe(`action ${cid}`);
    expect(pkpPermission({ ...none, owner: wallet.toLowerCase() }, caller(), 1)).toBe('owner');
    expect(
      pkpPermission(
        { ...none, permittedAddresses: [wallet.toUpperCase().replace('0X', '0x')] },
        caller(),
        2,
      ),
    ).toBe('permitted address');
    const lowerId = ethWalletAuthMethodId(wallet.toLowerCase());
    const asMethod = (scopes: number[]) => ({
      ...none,
      permittedAuthMethods: [{ authMethodType: 1, authMethodId: lowerId, scopes }],
    });
    expect(pkpPermission(asMethod([2]), caller(), 2)).toBe('permitted address');
    // An address entry without the scope is not widened by the address path.
    expect(pkpPermission(asMethod([]), caller(), 2)).toBeNull();
  });
});

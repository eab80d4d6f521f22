import { ethers } from 'ethers';
import { describe, expect, it } from 'vitest';
import { createWalletAuthSig } from './auth-sig';
import { AUTH_METHOD_TYPE, ethWalletAuthMethod, ethWalletAuthMethodId } from './auth-method';
import { privateKeySigner } from './ethereum';

describe('ethWalletAuthMethodId', () => {
  it('is keccak256 of "<address as written>:lit" (Lit hashes the AuthSig address as is)', () => {
    const checksummed = '0x5B38Da6a701c568545dCfcB03FcB875f56beddC4';
    expect(ethWalletAuthMethodId(checksummed)).toBe(
      ethers.utils.keccak256(ethers.utils.toUtf8Bytes(`${checksummed}:lit`)),
    );
    expect(ethWalletAuthMethodId(checksummed.toLowerCase())).not.toBe(
      ethWalletAuthMethodId(checksummed),
    );
  });

  it('refuses what is not an address', () => {
    expect(() => ethWalletAuthMethodId('0x1234')).toThrow(/40 hex/);
    expect(() => ethWalletAuthMethodId(undefined as never)).toThrow(/40 hex/);
  });
});

describe('ethWalletAuthMethod', () => {
  it('carries exactly the AuthSig fields as JSON', async () => {
    const signer = privateKeySigner(new Uint8Array(32).fill(3));
    const authSig = await createWalletAuthSig({ signer, message: 'hello' });
    const method = ethWalletAuthMethod({ ...authSig, extra: 'x' } as never);
    expect(method.authMethodType).toBe(AUTH_METHOD_TYPE.EthWallet);
    expect(JSON.parse(method.accessToken)).toEqual(authSig);
  });

  it('refuses a malformed AuthSig', () => {
    expect(() => ethWalletAuthMethod({ sig: 1 } as never)).toThrow(/wallet AuthSig/);
    expect(() => ethWalletAuthMethod(null as never)).toThrow(/wallet AuthSig/);
  });
});

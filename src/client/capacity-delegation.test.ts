import { createSiweMessageWithCapacityDelegation } from '@lit-protocol/auth-helpers';
import { LitNodeClientNodeJs } from '@lit-protocol/lit-node-client-nodejs';
import { describe, expect, it } from 'vitest';
import { ethers } from 'ethers';
import { createCapacityDelegationAuthSig } from './capacity-delegation';

const owner = ethers.Wallet.createRandom();
const user = ethers.Wallet.createRandom();
const nonce = '0x' + 'ab'.repeat(32);
const base = {
  signer: (message: string) => owner.signMessage(message),
  address: owner.address,
  capacityTokenId: '12',
  delegateeAddresses: [user.address],
  uses: '3',
  nonce,
};

describe('createCapacityDelegationAuthSig', () => {
  it('builds the lit:capability:delegation AuthSig with the recap Lit’s nodes read', async () => {
    const authSig = await createCapacityDelegationAuthSig(base);
    expect(authSig.address).toBe(owner.address);
    expect(authSig.derivedVia).toBe('web3.eth.personal.sign');
    expect(ethers.utils.verifyMessage(authSig.signedMessage, authSig.sig)).toBe(owner.address);
    expect(authSig.signedMessage).toContain('URI: lit:capability:delegation');
    expect(authSig.signedMessage).toContain(`Nonce: ${nonce}`);
    const urn = authSig.signedMessage.split('\n').find((l) => l.startsWith('- urn:recap:'))!;
    const recap = JSON.parse(Buffer.from(urn.slice('- urn:recap:'.length), 'base64url').toString());
    expect(recap).toEqual({
      att: {
        'lit-ratelimitincrease://12': {
          'Auth/Auth': [{ delegate_to: [user.address.slice(2)], nft_id: ['12'], uses: '3' }],
        },
      },
      prf: [],
    });
  });

  it('writes the same message as Lit’s auth-helpers for the same inputs', async () => {
    const ours = await createCapacityDelegationAuthSig(base);
    const issuedAt = /Issued At: (\S+)/.exec(ours.signedMessage)![1]!;
    const expiration = /Expiration Time: (\S+)/.exec(ours.signedMessage)![1]!;
    const lit = {
      signedMessage: await createSiweMessageWithCapacityDelegation({
        uri: 'lit:capability:delegation',
        walletAddress: owner.address,
        nonce,
        expiration,
        uses: '3',
        delegateeAddresses: [user.address],
        capacityTokenId: '12',
        litNodeClient: Object.assign(
          new LitNodeClientNodeJs({ litNetwork: 'custom', debug: false } as never),
          { ready: true, getLatestBlockhash: async () => nonce },
        ),
      } as never),
    };
    const litIssuedAt = /Issued At: (\S+)/.exec(lit.signedMessage)![1]!;
    expect(lit.signedMessage.replace(litIssuedAt, issuedAt)).toBe(ours.signedMessage);
  });

  it.each([
    [{ signer: 'no' }, /signer/],
    [{ address: 'owner' }, /address/],
    [{ capacityTokenId: '0x1' }, /capacityTokenId/],
    [{ delegateeAddresses: [] }, /delegateeAddresses/],
    [{ delegateeAddresses: ['bob'] }, /delegateeAddresses/],
    [{ uses: '0' }, /uses/],
    [{ uses: '-1' }, /uses/],
    [{ nonce: 'latest' }, /nonce/],
  ])('refuses %o', (over, message) => {
    expect(() => createCapacityDelegationAuthSig({ ...base, ...over } as never)).toThrow(message);
  });
});

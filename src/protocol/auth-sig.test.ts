import { generateAuthSig } from '@lit-protocol/auth-helpers';
import { verifySignature } from '@lit-protocol/crypto';
import { LitNodeClientNodeJs } from '@lit-protocol/lit-node-client-nodejs';
import { blsSessionSigVerify } from '@lit-protocol/lit-node-client-nodejs/src/lib/helpers/validate-bls-session-sig';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { ethers } from 'ethers';
import { SiweMessage } from 'siwe';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  authSigKind,
  CAPACITY_DELEGATION_URI,
  createCapacityDelegationAuthSig,
  createNetworkAuthSig,
  createWalletAuthSig,
  isAuthSig,
} from './auth-sig';
import { blsPublicKey, blsSign, randomBlsSecretKey, sessionDigest } from './bls';
import { toHex } from './bytes';
import { addressFromPublicKey, privateKeySigner } from './ethereum';
import { decodeRecap } from './recap';
import { parseSiweMessage } from './siwe';
import { createSessionCapabilityMessage } from './session-sigs';

const wallet = new ethers.Wallet('0x' + '42'.repeat(32));
const nonce = '0x' + 'ef'.repeat(32);

afterEach(() => {
  vi.useRealTimers();
});

describe('wallet AuthSig', () => {
  it('equals Lit’s generateAuthSig for an ethers Wallet and for our private-key signer', async () => {
    const message = createSessionCapabilityMessage({
      sessionPublicKey: 'ab'.repeat(32),
      walletAddress: wallet.address,
      nonce,
      resources: [
        { resource: { resource: '*', resourcePrefix: 'lit-pkp' }, ability: 'pkp-signing' },
      ],
    });
    const lit = await generateAuthSig({ signer: wallet, toSign: message });
    expect(await createWalletAuthSig({ signer: wallet, message })).toEqual(lit);
    const ours = await createWalletAuthSig({
      signer: privateKeySigner(new Uint8Array(32).fill(0x42)),
      message,
    });
    expect(JSON.stringify(ours)).toBe(JSON.stringify(lit));
    expect(authSigKind(ours)).toBe('wallet');
  });

  it('takes the address from the signature when the signer has no getAddress, and rejects lies', async () => {
    const bare = { signMessage: (m: string) => wallet.signMessage(m) };
    expect((await createWalletAuthSig({ signer: bare, message: 'hi' })).address).toBe(
      wallet.address,
    );
    await expect(
      createWalletAuthSig({ signer: bare, message: 'hi', address: '0x' + '11'.repeat(20) }),
    ).rejects.toThrow(/recovers to/);
    await expect(
      createWalletAuthSig({ signer: { signMessage: async () => '0x1234' }, message: 'hi' }),
    ).rejects.toThrow(/65-byte/);
    await expect(createWalletAuthSig({ signer: {} as never, message: 'hi' })).rejects.toThrow(
      /signMessage/,
    );
  });
});

describe('network (lit.bls) AuthSig', () => {
  it('has Lit’s shape and key order, and passes Lit’s own blsSessionSigVerify', async () => {
    const sk = randomBlsSecretKey();
    const networkKey = toHex(blsPublicKey(sk));
    const pkp = secp256k1.getPublicKey(secp256k1.utils.randomSecretKey(), false);
    const pkpAddress = addressFromPublicKey(pkp);
    const now = Date.now();
    const siweMessage = createSessionCapabilityMessage({
      sessionPublicKey: 'ab'.repeat(32),
      walletAddress: pkpAddress,
      nonce,
      statement: 'Lit Protocol PKP session signature',
      issuedAt: new Date(now - 60_000).toISOString(),
      expiration: new Date(now + 3600_000).toISOString(),
      resources: [
        { resource: { resource: '*', resourcePrefix: 'lit-pkp' }, ability: 'pkp-signing' },
      ],
    });
    const signature = blsSign(sk, sessionDigest(siweMessage));
    const authSig = createNetworkAuthSig({ signature, siweMessage, pkpPublicKey: pkp });
    expect(Object.keys(authSig)).toEqual(['sig', 'algo', 'derivedVia', 'signedMessage', 'address']);
    expect(authSig).toEqual({
      sig: JSON.stringify({ ProofOfPossession: toHex(signature) }),
      algo: 'LIT_BLS',
      derivedVia: 'lit.bls',
      signedMessage: siweMessage,
      address: ethers.utils.computeAddress(pkp),
    });
    expect(authSigKind(authSig)).toBe('network');
    await blsSessionSigVerify(
      verifySignature,
      networkKey,
      authSig,
      new SiweMessage(authSig.signedMessage),
    );
    const other = createNetworkAuthSig({
      signature: blsSign(randomBlsSecretKey(), sessionDigest(siweMessage)),
      siweMessage,
      address: pkpAddress,
    });
    await expect(
      blsSessionSigVerify(verifySignature, networkKey, other, new SiweMessage(other.signedMessage)),
    ).rejects.toThrow();
    expect(() =>
      createNetworkAuthSig({ signature: signature.subarray(1), siweMessage, address: pkpAddress }),
    ).toThrow(/96/);
    expect(() => createNetworkAuthSig({ signature, siweMessage, address: wallet.address })).toThrow(
      /not the PKP address/,
    );
  });
});

describe('capacity delegation AuthSig', () => {
  it('equals Lit’s createCapacityDelegationAuthSig', async () => {
    const t0 = Date.UTC(2025, 4, 6, 7, 8, 9, 10);
    vi.useFakeTimers({ now: t0, toFake: ['Date'] });
    const client = new LitNodeClientNodeJs({ litNetwork: 'custom', debug: false } as never);
    Object.assign(client, { ready: true, getLatestBlockhash: async () => nonce });
    const cases = [
      {
        capacityTokenId: '123',
        delegateeAddresses: ['0x' + '1a'.repeat(20), '2b'.repeat(20)],
        uses: '5',
      },
      { delegateeAddresses: ['0x' + '3c'.repeat(20)] },
      { capacityTokenId: '77', uses: '1', domain: 'app.example', statement: 'Delegate credits.' },
      {},
    ];
    for (const c of cases) {
      const expiration = new Date(t0 + 3_600_000).toISOString();
      const { capacityDelegationAuthSig: lit } = await client.createCapacityDelegationAuthSig({
        dAppOwnerWallet: wallet,
        expiration,
        ...c,
      } as never);
      const ours = await createCapacityDelegationAuthSig({
        signer: wallet,
        nonce,
        expiration,
        now: () => t0,
        ...c,
      });
      expect(ours, JSON.stringify(c)).toEqual(lit);
      const siwe = parseSiweMessage(ours.signedMessage);
      expect(siwe.uri).toBe(CAPACITY_DELEGATION_URI);
      const recap = decodeRecap(siwe.resources!.at(-1)!);
      expect(Object.keys(recap.att)).toEqual([
        `lit-ratelimitincrease://${c.capacityTokenId ?? '*'}`,
      ]);
    }
  });
});

describe('AuthSig kinds', () => {
  it('classifies as the node does', () => {
    const k = (derivedVia: string, algo?: string) => authSigKind({ derivedVia, algo });
    expect(k('litSessionSignViaNacl', 'ed25519')).toBe('session');
    expect(k('litSessionSignViaNacl')).toBe('wallet');
    expect(k('lit.bls', 'LIT_BLS')).toBe('network');
    expect(k('lit.bls')).toBe('wallet');
    expect(k('EIP1271')).toBe('contract');
    expect(k('web3.eth.personal.sign')).toBe('wallet');
    expect(isAuthSig({ sig: '', derivedVia: '', signedMessage: '', address: '' })).toBe(true);
    expect(isAuthSig({ sig: '', derivedVia: '', signedMessage: '', address: 1 })).toBe(false);
    expect(isAuthSig({ sig: '', derivedVia: '', signedMessage: '', address: '', algo: 2 })).toBe(
      false,
    );
    expect(isAuthSig(null)).toBe(false);
  });
});

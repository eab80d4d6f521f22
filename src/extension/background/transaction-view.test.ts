// Transactions as a confirmation shows them, checked against ethers' serializer: every field of
// legacy (with and without EIP-155), EIP-2930 and EIP-1559 transactions, a contract creation, and
// refusals for signed transactions, the types a confirmation cannot show, and garbage.
import { Wallet, utils } from 'ethers';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../protocol/bytes';
import { decodeTransaction, transactionDigest } from './transaction-view';

const to = '0x5b38da6a701c568545dcfcb03fcb875f56beddc4';
const to55 = utils.getAddress(to); // mixed case: the view checksums
const ETH = '0x0de0b6b3a7640000'; // 10^18

describe('decodeTransaction', () => {
  it('shows every field of the three shown types, numbers in decimal', () => {
    const cases = [
      {
        tx: { to, nonce: 7, gasLimit: 21000, gasPrice: 5, value: ETH },
        view: { type: 0, chainId: null, nonce: '7', to: to55, value: '1000000000000000000' },
      },
      {
        tx: { to, nonce: 7, gasLimit: 21000, gasPrice: 5, value: ETH, chainId: 1 },
        view: { type: 0, chainId: '1', nonce: '7', value: '1000000000000000000' },
      },
      {
        tx: { type: 1, to, nonce: 8, gasLimit: 30000, gasPrice: 5, chainId: 137, accessList: [] },
        view: { type: 1, chainId: '137', nonce: '8', gasLimit: '30000', value: '0', data: '0x' },
      },
      {
        tx: {
          type: 2,
          to,
          nonce: 9,
          gasLimit: 50000,
          maxFeePerGas: 5,
          maxPriorityFeePerGas: 1,
          chainId: 5,
          data: '0xabcd',
        },
        view: { type: 2, chainId: '5', nonce: '9', gasLimit: '50000', data: '0xabcd', to: to55 },
      },
      {
        tx: { type: 2, nonce: 0, gasLimit: 100000, maxFeePerGas: 5, chainId: 5, data: '0x6000' },
        view: { type: 2, to: null, data: '0x6000' },
      },
    ];
    for (const { tx, view } of cases) {
      const serialized = utils.serializeTransaction(tx);
      expect(decodeTransaction(serialized)).toMatchObject({ ...view, serialized });
    }
  });

  it('refuses signed transactions, blob and set-code types, and what is not a transaction', async () => {
    const wallet = new Wallet('0x' + '07'.repeat(32));
    for (const signed of [
      await wallet.signTransaction({ to, nonce: 1, gasLimit: 21000, gasPrice: 5, chainId: 1 }),
      await wallet.signTransaction({ to, nonce: 1, gasLimit: 21000, gasPrice: 5 }),
      await wallet.signTransaction({
        type: 2,
        to,
        nonce: 1,
        gasLimit: 21000,
        maxFeePerGas: 5,
        maxPriorityFeePerGas: 1,
        chainId: 1,
      }),
    ]) {
      expect(() => decodeTransaction(signed)).toThrow('must be an unsigned transaction');
    }
    // Type 4 (EIP-7702): [chainId, nonce, tip, fee, gas, to, value, data, accessList, authorizations]
    const setCode = utils.hexConcat([
      '0x04',
      utils.RLP.encode(['0x01', '0x', '0x01', '0x05', '0x5208', to, '0x', '0x', [], []]),
    ]);
    expect(() => decodeTransaction(setCode)).toThrow('which is not shown');
    for (const garbage of ['0x1234', '0x', '0xc0', 'deadbeef', '0x02zz', '0x02']) {
      expect(() => decodeTransaction(garbage)).toThrow('is not a serialized Ethereum transaction');
    }
  });

  it('digests the serialized bytes with keccak256', () => {
    const serialized = utils.serializeTransaction({ to, nonce: 1, gasLimit: 21000, chainId: 1 });
    expect(transactionDigest(serialized)).toBe(
      `0x${toHex(keccak_256(utils.arrayify(serialized)))}`,
    );
    expect(transactionDigest(serialized)).toBe(utils.keccak256(serialized));
  });
});

// Transactions as a confirmation shows them, checked against ethers' serializer: every field of
// legacy (with and without EIP-155), EIP-2930 and EIP-1559 transactions, a contract creation, their
// fees (per gas, the most in all, value + fee) and access lists, and refusals for signed
// transactions, the types a confirmation cannot show, and garbage.
import { BigNumber, Wallet, utils } from 'ethers';
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
        view: {
          type: 0,
          chainId: null,
          nonce: '7',
          to: to55,
          value: '1000000000000000000',
          gasPrice: '5',
          maxFeePerGas: null,
          maxPriorityFeePerGas: null,
          maxFee: '105000',
          maxCost: '1000000000000105000',
          accessList: null,
        },
      },
      {
        tx: { to, nonce: 7, gasLimit: 21000, gasPrice: 5, value: ETH, chainId: 1 },
        view: { type: 0, chainId: '1', nonce: '7', value: '1000000000000000000' },
      },
      {
        tx: { type: 1, to, nonce: 8, gasLimit: 30000, gasPrice: 5, chainId: 137, accessList: [] },
        view: {
          type: 1,
          chainId: '137',
          nonce: '8',
          gasLimit: '30000',
          value: '0',
          data: '0x',
          gasPrice: '5',
          maxFeePerGas: null,
          maxFee: '150000',
          maxCost: '150000',
          accessList: [],
        },
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
        view: {
          type: 2,
          chainId: '5',
          nonce: '9',
          gasLimit: '50000',
          data: '0xabcd',
          to: to55,
          gasPrice: null,
          maxFeePerGas: '5',
          maxPriorityFeePerGas: '1',
          maxFee: '250000',
          maxCost: '250000',
          accessList: [],
        },
      },
      {
        tx: { type: 2, nonce: 0, gasLimit: 100000, maxFeePerGas: 5, chainId: 5, data: '0x6000' },
        view: {
          type: 2,
          to: null,
          data: '0x6000',
          maxFeePerGas: '5',
          maxPriorityFeePerGas: '0',
          maxFee: '500000',
        },
      },
    ];
    for (const { tx, view } of cases) {
      const serialized = utils.serializeTransaction(tx);
      expect(decodeTransaction(serialized)).toMatchObject({ ...view, serialized });
    }
  });

  it('shows what the fee can cost: gas limit × fee per gas, and value + that', () => {
    // The reviewer's case: a harmless-looking 0-value call whose fee can take 3000 ETH.
    const drain = utils.serializeTransaction({
      type: 2,
      to,
      nonce: 0,
      chainId: 1,
      gasLimit: 30_000_000,
      maxFeePerGas: utils.parseUnits('100000', 'gwei'),
      maxPriorityFeePerGas: utils.parseUnits('2', 'gwei'),
    });
    expect(decodeTransaction(drain)).toMatchObject({
      value: '0',
      gasLimit: '30000000',
      maxFeePerGas: '100000000000000',
      maxPriorityFeePerGas: '2000000000',
      maxFee: '3000000000000000000000',
      maxCost: '3000000000000000000000',
    });
    // Exact past 2^53 and past 2^256 in the product (bigint, no floating point): the largest
    // gas limit and gas price the format holds.
    const most = 2n ** 256n - 1n;
    for (const type of [0, 1]) {
      const view = decodeTransaction(
        utils.serializeTransaction({
          type,
          to,
          nonce: 1,
          chainId: 1,
          gasLimit: utils.hexlify(most),
          gasPrice: utils.hexlify(most),
          value: utils.hexlify(most),
        }),
      );
      expect(view).toMatchObject({
        gasPrice: String(most),
        maxFee: String(most * most),
        maxCost: String(most * most + most),
      });
    }
    const odd = decodeTransaction(
      utils.serializeTransaction({
        to,
        nonce: 1,
        gasLimit: BigNumber.from('12345678901234567'),
        gasPrice: BigNumber.from('98765432109876543210'),
        value: 3,
      }),
    );
    expect(odd.maxFee).toBe(String(12345678901234567n * 98765432109876543210n));
    expect(odd.maxCost).toBe(String(12345678901234567n * 98765432109876543210n + 3n));
    // No gas price (an empty field): a fee of nothing, said as 0.
    expect(
      decodeTransaction(utils.serializeTransaction({ to, nonce: 1, gasLimit: 21000, value: 9 })),
    ).toMatchObject({ gasPrice: '0', maxFee: '0', maxCost: '9' });
  });

  it('shows the access list: each address checksummed, with how many storage keys', () => {
    const other = '0x' + 'ab'.repeat(20);
    const key = (n: number) => utils.hexZeroPad(utils.hexlify(n), 32);
    const accessList = [
      { address: to, storageKeys: [key(1), key(2)] },
      { address: other, storageKeys: [] },
      { address: to, storageKeys: [key(3)] },
    ];
    const shown = [
      { address: to55, storageKeys: 2 },
      { address: utils.getAddress(other), storageKeys: 0 },
      { address: to55, storageKeys: 1 },
    ];
    for (const tx of [
      { type: 1, to, nonce: 1, gasLimit: 50000, gasPrice: 5, chainId: 1, accessList },
      { type: 2, to, nonce: 1, gasLimit: 50000, maxFeePerGas: 5, chainId: 1, accessList },
    ]) {
      expect(decodeTransaction(utils.serializeTransaction(tx)).accessList).toEqual(shown);
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

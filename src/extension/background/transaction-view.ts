// An unsigned Ethereum transaction as a PKP-signature confirmation shows it: decoded with viem's
// parser (legacy RLP and the EIP-2718 types 1 and 2), big numbers as decimal strings, with what it
// may cost (the fee per gas of its type, gas limit × that fee, and value + fee: a huge gas limit or
// fee per gas spends the account as surely as its value does) and its access list; and its
// keccak256, which must be the digest the dApp asked to sign. viem, not ethers v5: only the parser
// and RLP end up in the worker, where ethers' transactions module brought elliptic and bn.js into
// every worker start.
import { keccak_256 } from '@noble/hashes/sha3.js';
import { getAddress, parseTransaction, type TransactionSerialized } from 'viem';
import { fromHex, toHex } from '../../protocol/bytes';
import type { ConfirmationView } from '../messages';

export type TransactionView = NonNullable<
  Extract<ConfirmationView, { purpose: 'confirm-pkp-sign' }>['transaction']
>;

// Types whose every field a confirmation shows. Blob (3) and set-code (4) transactions carry more
// (blobs, authorizations that hand the account's code to a contract) than it could show: refused.
const SHOWN_TYPES = { legacy: 0, eip2930: 1, eip1559: 2 } as const;

/** The decoded fields; throws a TypeError saying why when it is not an unsigned transaction. */
export function decodeTransaction(serialized: string): TransactionView {
  if (!/^0x([0-9a-fA-F]{2})+$/.test(serialized)) {
    throw new TypeError('is not a serialized Ethereum transaction');
  }
  let tx: ReturnType<typeof parseTransaction>;
  try {
    tx = parseTransaction(serialized as TransactionSerialized);
  } catch {
    throw new TypeError('is not a serialized Ethereum transaction');
  }
  const type = SHOWN_TYPES[tx.type as keyof typeof SHOWN_TYPES];
  if (type === undefined) throw new TypeError(`is a ${tx.type} transaction, which is not shown`);
  // A signed transaction's hash is not what a wallet would sign for it: refused, not guessed at.
  // (viem gives r and s only when they are set; EIP-155 unsigned ones carry r = s = 0.)
  if (tx.r !== undefined || tx.s !== undefined) {
    throw new TypeError('must be an unsigned transaction');
  }
  // Exact integers throughout (bigint): a fee is only worth showing if it is the fee. viem leaves
  // a zero field out, hence the 0n defaults.
  const gasLimit = tx.gas ?? 0n;
  const value = tx.value ?? 0n;
  const perGas = tx.type === 'eip1559' ? (tx.maxFeePerGas ?? 0n) : (tx.gasPrice ?? 0n);
  const maxFee = gasLimit * perGas;
  return {
    serialized: serialized.toLowerCase(),
    type,
    chainId: tx.chainId !== undefined ? String(tx.chainId) : null,
    nonce: String(tx.nonce ?? 0),
    // Checksummed, as wallets show addresses: a user can compare it letter by letter.
    to: tx.to ? getAddress(tx.to) : null,
    value: String(value),
    data: tx.data ?? '0x',
    gasLimit: String(gasLimit),
    gasPrice: tx.type === 'eip1559' ? null : String(tx.gasPrice ?? 0n),
    maxFeePerGas: tx.type === 'eip1559' ? String(tx.maxFeePerGas ?? 0n) : null,
    maxPriorityFeePerGas: tx.type === 'eip1559' ? String(tx.maxPriorityFeePerGas ?? 0n) : null,
    maxFee: String(maxFee),
    maxCost: String(value + maxFee),
    accessList:
      tx.type === 'legacy'
        ? null
        : (tx.accessList ?? []).map((entry) => ({
            address: getAddress(entry.address),
            storageKeys: entry.storageKeys.length,
          })),
  };
}

/** keccak256 of the serialized bytes, 0x hex: what signing the transaction signs. */
export function transactionDigest(serialized: string): string {
  return `0x${toHex(keccak_256(fromHex(serialized)))}`;
}

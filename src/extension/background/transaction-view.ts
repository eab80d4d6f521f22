// An unsigned Ethereum transaction as a PKP-signature confirmation shows it: decoded with ethers'
// own parser (legacy RLP and EIP-2718 typed), big numbers as decimal strings, and its keccak256,
// which must be the digest the dApp asked to sign.
import { keccak_256 } from '@noble/hashes/sha3.js';
import { parse } from '@ethersproject/transactions';
import { fromHex, toHex } from '../../protocol/bytes';
import type { ConfirmationView } from '../messages';

export type TransactionView = NonNullable<
  Extract<ConfirmationView, { purpose: 'confirm-pkp-sign' }>['transaction']
>;

/** The decoded fields; throws a TypeError saying why when it is not an unsigned transaction. */
export function decodeTransaction(serialized: string): TransactionView {
  let tx: ReturnType<typeof parse>;
  try {
    tx = parse(serialized);
  } catch {
    throw new TypeError('is not a serialized Ethereum transaction');
  }
  // A signed transaction's hash is not what a wallet would sign for it: refused, not guessed at.
  // (ethers sets `from` only when a signature recovers; EIP-155 unsigned ones carry r = s = 0.)
  if (tx.from !== undefined) {
    throw new TypeError('must be an unsigned transaction');
  }
  return {
    serialized: serialized.toLowerCase(),
    type: tx.type ?? 0,
    chainId: tx.chainId ? String(tx.chainId) : null,
    nonce: String(tx.nonce),
    to: tx.to ?? null,
    value: tx.value.toString(),
    data: tx.data,
    gasLimit: tx.gasLimit.toString(),
  };
}

/** keccak256 of the serialized bytes, 0x hex: what signing the transaction signs. */
export function transactionDigest(serialized: string): string {
  return `0x${toHex(keccak_256(fromHex(serialized)))}`;
}

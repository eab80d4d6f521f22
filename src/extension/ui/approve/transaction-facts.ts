// The decoded transaction a PKP signature is for, as rows the confirmation shows: what kind, which
// chain, to whom, how much, what it may cost in fees (the fee per gas, the most the fee can be, and
// value + fee, the most the account can spend), the access list and the data (a missing chain id
// or recipient is said in words); and a warning when the fee alone can cost a lot. Amounts are
// exact: the worker sends decimal strings, read here as bigint, never as floating point; they are
// named in the chain's own coin (`chain-coins.ts`).
import type { ConfirmationView } from '../../messages';
import { chainOf } from './chain-coins';

type Transaction = NonNullable<
  Extract<ConfirmationView, { purpose: 'confirm-pkp-sign' }>['transaction']
>;

const typeNames: Record<number, string> = {
  0: 'legacy (type 0)',
  1: 'access list (EIP-2930, type 1)',
  2: 'fee market (EIP-1559, type 2)',
};

const WEI_PER_GWEI = 10n ** 9n;
/** Wei in one coin of the chain (ETH, POL, BNB…): 10^18 on every EVM chain. */
const WEI_PER_COIN = 10n ** 18n;

/**
 * A fee the window warns about whatever the value: 0.1 of the chain's coin. A plain transfer
 * costs a few hundredths of an ETH at busy mainnet prices; a site asking for more may be trying
 * to spend the account through fees (30,000,000 gas × 100,000 gwei is 3000 ETH). On chains whose
 * coin is worth less, fees in coins are larger and so is this bar's reach, which only means a
 * warning shows more often there.
 */
export const LARGE_FEE_WEI = WEI_PER_COIN / 10n;

/** A non-negative integer (decimal or 0x hex), or null when it is not one. */
function wholeWei(value: string): bigint | null {
  try {
    const wei = BigInt(value);
    return wei < 0n ? null : wei;
  } catch {
    return null;
  }
}

/** `wei` in a unit of 10^`unit` wei, exactly: every digit kept, no trailing zeros. */
function inUnit(wei: bigint, unit: bigint): string {
  const digits = unit.toString().length - 1;
  const fraction = (wei % unit).toString().padStart(digits, '0').replace(/0+$/, '');
  return `${wei / unit}${fraction ? `.${fraction}` : ''}`;
}

/**
 * A wei amount (decimal or 0x hex) as `<wei> wei (<coins> <coin>)`, e.g. `(0.25 ETH)`;
 * unreadable amounts as given.
 */
export function weiWords(value: string, coin: string): string {
  const wei = wholeWei(value);
  return wei === null ? value : `${wei} wei (${inUnit(wei, WEI_PER_COIN)} ${coin})`;
}

/** A fee per gas in wei as `<wei> wei (<gwei> gwei)`; unreadable amounts as given. */
export function gweiWords(value: string): string {
  const wei = wholeWei(value);
  return wei === null ? value : `${wei} wei (${inUnit(wei, WEI_PER_GWEI)} gwei)`;
}

/** Bytes of 0x hex data, in words. */
function dataWords(data: string): string {
  const bytes = Math.floor((data.length - 2) / 2);
  return bytes <= 0 ? 'none' : `${bytes} byte${bytes === 1 ? '' : 's'}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function accessListWords(list: NonNullable<Transaction['accessList']>): string {
  if (list.length === 0) return 'none';
  const keys = list.reduce((sum, entry) => sum + entry.storageKeys, 0);
  return `${plural(list.length, 'address', 'addresses')}, ${plural(keys, 'storage key')}`;
}

/** What the fee per gas is called in this transaction's type. */
function perGasName(tx: Transaction): string {
  return tx.gasPrice !== null ? 'gas price' : 'max fee per gas';
}

function chainWords(chainId: string | null): string {
  if (chainId === null) return 'none: valid on every chain that accepts it';
  const { name } = chainOf(chainId);
  return name ? `${chainId} (${name})` : chainId;
}

export function transactionFacts(tx: Transaction): { label: string; value: string }[] {
  const { coin } = chainOf(tx.chainId);
  const perGas =
    tx.gasPrice !== null
      ? [{ label: 'Gas price', value: gweiWords(tx.gasPrice) }]
      : [
          { label: 'Max fee per gas', value: gweiWords(tx.maxFeePerGas ?? '0') },
          { label: 'Max priority fee per gas', value: gweiWords(tx.maxPriorityFeePerGas ?? '0') },
        ];
  return [
    { label: 'Type', value: typeNames[tx.type] ?? `type ${tx.type}` },
    { label: 'Chain id', value: chainWords(tx.chainId) },
    { label: 'To', value: tx.to ?? 'nobody: it creates a contract' },
    { label: 'Value', value: weiWords(tx.value, coin) },
    { label: 'Nonce', value: tx.nonce },
    { label: 'Gas limit', value: tx.gasLimit },
    ...perGas,
    { label: 'Max fee', value: `${weiWords(tx.maxFee, coin)}: gas limit × ${perGasName(tx)}` },
    { label: 'Most it can spend', value: `${weiWords(tx.maxCost, coin)}: value + max fee` },
    ...(tx.accessList ? [{ label: 'Access list', value: accessListWords(tx.accessList) }] : []),
    { label: 'Data', value: dataWords(tx.data) },
  ];
}

/** One line per access-list address: the address and how many storage keys it declares. */
export function accessListLines(tx: Transaction): string[] {
  return (tx.accessList ?? []).map(
    (entry) => `${entry.address}: ${plural(entry.storageKeys, 'storage key')}`,
  );
}

/**
 * Why the fee deserves a second look, in words, or null: when the most it can cost is more than
 * 0.1 of the chain's coin (`LARGE_FEE_WEI`), or more than the value the transaction sends (when
 * it sends any: a contract call sending nothing would always warn).
 */
export function feeWarning(tx: Transaction): string | null {
  const fee = wholeWei(tx.maxFee);
  const value = wholeWei(tx.value);
  if (fee === null || value === null) return `The fee could not be read (${tx.maxFee}).`;
  const { coin } = chainOf(tx.chainId);
  const coins = (wei: bigint) => `${inUnit(wei, WEI_PER_COIN)} ${coin}`;
  const formula = `gas limit ${tx.gasLimit} × ${perGasName(tx)}`;
  if (fee > LARGE_FEE_WEI) {
    return (
      `The fee alone may cost up to ${coins(fee)} (${formula}), more than ` +
      `${coins(LARGE_FEE_WEI)}. Approve only if you mean to pay that much.`
    );
  }
  if (value > 0n && fee > value) {
    return (
      `The fee may cost up to ${coins(fee)} (${formula}), more than the ` +
      `${coins(value)} the transaction sends.`
    );
  }
  return null;
}

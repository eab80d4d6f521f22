// The decoded transaction a PKP signature is for, as rows the confirmation shows: what kind, which
// chain, to whom, how much, and what data (a missing chain id or recipient is said in words).
import type { ConfirmationView } from '../../messages';

type Transaction = NonNullable<
  Extract<ConfirmationView, { purpose: 'confirm-pkp-sign' }>['transaction']
>;

const typeNames: Record<number, string> = {
  0: 'legacy (type 0)',
  1: 'access list (EIP-2930, type 1)',
  2: 'fee market (EIP-1559, type 2)',
};

const WEI_PER_ETH = 10n ** 18n;

/** A wei amount (decimal or 0x hex) as `<wei> wei (<ether> ETH)`; unreadable amounts as given. */
export function weiWords(value: string): string {
  let wei: bigint;
  try {
    wei = BigInt(value);
  } catch {
    return value;
  }
  if (wei < 0n) return value;
  const fraction = (wei % WEI_PER_ETH).toString().padStart(18, '0').replace(/0+$/, '');
  const ether = `${wei / WEI_PER_ETH}${fraction ? `.${fraction}` : ''}`;
  return `${wei} wei (${ether} ETH)`;
}

/** Bytes of 0x hex data, in words. */
function dataWords(data: string): string {
  const bytes = Math.floor((data.length - 2) / 2);
  return bytes <= 0 ? 'none' : `${bytes} byte${bytes === 1 ? '' : 's'}`;
}

export function transactionFacts(tx: Transaction): { label: string; value: string }[] {
  return [
    { label: 'Type', value: typeNames[tx.type] ?? `type ${tx.type}` },
    {
      label: 'Chain id',
      value: tx.chainId ?? 'none: valid on every chain that accepts it',
    },
    { label: 'To', value: tx.to ?? 'nobody: it creates a contract' },
    { label: 'Value', value: weiWords(tx.value) },
    { label: 'Nonce', value: tx.nonce },
    { label: 'Gas limit', value: tx.gasLimit },
    { label: 'Data', value: dataWords(tx.data) },
  ];
}

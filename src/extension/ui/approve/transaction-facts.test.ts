import { describe, expect, it } from 'vitest';
import { transactionFacts, weiWords } from './transaction-facts';

const tx = {
  serialized: '0x02ef',
  type: 2,
  chainId: '1',
  nonce: '5',
  to: '0x2222222222222222222222222222222222222222',
  value: '1500000000000000000',
  data: '0xa9059cbb',
  gasLimit: '21000',
};

describe('transactionFacts', () => {
  it('lists the fields a signer should read, in words', () => {
    expect(transactionFacts(tx)).toEqual([
      { label: 'Type', value: 'fee market (EIP-1559, type 2)' },
      { label: 'Chain id', value: '1' },
      { label: 'To', value: '0x2222222222222222222222222222222222222222' },
      { label: 'Value', value: '1500000000000000000 wei (1.5 ETH)' },
      { label: 'Nonce', value: '5' },
      { label: 'Gas limit', value: '21000' },
      { label: 'Data', value: '4 bytes' },
    ]);
  });

  it('says what a missing chain id, recipient or data means', () => {
    const facts = transactionFacts({ ...tx, type: 0, chainId: null, to: null, data: '0x' });
    expect(facts).toContainEqual({ label: 'Type', value: 'legacy (type 0)' });
    expect(facts).toContainEqual({
      label: 'Chain id',
      value: 'none: valid on every chain that accepts it',
    });
    expect(facts).toContainEqual({ label: 'To', value: 'nobody: it creates a contract' });
    expect(facts).toContainEqual({ label: 'Data', value: 'none' });
    expect(transactionFacts({ ...tx, type: 4 })[0]).toEqual({ label: 'Type', value: 'type 4' });
  });
});

describe('weiWords', () => {
  it('gives wei and ether, exactly', () => {
    expect(weiWords('0')).toBe('0 wei (0 ETH)');
    expect(weiWords('1')).toBe('1 wei (0.000000000000000001 ETH)');
    expect(weiWords('0x0de0b6b3a7640000')).toBe('1000000000000000000 wei (1 ETH)');
    expect(weiWords('123456789012345678901234567890')).toBe(
      '123456789012345678901234567890 wei (123456789012.34567890123456789 ETH)',
    );
  });

  it('shows an unreadable amount as it came', () => {
    expect(weiWords('lots')).toBe('lots');
    expect(weiWords('-1')).toBe('-1');
  });
});

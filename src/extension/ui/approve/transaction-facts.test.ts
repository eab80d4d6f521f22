// The rows a transaction confirmation shows (fees included), the access list, the fee warning's
// rule, and exact wei / gwei / ETH amounts. The views are what the worker's decodeTransaction sends
// (its own tests check them against ethers' serializer; the e2e spec, both together).
import { describe, expect, it } from 'vitest';
import {
  LARGE_FEE_WEI,
  accessListLines,
  feeWarning,
  gweiWords,
  transactionFacts,
  weiWords,
} from './transaction-facts';

const tx = {
  serialized: '0x02ef',
  type: 2,
  chainId: '1',
  nonce: '5',
  to: '0x2222222222222222222222222222222222222222',
  value: '1500000000000000000',
  data: '0xa9059cbb',
  gasLimit: '21000',
  gasPrice: null,
  maxFeePerGas: '30000000000',
  maxPriorityFeePerGas: '1500000000',
  maxFee: '630000000000000',
  maxCost: '1500630000000000000',
  accessList: [],
};

const legacy = {
  ...tx,
  type: 0,
  gasPrice: '20000000000',
  maxFeePerGas: null,
  maxPriorityFeePerGas: null,
  maxFee: '420000000000000',
  maxCost: '1500420000000000000',
  accessList: null,
};

describe('transactionFacts', () => {
  it('lists the fields a signer should read, in words, fees included', () => {
    expect(transactionFacts(tx)).toEqual([
      { label: 'Type', value: 'fee market (EIP-1559, type 2)' },
      { label: 'Chain id', value: '1 (Ethereum)' },
      { label: 'To', value: '0x2222222222222222222222222222222222222222' },
      { label: 'Value', value: '1500000000000000000 wei (1.5 ETH)' },
      { label: 'Nonce', value: '5' },
      { label: 'Gas limit', value: '21000' },
      { label: 'Max fee per gas', value: '30000000000 wei (30 gwei)' },
      { label: 'Max priority fee per gas', value: '1500000000 wei (1.5 gwei)' },
      {
        label: 'Max fee',
        value: '630000000000000 wei (0.00063 ETH): gas limit × max fee per gas',
      },
      {
        label: 'Most it can spend',
        value: '1500630000000000000 wei (1.50063 ETH): value + max fee',
      },
      { label: 'Access list', value: 'none' },
      { label: 'Data', value: '4 bytes' },
    ]);
  });

  it('shows a gas price for legacy and EIP-2930 transactions, and no access list for legacy', () => {
    const facts = transactionFacts(legacy);
    expect(facts).toContainEqual({ label: 'Gas price', value: '20000000000 wei (20 gwei)' });
    expect(facts).toContainEqual({
      label: 'Max fee',
      value: '420000000000000 wei (0.00042 ETH): gas limit × gas price',
    });
    expect(facts).toContainEqual({
      label: 'Most it can spend',
      value: '1500420000000000000 wei (1.50042 ETH): value + max fee',
    });
    const labels = facts.map((f) => f.label);
    expect(labels).not.toContain('Max fee per gas');
    expect(labels).not.toContain('Access list');
    const accessList = [
      { address: '0x3333333333333333333333333333333333333333', storageKeys: 2 },
      { address: '0x4444444444444444444444444444444444444444', storageKeys: 0 },
      { address: '0x3333333333333333333333333333333333333333', storageKeys: 1 },
    ];
    const eip2930 = transactionFacts({ ...legacy, type: 1, accessList });
    expect(eip2930).toContainEqual({ label: 'Gas price', value: '20000000000 wei (20 gwei)' });
    expect(eip2930).toContainEqual({
      label: 'Access list',
      value: '3 addresses, 3 storage keys',
    });
    expect(
      transactionFacts({ ...tx, accessList: [{ address: '0x33', storageKeys: 1 }] }),
    ).toContainEqual({ label: 'Access list', value: '1 address, 1 storage key' });
  });

  it('says what a missing chain id, recipient or data means', () => {
    const facts = transactionFacts({ ...legacy, chainId: null, to: null, data: '0x' });
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

describe('the chain and its coin', () => {
  it('names a known chain and writes amounts in its coin, not ETH', () => {
    const polygon = transactionFacts({ ...tx, chainId: '137' });
    expect(polygon).toContainEqual({ label: 'Chain id', value: '137 (Polygon)' });
    expect(polygon).toContainEqual({ label: 'Value', value: '1500000000000000000 wei (1.5 POL)' });
    expect(polygon.filter((f) => f.value.includes('ETH'))).toEqual([]);
    expect(transactionFacts({ ...tx, chainId: '56' })).toContainEqual({
      label: 'Value',
      value: '1500000000000000000 wei (1.5 BNB)',
    });
    expect(transactionFacts({ ...tx, chainId: '11155111' })).toContainEqual({
      label: 'Chain id',
      value: '11155111 (Sepolia, a test network)',
    });
  });

  it("does not guess an unknown chain's coin, nor one for a transaction without a chain id", () => {
    const unknown = transactionFacts({ ...tx, chainId: '987654' });
    expect(unknown).toContainEqual({ label: 'Chain id', value: '987654' });
    expect(unknown).toContainEqual({
      label: 'Value',
      value: "1500000000000000000 wei (1.5 units of chain 987654's coin)",
    });
    expect(transactionFacts({ ...legacy, chainId: null })).toContainEqual({
      label: 'Value',
      value: "1500000000000000000 wei (1.5 units of the chain's coin)",
    });
    // Inherited object keys are not chains.
    expect(transactionFacts({ ...tx, chainId: 'constructor' })).toContainEqual({
      label: 'Chain id',
      value: 'constructor',
    });
  });

  it("warns about a large fee in the chain's coin", () => {
    expect(
      feeWarning({ ...tx, chainId: '137', value: '0', maxFee: '3000000000000000000000' }),
    ).toMatch(/^The fee alone may cost up to 3000 POL .*, more than 0\.1 POL\./);
  });
});

describe('accessListLines', () => {
  it('gives each address with its storage keys, in order', () => {
    expect(
      accessListLines({
        ...tx,
        accessList: [
          { address: '0x3333333333333333333333333333333333333333', storageKeys: 2 },
          { address: '0x4444444444444444444444444444444444444444', storageKeys: 1 },
          { address: '0x5555555555555555555555555555555555555555', storageKeys: 0 },
        ],
      }),
    ).toEqual([
      '0x3333333333333333333333333333333333333333: 2 storage keys',
      '0x4444444444444444444444444444444444444444: 1 storage key',
      '0x5555555555555555555555555555555555555555: 0 storage keys',
    ]);
    expect(accessListLines(tx)).toEqual([]);
    expect(accessListLines(legacy)).toEqual([]);
  });
});

describe('feeWarning', () => {
  it('warns when the fee can cost more than 0.1 ETH, whatever the value', () => {
    // The reviewer's case: 0 value, 30,000,000 gas at 100,000 gwei.
    const drain = {
      ...tx,
      value: '0',
      gasLimit: '30000000',
      maxFeePerGas: '100000000000000',
      maxFee: '3000000000000000000000',
      maxCost: '3000000000000000000000',
    };
    expect(feeWarning(drain)).toBe(
      'The fee alone may cost up to 3000 ETH (gas limit 30000000 × max fee per gas), more than ' +
        '0.1 ETH. Approve only if you mean to pay that much.',
    );
    expect(transactionFacts(drain)).toContainEqual({
      label: 'Max fee',
      value: '3000000000000000000000 wei (3000 ETH): gas limit × max fee per gas',
    });
    // Also when the value is larger still: the fee is what the site may not have said.
    const big = { ...legacy, value: '10000000000000000000', maxFee: String(LARGE_FEE_WEI + 1n) };
    expect(feeWarning(big)).toMatch(
      /^The fee alone may cost up to 0\.100000000000000001 ETH \(gas limit 21000 × gas price\)/,
    );
    expect(feeWarning({ ...big, maxFee: String(LARGE_FEE_WEI) })).toBeNull();
  });

  it('warns when the fee can cost more than the value sent, when it sends any', () => {
    const small = { ...legacy, value: '100000000000000', maxFee: '420000000000000' };
    expect(feeWarning(small)).toBe(
      'The fee may cost up to 0.00042 ETH (gas limit 21000 × gas price), more than the 0.0001 ETH ' +
        'the transaction sends.',
    );
    expect(feeWarning({ ...small, value: '420000000000000' })).toBeNull();
    // A contract call that sends nothing would always warn: only the 0.1 ETH rule applies.
    expect(feeWarning({ ...small, value: '0' })).toBeNull();
    expect(feeWarning(tx)).toBeNull();
  });

  it('says so when the fee cannot be read', () => {
    expect(feeWarning({ ...tx, maxFee: 'lots' })).toBe('The fee could not be read (lots).');
  });
});

describe('weiWords', () => {
  it('gives wei and ether, exactly', () => {
    expect(weiWords('0', 'ETH')).toBe('0 wei (0 ETH)');
    expect(weiWords('1', 'ETH')).toBe('1 wei (0.000000000000000001 ETH)');
    expect(weiWords('0x0de0b6b3a7640000', 'ETH')).toBe('1000000000000000000 wei (1 ETH)');
    expect(weiWords('123456789012345678901234567890', 'ETH')).toBe(
      '123456789012345678901234567890 wei (123456789012.34567890123456789 ETH)',
    );
  });

  it('names the coin it is given', () => {
    expect(weiWords('2500000000000000000', 'POL')).toBe('2500000000000000000 wei (2.5 POL)');
  });

  it('shows an unreadable amount as it came', () => {
    expect(weiWords('lots', 'ETH')).toBe('lots');
    expect(weiWords('-1', 'ETH')).toBe('-1');
  });
});

describe('gweiWords', () => {
  it('gives wei and gwei, exactly', () => {
    expect(gweiWords('0')).toBe('0 wei (0 gwei)');
    expect(gweiWords('1')).toBe('1 wei (0.000000001 gwei)');
    expect(gweiWords('100000000000000')).toBe('100000000000000 wei (100000 gwei)');
    expect(gweiWords('123456789012345678901')).toBe(
      '123456789012345678901 wei (123456789012.345678901 gwei)',
    );
    expect(gweiWords('lots')).toBe('lots');
  });
});

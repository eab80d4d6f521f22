// Oracle: ethers v5 (what Lit's SDK decodes with) and the Staking ABI bundled in Lit's SDK for
// the `custom` network.
import { ethers } from 'ethers';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { STAKING_CONTRACT_ADDRESS } from '../config';
import { encodeAddress, encodeUint, ipv4ToUint32 } from './abi';
import { STAKING_READ_SELECTOR, encodeStakingRead } from './staking';

const require = createRequire(import.meta.url);
const { datilDev } = require('@lit-protocol/contracts/prod/datil-dev.js') as {
  datilDev: { data: { name: string; contracts: { address_hash: string; ABI: unknown[] }[] }[] };
};
const staking = datilDev.data.find((c) => c.name === 'Staking')!.contracts[0]!;
const iface = new ethers.utils.Interface(staking.ABI as ethers.utils.Fragment[]);

describe('the staking read', () => {
  it('targets the contract and selector Lit 7.4.0 uses on `custom`', () => {
    expect(staking.address_hash).toBe(STAKING_CONTRACT_ADDRESS);
    expect(iface.getSighash('getActiveUnkickedValidatorStructsAndCounts')).toBe(
      STAKING_READ_SELECTOR,
    );
    expect(STAKING_READ_SELECTOR).toBe('0xc51d020e');
  });

  it('decodes with Lit ABI to the epoch, minNodeCount and validators', () => {
    const nodes = [7470, 7471, 7472].map((port, i) => ({
      host: '127.0.0.1',
      port,
      nodeAddress: ethers.utils.getAddress('0x' + String(i + 1).repeat(40)),
    }));
    const epoch = { epochLength: 3600, number: 1, endTime: 1_700_000_000, retries: 0, timeout: 60 };
    const data = encodeStakingRead(epoch, 2, nodes);
    const [decodedEpoch, minNodeCount, validators] = iface.decodeFunctionResult(
      'getActiveUnkickedValidatorStructsAndCounts',
      data,
    );
    expect(decodedEpoch.map((v: ethers.BigNumber) => v.toNumber())).toEqual([
      3600, 1, 1_700_000_000, 0, 60,
    ]);
    expect(minNodeCount.toNumber()).toBe(2);
    expect(validators).toHaveLength(3);
    validators.forEach((v: ethers.utils.Result, i: number) => {
      expect(v.ip).toBe(0x7f000001);
      expect(v.ipv6.toString()).toBe('0');
      expect(v.port).toBe(7470 + i);
      expect(v.nodeAddress).toBe(nodes[i]!.nodeAddress);
      expect(v.reward.toString()).toBe('0');
    });
    // And re-encoding the decoded value with ethers gives the same bytes.
    expect(
      iface.encodeFunctionResult('getActiveUnkickedValidatorStructsAndCounts', [
        decodedEpoch,
        minNodeCount,
        validators,
      ]),
    ).toBe(data);
  });

  it('encodes an empty validator list', () => {
    const data = encodeStakingRead(
      { epochLength: 1, number: 2, endTime: 3, retries: 4, timeout: 5 },
      2,
      [],
    );
    const [, , validators] = iface.decodeFunctionResult(
      'getActiveUnkickedValidatorStructsAndCounts',
      data,
    );
    expect(validators).toHaveLength(0);
  });
});

describe('ABI words', () => {
  it('range-checks integers and addresses', () => {
    expect(encodeUint(255, 8)).toBe('0'.repeat(62) + 'ff');
    expect(() => encodeUint(256, 8)).toThrow(/out of range/);
    expect(() => encodeUint(-1n)).toThrow(/out of range/);
    expect(() => encodeAddress('0x1234')).toThrow(/20 bytes/);
    expect(ipv4ToUint32('10.0.0.1')).toBe(0x0a000001);
    expect(() => ipv4ToUint32('256.0.0.1')).toThrow(/IPv4/);
  });
});

import { describe, expect, it } from 'vitest';
import { decodeStakingRead, STAKING_READ_SELECTOR, validatorUrl } from './staking-read';

const word = (v: bigint | number) => BigInt(v).toString(16).padStart(64, '0');

function encode(minNodeCount: number, validators: { ip: number; port: number; address: bigint }[]) {
  const epoch = [300, 5, 1_800_000_000, 0, 60].map(word).join('');
  const head = epoch + word(minNodeCount) + word(7 * 32);
  const body =
    word(validators.length) +
    validators
      .map((v) => [v.ip, 0, v.port, v.address, 0, 0, 0].map((x) => word(BigInt(x))).join(''))
      .join('');
  return `0x${head}${body}`;
}

describe('staking read', () => {
  it('uses the selector of getActiveUnkickedValidatorStructsAndCounts()', () => {
    // keccak256("getActiveUnkickedValidatorStructsAndCounts()")[0..4], as ethers computes it.
    expect(STAKING_READ_SELECTOR).toBe('0xc51d020e');
  });

  it('decodes the epoch, the threshold and the validators', () => {
    const loopback = 0x7f000001;
    const read = decodeStakingRead(
      encode(2, [
        { ip: loopback, port: 7470, address: 0xabcn },
        { ip: loopback, port: 7471, address: 0xdefn },
      ]),
    );
    expect(read.epoch.number).toBe(5n);
    expect(read.minNodeCount).toBe(2);
    expect(read.validators.map(validatorUrl)).toEqual([
      'http://127.0.0.1:7470',
      'http://127.0.0.1:7471',
    ]);
    expect(read.validators[1]!.nodeAddress).toBe(`0x${'0'.repeat(37)}def`);
    expect(validatorUrl({ ip: 0x0a000001, port: 443 })).toBe('https://10.0.0.1:443');
  });

  it('rejects truncated, oversized and out-of-range data', () => {
    const good = encode(2, [{ ip: 1, port: 7470, address: 1n }]);
    expect(() => decodeStakingRead(good.slice(0, -64))).toThrow('truncated');
    expect(() => decodeStakingRead('0x1234')).toThrow('truncated');
    expect(() => decodeStakingRead('0xzz')).toThrow();
    const hugeCount = good.slice(0, 2 + 7 * 64) + word(1_000_000);
    expect(() => decodeStakingRead(hugeCount)).toThrow('too many validators');
    const badOffset = good.slice(0, 2 + 6 * 64) + word(5) + good.slice(2 + 7 * 64);
    expect(() => decodeStakingRead(badOffset)).toThrow('bad array offset');
    const badPort = encode(2, [{ ip: 1, port: 2 ** 33, address: 1n }]);
    expect(() => decodeStakingRead(badPort)).toThrow('port out of range');
  });
});

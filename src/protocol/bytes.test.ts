import { describe, expect, it } from 'vitest';
import { concatBytes, equalBytes, fromHex, fromUtf8, isHexOfLength, toHex, utf8 } from './bytes';

describe('hex', () => {
  it('round-trips and accepts an optional 0x', () => {
    const bytes = new Uint8Array([0, 1, 0xab, 0xff]);
    expect(toHex(bytes)).toBe('0001abff');
    expect(fromHex('0001abff')).toEqual(bytes);
    expect(fromHex('0x0001ABFF')).toEqual(bytes);
  });
  it('rejects odd lengths, non-hex and wrong lengths with a precise message', () => {
    expect(() => fromHex('abc')).toThrow(/even-length/);
    expect(() => fromHex('zz')).toThrow(/even-length/);
    expect(() => fromHex('abcd', 3, 'key')).toThrow('key: expected 3 bytes, got 2');
  });
  it('checks hex of a given length', () => {
    expect(isHexOfLength('ab'.repeat(32), 32)).toBe(true);
    expect(isHexOfLength('0x' + 'ab'.repeat(31), 32)).toBe(false);
    expect(isHexOfLength(42, 1)).toBe(false);
  });
});

describe('utf8 and bytes', () => {
  it('decodes strictly', () => {
    expect(fromUtf8(utf8('héllo'))).toBe('héllo');
    expect(() => fromUtf8(new Uint8Array([0xff]))).toThrow();
  });
  it('concatenates and compares', () => {
    expect(concatBytes(new Uint8Array([1]), new Uint8Array([2, 3]))).toEqual(
      new Uint8Array([1, 2, 3]),
    );
    expect(equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(equalBytes(new Uint8Array([1]), new Uint8Array([1, 2]))).toBe(false);
  });
});

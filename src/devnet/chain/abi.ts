// The few Solidity ABI encodings the chain stand-in answers with: 32-byte words for integers and
// addresses, concatenated as hex.
import { fromHex } from '../../protocol/bytes';

const MAX_UINT256 = (1n << 256n) - 1n;

/** A uintN as one 32-byte word, hex without 0x. */
export function encodeUint(value: bigint | number, bits = 256): string {
  const v = BigInt(value);
  if (v < 0n || v > MAX_UINT256 || v >= 1n << BigInt(bits)) {
    throw new RangeError(`uint${bits}: ${v} out of range`);
  }
  return v.toString(16).padStart(64, '0');
}

/** An address as one left-padded word, hex without 0x. */
export function encodeAddress(address: string): string {
  fromHex(address, 20, 'address');
  return address.slice(2).toLowerCase().padStart(64, '0');
}

/** A dotted IPv4 address as the uint32 Lit's staking contract stores (big-endian). */
export function ipv4ToUint32(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new RangeError(`not an IPv4 address: ${ip}`);
  }
  return parts.reduce((acc, p) => acc * 256 + p, 0);
}

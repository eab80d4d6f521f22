// Solidity ABI encoding of function calls and results for the types access-control conditions
// use: uintN, intN, address, bool, bytesN (static) and string, bytes (dynamic). Arrays and tuples
// are refused by name rather than guessed at.
import { keccak_256 } from '@noble/hashes/sha3.js';
import { concatBytes, fromHex, toHex, utf8 } from '../../protocol/bytes';
import { toChecksumAddress } from '../../protocol/ethereum';

export type AbiValue = bigint | boolean | string | Uint8Array;

/** A value or type the codec cannot handle; the message names which. */
export class AbiError extends Error {
  override readonly name = 'AbiError';
}

const WORD = 32;
const INT_RE = /^(u?)int(\d*)$/;
const FIXED_BYTES_RE = /^bytes(\d+)$/;

type Kind =
  | { kind: 'int'; signed: boolean; bits: number }
  | { kind: 'address' }
  | { kind: 'bool' }
  | { kind: 'fixedBytes'; size: number }
  | { kind: 'string' }
  | { kind: 'bytes' };

/** The ABI kind of a Solidity type name, or an AbiError for one this codec does not handle. */
export function abiKind(type: string): Kind {
  const int = INT_RE.exec(type);
  if (int) {
    const bits = int[2] === '' ? 256 : Number(int[2]);
    if (bits < 8 || bits > 256 || bits % 8 !== 0) throw new AbiError(`invalid type ${type}`);
    return { kind: 'int', signed: int[1] === '', bits };
  }
  if (type === 'address') return { kind: 'address' };
  if (type === 'bool') return { kind: 'bool' };
  if (type === 'string') return { kind: 'string' };
  if (type === 'bytes') return { kind: 'bytes' };
  const fixed = FIXED_BYTES_RE.exec(type);
  if (fixed && Number(fixed[1]) >= 1 && Number(fixed[1]) <= 32) {
    return { kind: 'fixedBytes', size: Number(fixed[1]) };
  }
  throw new AbiError(`unsupported ABI type ${JSON.stringify(type.slice(0, 40))}`);
}

/** The 4-byte selector of `name(types…)`. */
export function functionSelector(name: string, types: readonly string[]): Uint8Array {
  return keccak_256(utf8(`${name}(${types.join(',')})`)).subarray(0, 4);
}

function word(value: bigint): Uint8Array {
  return fromHex(value.toString(16).padStart(WORD * 2, '0'), WORD);
}

function padRight(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(bytes.length / WORD) * WORD);
  out.set(bytes);
  return out;
}

function encodeStatic(kind: Kind, value: AbiValue, type: string): Uint8Array {
  switch (kind.kind) {
    case 'int': {
      if (typeof value !== 'bigint') throw new AbiError(`${type}: expected an integer`);
      const bits = BigInt(kind.bits);
      const [min, max] = kind.signed
        ? [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n]
        : [0n, (1n << bits) - 1n];
      if (value < min || value > max) throw new AbiError(`${type}: ${value} out of range`);
      return word(value < 0n ? (1n << 256n) + value : value);
    }
    case 'address': {
      if (typeof value !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(value)) {
        throw new AbiError(`${type}: expected a 0x address`);
      }
      return word(BigInt(value));
    }
    case 'bool':
      if (typeof value !== 'boolean') throw new AbiError(`${type}: expected a boolean`);
      return word(value ? 1n : 0n);
    case 'fixedBytes':
      if (!(value instanceof Uint8Array) || value.length !== kind.size) {
        throw new AbiError(`${type}: expected ${kind.size} bytes`);
      }
      return padRight(value);
    default:
      throw new AbiError(`${type} is not static`);
  }
}

function dynamicBytes(kind: Kind, value: AbiValue, type: string): Uint8Array {
  if (kind.kind === 'string' && typeof value === 'string') return utf8(value);
  if (kind.kind === 'bytes' && value instanceof Uint8Array) return value;
  throw new AbiError(`${type}: expected ${kind.kind === 'string' ? 'a string' : 'bytes'}`);
}

/** `head ‖ tail` of `values` as `types`: call arguments after the selector, or return data. */
export function encodeValues(types: readonly string[], values: readonly AbiValue[]): Uint8Array {
  if (types.length !== values.length) {
    throw new AbiError(`${types.length} types, ${values.length} values`);
  }
  const kinds = types.map(abiKind);
  const heads: Uint8Array[] = [];
  const tails: Uint8Array[] = [];
  let tailOffset = types.length * WORD;
  kinds.forEach((kind, i) => {
    if (kind.kind === 'string' || kind.kind === 'bytes') {
      const bytes = dynamicBytes(kind, values[i]!, types[i]!);
      const tail = concatBytes(word(BigInt(bytes.length)), padRight(bytes));
      heads.push(word(BigInt(tailOffset)));
      tails.push(tail);
      tailOffset += tail.length;
    } else {
      heads.push(encodeStatic(kind, values[i]!, types[i]!));
    }
  });
  return concatBytes(...heads, ...tails);
}

/** `selector ‖ head ‖ tail` for a call of `name(types…)` with `values`. */
export function encodeFunctionCall(
  name: string,
  types: readonly string[],
  values: readonly AbiValue[],
): Uint8Array {
  return concatBytes(functionSelector(name, types), encodeValues(types, values));
}

function readWord(data: Uint8Array, offset: number, what: string): bigint {
  if (offset + WORD > data.length) throw new AbiError(`${what}: result too short`);
  return BigInt('0x' + toHex(data.subarray(offset, offset + WORD)));
}

function decodeOne(kind: Kind, data: Uint8Array, offset: number, type: string): AbiValue {
  const raw = readWord(data, offset, type);
  switch (kind.kind) {
    case 'int': {
      const bits = BigInt(kind.bits);
      if (!kind.signed) {
        if (raw >> bits !== 0n) throw new AbiError(`${type}: value out of range`);
        return raw;
      }
      const value = raw >> 255n === 1n ? raw - (1n << 256n) : raw;
      if (value < -(1n << (bits - 1n)) || value >= 1n << (bits - 1n)) {
        throw new AbiError(`${type}: value out of range`);
      }
      return value;
    }
    case 'address':
      if (raw >> 160n !== 0n) throw new AbiError('address: dirty high bytes');
      return toChecksumAddress('0x' + raw.toString(16).padStart(40, '0'));
    case 'bool':
      if (raw > 1n) throw new AbiError('bool: not 0 or 1');
      return raw === 1n;
    case 'fixedBytes':
      return data.slice(offset, offset + kind.size);
    case 'string':
    case 'bytes': {
      const start = Number(raw);
      if (raw > BigInt(data.length)) throw new AbiError(`${type}: offset out of range`);
      const length = readWord(data, start, type);
      if (BigInt(start + WORD) + length > BigInt(data.length)) {
        throw new AbiError(`${type}: length out of range`);
      }
      const bytes = data.slice(start + WORD, start + WORD + Number(length));
      if (kind.kind === 'bytes') return bytes;
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw new AbiError('string: not UTF-8');
      }
    }
  }
}

/** Decodes return data (or call arguments after the selector) as `types`. */
export function decodeValues(types: readonly string[], data: Uint8Array): AbiValue[] {
  const kinds = types.map(abiKind);
  return kinds.map((kind, i) => decodeOne(kind, data, i * WORD, types[i]!));
}

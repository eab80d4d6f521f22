// Lit's node discovery: one read of the Staking contract over JSON-RPC (wire doc §6), decoded
// from its ABI by hand because the shape is fixed and small (an ABI library would weigh more).
import { keccak_256 } from '@noble/hashes/sha3.js';
import { fromHex, toHex, utf8 } from '../protocol/bytes';

/** The Staking contract Lit's `custom` network reads (`@lit-protocol/contracts`). */
export const CUSTOM_STAKING_ADDRESS = '0xD4507CD392Af2c80919219d7896508728f6A623F';
export const STAKING_READ_SIGNATURE = 'getActiveUnkickedValidatorStructsAndCounts()';
export const STAKING_READ_SELECTOR = `0x${toHex(keccak_256(utf8(STAKING_READ_SIGNATURE)).slice(0, 4))}`;

export interface StakingEpoch {
  epochLength: bigint;
  number: bigint;
  endTime: bigint;
  retries: bigint;
  timeout: bigint;
}

export interface StakingValidator {
  ip: number;
  ipv6: bigint;
  port: number;
  nodeAddress: string;
  reward: bigint;
  senderPubKey: bigint;
  receiverPubKey: bigint;
}

export interface StakingRead {
  epoch: StakingEpoch;
  minNodeCount: number;
  validators: StakingValidator[];
}

const WORD = 32;
const VALIDATOR_WORDS = 7;
/** More validators than any Lit network has; bounds the work a hostile RPC can cause. */
const MAX_VALIDATORS = 1024;

/** Decodes the ABI-encoded `(Epoch, uint256, Validator[])`; throws on anything malformed. */
export function decodeStakingRead(hex: string): StakingRead {
  const data = fromHex(hex, undefined, 'staking read');
  const word = (i: number): bigint => {
    if ((i + 1) * WORD > data.length) throw new Error('staking read: truncated');
    return BigInt(`0x${toHex(data.subarray(i * WORD, (i + 1) * WORD)) || '0'}`);
  };
  const small = (i: number, bits: number, what: string): number => {
    const v = word(i);
    if (v >= 1n << BigInt(bits)) throw new Error(`staking read: ${what} out of range`);
    return Number(v);
  };
  const epoch: StakingEpoch = {
    epochLength: word(0),
    number: word(1),
    endTime: word(2),
    retries: word(3),
    timeout: word(4),
  };
  const minNodeCount = small(5, 32, 'minNodeCount');
  const offset = word(6);
  if (offset % BigInt(WORD) !== 0n || offset > BigInt(data.length)) {
    throw new Error('staking read: bad array offset');
  }
  const base = Number(offset / BigInt(WORD));
  const count = small(base, 32, 'validator count');
  if (count > MAX_VALIDATORS) throw new Error('staking read: too many validators');
  const validators: StakingValidator[] = [];
  for (let v = 0; v < count; v++) {
    const at = base + 1 + v * VALIDATOR_WORDS;
    const address = word(at + 3);
    if (address >= 1n << 160n) throw new Error('staking read: bad node address');
    validators.push({
      ip: small(at, 32, 'ip'),
      ipv6: word(at + 1),
      port: small(at + 2, 32, 'port'),
      nodeAddress: `0x${address.toString(16).padStart(40, '0')}`,
      reward: word(at + 4),
      senderPubKey: word(at + 5),
      receiverPubKey: word(at + 6),
    });
  }
  return { epoch, minNodeCount, validators };
}

/** A validator's URL as Lit's client builds it: `http://<ipv4>:<port>`, https on 443. */
export function validatorUrl(v: Pick<StakingValidator, 'ip' | 'port'>): string {
  const ip = [24, 16, 8, 0].map((shift) => (v.ip >>> shift) & 0xff).join('.');
  return `${v.port === 443 ? 'https' : 'http'}://${ip}:${v.port}`;
}

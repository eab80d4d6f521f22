// The one contract read Lit's SDK makes to find the nodes (wire doc §6):
// Staking.getActiveUnkickedValidatorStructsAndCounts() →
// (Epoch{epochLength, number, endTime, retries, timeout}, uint256 minNodeCount, Validator[]).
import { keccak_256 } from '@noble/hashes/sha3.js';
import { toHex, utf8 } from '../../protocol/bytes';
import type { EpochInfo, NodeRecord } from '../state/chain-types';
import { encodeAddress, encodeUint, ipv4ToUint32 } from './abi';

export const STAKING_READ_SIGNATURE = 'getActiveUnkickedValidatorStructsAndCounts()';
/** `0xc51d020e`. */
export const STAKING_READ_SELECTOR =
  '0x' + toHex(keccak_256(utf8(STAKING_READ_SIGNATURE)).subarray(0, 4));

/** ABI-encoded return data of the staking read, `0x` hex. */
export function encodeStakingRead(
  epoch: EpochInfo,
  minNodeCount: number,
  nodes: readonly Pick<NodeRecord, 'host' | 'port' | 'nodeAddress'>[],
): string {
  const head = [
    encodeUint(epoch.epochLength),
    encodeUint(epoch.number),
    encodeUint(epoch.endTime),
    encodeUint(epoch.retries),
    encodeUint(epoch.timeout),
    encodeUint(minNodeCount),
    // Offset of the dynamic Validator[]: it follows the 7 head words.
    encodeUint(7 * 32),
  ];
  const validators = nodes.flatMap((n) => [
    encodeUint(ipv4ToUint32(n.host), 32),
    encodeUint(0, 128),
    encodeUint(n.port, 32),
    encodeAddress(n.nodeAddress),
    encodeUint(0),
    encodeUint(0),
    encodeUint(0),
  ]);
  return '0x' + [...head, encodeUint(nodes.length), ...validators].join('');
}

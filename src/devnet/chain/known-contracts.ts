// The contracts the chain stand-in can answer `eth_call` for, at the addresses Lit's SDK bundles
// for `custom` networks, computed from chain.sqlite. One table serves both the JSON-RPC and the
// nodes' condition checks, so a condition sees exactly what a client reading the chain sees.
import { equalBytes, fromHex } from '../../protocol/bytes';
import { STAKING_CONTRACT_ADDRESS } from '../config';
import type { ChainReader } from '../state/chain-reader';
import {
  type AbiError,
  type AbiValue,
  decodeValues,
  encodeValues,
  functionSelector,
} from './abi-codec';
import { encodeStakingRead, STAKING_READ_SIGNATURE } from './staking';

export const PKP_NFT_ADDRESS = '0x02C4242F72d62c8fEF2b2DB088A35a9F4ec741C7';
export const PKP_PERMISSIONS_ADDRESS = '0xf64638F1eb3b064f5443F7c9e2Dc050ed535D891';
export const RATE_LIMIT_NFT_ADDRESS = '0x1A12D5B3D6A52B3bDe0468900795D35ce994ac2b';

/** No account holds devnet ether: nothing on the devnet costs gas. */
export function accountBalance(_address: string): bigint {
  return 0n;
}

/** A call the contract refuses, as `execution reverted: <reason>`. */
export class ContractRevert extends Error {
  override readonly name = 'ContractRevert';
}

interface ContractFunction {
  name: string;
  inputs: string[];
  outputs: string[];
  run(chain: ChainReader, args: AbiValue[]): string | { types: string[]; values: AbiValue[] };
}

const tokenIdHex = (id: unknown): string => (id as bigint).toString(16).padStart(64, '0');

function pkpOf(chain: ChainReader, id: unknown) {
  const pkp = (id as bigint) < 1n << 256n ? chain.pkp(tokenIdHex(id)) : null;
  if (!pkp) throw new ContractRevert('ERC721: invalid token ID');
  return pkp;
}

const ZERO_ADDRESS = '0x' + '0'.repeat(40);

const CONTRACTS: ReadonlyMap<string, { name: string; functions: ContractFunction[] }> = new Map([
  [
    STAKING_CONTRACT_ADDRESS.toLowerCase(),
    {
      name: 'Staking',
      functions: [
        {
          name: STAKING_READ_SIGNATURE.replace('()', ''),
          inputs: [],
          outputs: [],
          run: (chain) => {
            const meta = chain.network();
            return encodeStakingRead(meta.epoch, meta.threshold, chain.nodes());
          },
        },
      ],
    },
  ],
  [
    PKP_NFT_ADDRESS.toLowerCase(),
    {
      name: 'PKPNFT',
      functions: [
        {
          name: 'ownerOf',
          inputs: ['uint256'],
          outputs: ['address'],
          run: (chain, [id]) => ({
            types: ['address'],
            values: [pkpOf(chain, id).owner ?? ZERO_ADDRESS],
          }),
        },
        {
          name: 'exists',
          inputs: ['uint256'],
          outputs: ['bool'],
          run: (chain, [id]) => ({
            types: ['bool'],
            values: [(id as bigint) < 1n << 256n && chain.pkp(tokenIdHex(id)) !== null],
          }),
        },
      ],
    },
  ],
  [
    PKP_PERMISSIONS_ADDRESS.toLowerCase(),
    {
      name: 'PKPPermissions',
      functions: [
        {
          name: 'isPermittedAddress',
          inputs: ['uint256', 'address'],
          outputs: ['bool'],
          run: (chain, [id, user]) => {
            const permitted = pkpOf(chain, id).permittedAddresses.some(
              (a) => a.toLowerCase() === (user as string).toLowerCase(),
            );
            return { types: ['bool'], values: [permitted] };
          },
        },
      ],
    },
  ],
  [
    RATE_LIMIT_NFT_ADDRESS.toLowerCase(),
    {
      name: 'RateLimitNFT',
      functions: [
        {
          name: 'balanceOf',
          inputs: ['address'],
          outputs: ['uint256'],
          run: (chain, [owner]) => ({
            types: ['uint256'],
            values: [BigInt(chain.capacityCreditsOwnedBy(owner as string).length)],
          }),
        },
        {
          // ERC721Enumerable, as Lit's RateLimitNFT: with balanceOf, how a wallet lists its credits.
          name: 'tokenOfOwnerByIndex',
          inputs: ['address', 'uint256'],
          outputs: ['uint256'],
          run: (chain, [owner, index]) => {
            const owned = chain.capacityCreditsOwnedBy(owner as string);
            const i = index as bigint;
            if (i >= BigInt(owned.length)) {
              throw new ContractRevert('ERC721Enumerable: owner index out of bounds');
            }
            return { types: ['uint256'], values: [BigInt(owned[Number(i)]!.tokenId)] };
          },
        },
        {
          // Lit's `capacity(uint256) returns (RateLimit { requestsPerKilosecond, expiresAt })`: a
          // tuple of two static words, encoded exactly as the two uint256 in a row.
          name: 'capacity',
          inputs: ['uint256'],
          outputs: ['uint256', 'uint256'],
          run: (chain, [id]) => {
            const credit = chain.capacityCredit(id as bigint);
            if (!credit) throw new ContractRevert('ERC721: invalid token ID');
            return {
              types: ['uint256', 'uint256'],
              values: [BigInt(credit.requestsPerKilosecond), BigInt(credit.expiresAt)],
            };
          },
        },
      ],
    },
  ],
]);

/** `name(inputs) returns (outputs)` of every function the devnet's contracts serve. */
export function knownContractFunctions(): { address: string; contract: string; fn: string }[] {
  return [...CONTRACTS].flatMap(([address, c]) =>
    c.functions.map((f) => ({ address, contract: c.name, fn: `${f.name}(${f.inputs.join(',')})` })),
  );
}

/**
 * The return data of `eth_call(to, data)`, or an empty result when no contract lives at `to` (as
 * on any chain). Throws ContractRevert for a function the contract does not have, arguments that
 * do not decode, or a token that does not exist.
 */
export function callKnownContract(chain: ChainReader, to: string, data: Uint8Array): Uint8Array {
  const contract = CONTRACTS.get(to.toLowerCase());
  if (!contract) return new Uint8Array(0);
  const fn = contract.functions.find((f) =>
    equalBytes(functionSelector(f.name, f.inputs), data.subarray(0, 4)),
  );
  if (!fn || data.length < 4) {
    const served = contract.functions.map((f) => `${f.name}(${f.inputs.join(',')})`).join(', ');
    throw new ContractRevert(`the devnet ${contract.name} contract only serves ${served}`);
  }
  let args: AbiValue[];
  try {
    args = decodeValues(fn.inputs, data.subarray(4));
  } catch (error) {
    throw new ContractRevert(`${fn.name}: ${(error as AbiError).message}`);
  }
  const result = fn.run(chain, args);
  return typeof result === 'string' ? fromHex(result) : encodeValues(result.types, result.values);
}

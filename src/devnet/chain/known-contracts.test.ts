// The RateLimitNFT reads a wallet lists its capacity credits with, checked against Lit's own ABI
// (the contracts-sdk's RateLimitNFT): same selectors, and answers that ABI decodes.
import { RateLimitNFTData } from '@lit-protocol/contracts-sdk/src/abis/RateLimitNFT.sol/RateLimitNFTData';
import { ethers } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../protocol/bytes';
import { openNetwork } from '../genesis';
import type { ChainStore } from '../state/chain-store';
import { tempDataDir } from '../test-support';
import {
  callKnownContract,
  ContractRevert,
  knownContractFunctions,
  RATE_LIMIT_NFT_ADDRESS,
} from './known-contracts';

const lit = new ethers.utils.Interface(RateLimitNFTData.abi);
const owner = ethers.Wallet.createRandom().address;
const nobody = ethers.Wallet.createRandom().address;

let temp: ReturnType<typeof tempDataDir>;
let store: ChainStore;

beforeAll(() => {
  temp = tempDataDir();
  store = openNetwork({ dataDir: temp.dir, nodes: 3, threshold: 2, port: 7470 }).chain;
  store.insertCapacityCredit({ owner, requestsPerKilosecond: 100, expiresAt: 2_000_000_000 });
  store.insertCapacityCredit({ owner: nobody, requestsPerKilosecond: 5, expiresAt: 1_900_000_000 });
  store.insertCapacityCredit({
    owner: owner.toLowerCase(),
    requestsPerKilosecond: 7,
    expiresAt: 1_800_000_000,
  });
});
afterAll(() => {
  store.close();
  temp.remove();
});

/** Calls `fn` with Lit's ABI encoding and decodes the answer with it too. */
function call(fn: string, args: unknown[]): ethers.utils.Result {
  const data = lit.encodeFunctionData(fn, args);
  const out = callKnownContract(store, RATE_LIMIT_NFT_ADDRESS, fromHex(data.slice(2)));
  return lit.decodeFunctionResult(fn, `0x${toHex(out)}`);
}

describe('RateLimitNFT (capacity credits)', () => {
  it('serves balanceOf, tokenOfOwnerByIndex and capacity at Lit’s selectors', () => {
    const served = knownContractFunctions()
      .filter((f) => f.contract === 'RateLimitNFT')
      .map((f) => f.fn);
    expect(served).toEqual([
      'balanceOf(address)',
      'tokenOfOwnerByIndex(address,uint256)',
      'capacity(uint256)',
    ]);
    for (const fn of served) expect(lit.getFunction(fn).format()).toBe(fn);
  });

  it('lists an owner’s credits (any address case) in token order, with their capacity', () => {
    expect(call('balanceOf', [owner])[0].toNumber()).toBe(2);
    const ids = [0, 1].map((i) => call('tokenOfOwnerByIndex', [owner, i])[0].toString());
    expect(ids).toEqual(['1', '3']);
    const first = call('capacity', [1])[0];
    expect(first.requestsPerKilosecond.toNumber()).toBe(100);
    expect(first.expiresAt.toNumber()).toBe(2_000_000_000);
    const third = call('capacity', [3])[0];
    expect([third.requestsPerKilosecond.toNumber(), third.expiresAt.toNumber()]).toEqual([
      7, 1_800_000_000,
    ]);
    expect(call('tokenOfOwnerByIndex', [nobody, 0])[0].toString()).toBe('2');
  });

  it('reverts for an index past the owner’s balance and for a token that does not exist', () => {
    expect(() => call('tokenOfOwnerByIndex', [owner, 2])).toThrow(ContractRevert);
    expect(() => call('tokenOfOwnerByIndex', [ethers.constants.AddressZero, 0])).toThrow(
      /owner index out of bounds/,
    );
    expect(() => call('capacity', [99])).toThrow(/invalid token ID/);
    expect(() => call('capacity', [ethers.constants.MaxUint256])).toThrow(ContractRevert);
  });
});

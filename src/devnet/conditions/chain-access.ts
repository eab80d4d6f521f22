// What a condition may read from the chain, over the chain stand-in's own tables. Nodes read
// chain.sqlite directly (in-process and `--processes` nodes alike open it), and the stand-in's
// JSON-RPC answers from the same functions, so both always agree and no HTTP hop is needed.
import { accountBalance, callKnownContract } from '../chain/known-contracts';
import type { ChainReader } from '../state/chain-reader';

export interface ConditionChain {
  /** The newest block: `timestamp` conditions compare against its time (Unix seconds). */
  latestBlock(): { number: number; timestamp: number };
  /** `eth_getBalance` in wei. */
  balanceOf(address: string): bigint;
  /** `eth_call` return data (empty when no contract lives there); throws ContractRevert. */
  call(to: string, data: Uint8Array): Uint8Array;
}

export function conditionChainOf(reader: ChainReader): ConditionChain {
  return {
    latestBlock: () => reader.latestBlock(),
    balanceOf: (address) => accountBalance(address),
    call: (to, data) => callKnownContract(reader, to, data),
  };
}

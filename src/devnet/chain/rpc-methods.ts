// The Ethereum JSON-RPC methods the chain stand-in serves: what Lit's SDK (through ethers v5)
// reads on `litNetwork: 'custom'`, plus block lookups for SIWE nonces.
import { z } from 'zod';
import { fromHex, toHex } from '../../protocol/bytes';
import type { ChainStore } from '../state/chain-store';
import { formatBlock } from './blocks';
import { JsonRpcError, parseParams, type RpcMethod } from './json-rpc';
import { ContractRevert, accountBalance, callKnownContract } from './known-contracts';

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'expected a 0x address');
const hexData = z.string().regex(/^0x(?:[0-9a-fA-F]{2})*$/, 'expected 0x hex data');
const hash32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'expected a 32-byte 0x hash');
const quantity = z.string().regex(/^0x(?:0|[1-9a-fA-F][0-9a-fA-F]{0,15})$/, 'expected a quantity');
const blockTag = z.union([
  z.enum(['latest', 'pending', 'safe', 'finalized', 'earliest']),
  quantity,
]);

const CallParams = z.tuple([
  z.looseObject({ to: address, data: hexData.optional(), input: hexData.optional() }),
  z.union([blockTag, z.looseObject({})]).optional(),
]);
const BalanceParams = z.tuple([address, z.union([blockTag, z.looseObject({})]).optional()]);
const BlockByNumberParams = z.tuple([blockTag, z.boolean().optional()]);
const BlockByHashParams = z.tuple([hash32, z.boolean().optional()]);
const LogsParams = z.tuple([z.looseObject({})]);
const NoParams = z.union([z.tuple([]), z.strictObject({})]);

const hex = (n: number | bigint): string => '0x' + n.toString(16);

/** The method table over `store`; a Map so names like `__proto__` are simply unknown. */
export function createRpcMethods(store: ChainStore): Map<string, RpcMethod> {
  const chainId = (): number => store.network().chainId;
  const blockNumberOf = (tag: string): number =>
    tag === 'earliest'
      ? 0
      : tag.startsWith('0x')
        ? Number.parseInt(tag, 16)
        : store.latestBlock().number;

  return new Map<string, RpcMethod>([
    ['eth_chainId', (p) => (parseParams(NoParams, p), hex(chainId()))],
    ['net_version', (p) => (parseParams(NoParams, p), String(chainId()))],
    ['net_listening', (p) => (parseParams(NoParams, p), true)],
    ['eth_syncing', (p) => (parseParams(NoParams, p), false)],
    ['web3_clientVersion', (p) => (parseParams(NoParams, p), 'lit-companion-devnet/0.1.0')],
    ['eth_blockNumber', (p) => (parseParams(NoParams, p), hex(store.latestBlock().number))],
    [
      'eth_getBlockByNumber',
      (p) => {
        const [tag] = parseParams(BlockByNumberParams, p);
        const block = store.blockByNumber(blockNumberOf(tag));
        return block ? formatBlock(block) : null;
      },
    ],
    [
      'eth_getBlockByHash',
      (p) => {
        const [hash] = parseParams(BlockByHashParams, p);
        const block = store.blockByHash(hash);
        return block ? formatBlock(block) : null;
      },
    ],
    ['eth_getBalance', (p) => hex(accountBalance(parseParams(BalanceParams, p)[0]))],
    // No contract emits events: Lit's SDK only listens for StateChanged on the staking contract.
    ['eth_getLogs', (p) => (parseParams(LogsParams, p), [])],
    [
      'eth_call',
      (p) => {
        const [call] = parseParams(CallParams, p);
        const data = fromHex(call.data ?? call.input ?? '0x');
        try {
          return '0x' + toHex(callKnownContract(store, call.to, data));
        } catch (error) {
          if (!(error instanceof ContractRevert)) throw error;
          throw new JsonRpcError(3, `execution reverted: ${error.message}`, '0x');
        }
      },
    ],
  ]);
}

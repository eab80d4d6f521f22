// Blocks as Ethereum clients expect them (ethers v5 parses every field here), and the timer that
// issues a new one every --block-interval seconds.
import type { BlockRecord } from '../state/chain-types';
import type { ChainStore } from '../state/chain-store';

const ZERO_HASH = '0x' + '0'.repeat(64);
// keccak256(rlp([])): the empty uncles list and empty tries, as on any chain.
const EMPTY_UNCLES_HASH = '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347';
const EMPTY_TRIE_ROOT = '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421';

const quantity = (n: number | bigint): string => '0x' + n.toString(16);

/** The JSON-RPC block object: a block with no transactions, mined by nobody. */
export function formatBlock(block: BlockRecord): Record<string, unknown> {
  return {
    number: quantity(block.number),
    hash: block.hash,
    parentHash: block.parentHash,
    timestamp: quantity(block.timestamp),
    nonce: '0x0000000000000000',
    mixHash: ZERO_HASH,
    sha3Uncles: EMPTY_UNCLES_HASH,
    logsBloom: '0x' + '0'.repeat(512),
    transactionsRoot: EMPTY_TRIE_ROOT,
    stateRoot: EMPTY_TRIE_ROOT,
    receiptsRoot: EMPTY_TRIE_ROOT,
    miner: '0x' + '0'.repeat(40),
    difficulty: '0x0',
    totalDifficulty: '0x0',
    extraData: '0x',
    size: quantity(512),
    gasLimit: quantity(30_000_000),
    gasUsed: '0x0',
    baseFeePerGas: '0x0',
    transactions: [],
    uncles: [],
  };
}

/** Issues a block now and then every `intervalSeconds`; returns the function that stops it. */
export function startBlockProducer(
  store: ChainStore,
  intervalSeconds: number,
  onError: (error: unknown) => void,
): () => void {
  const issue = (): void => {
    try {
      store.appendBlock();
    } catch (error) {
      onError(error);
    }
  };
  issue();
  const timer = setInterval(issue, intervalSeconds * 1000);
  return () => clearInterval(timer);
}

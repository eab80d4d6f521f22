// Which chain a transaction is for, and what its amounts are in. Every EVM chain counts its own
// coin in wei (10^18 wei to the coin), so amounts convert alike everywhere; what differs is the
// coin, and "0.25 ETH" on a Polygon or BNB transaction would tell the user the wrong thing.

interface Chain {
  name: string;
  coin: string;
}

// Mainnets people sign for most, their best-known test networks, and Lit's own chain.
const KNOWN_CHAINS: Readonly<Record<string, Chain>> = {
  '1': { name: 'Ethereum', coin: 'ETH' },
  '10': { name: 'OP Mainnet', coin: 'ETH' },
  '56': { name: 'BNB Smart Chain', coin: 'BNB' },
  '100': { name: 'Gnosis', coin: 'xDAI' },
  '137': { name: 'Polygon', coin: 'POL' },
  '250': { name: 'Fantom', coin: 'FTM' },
  '324': { name: 'zkSync Era', coin: 'ETH' },
  '8453': { name: 'Base', coin: 'ETH' },
  '42161': { name: 'Arbitrum One', coin: 'ETH' },
  '42220': { name: 'Celo', coin: 'CELO' },
  '43114': { name: 'Avalanche C-Chain', coin: 'AVAX' },
  '59144': { name: 'Linea', coin: 'ETH' },
  '534352': { name: 'Scroll', coin: 'ETH' },
  '175188': { name: 'Lit Chronicle Yellowstone', coin: 'tstLPX' },
  '11155111': { name: 'Sepolia, a test network', coin: 'ETH' },
  '17000': { name: 'Holesky, a test network', coin: 'ETH' },
  '84532': { name: 'Base Sepolia, a test network', coin: 'ETH' },
  '80002': { name: 'Polygon Amoy, a test network', coin: 'POL' },
};

/**
 * The chain's name when it is a known one, and the words for its coin: its symbol, or, for a
 * chain this list does not know (or a transaction valid on any chain), what the coin is of.
 */
export function chainOf(chainId: string | null): { name: string | null; coin: string } {
  if (chainId === null) return { name: null, coin: "units of the chain's coin" };
  const known = Object.hasOwn(KNOWN_CHAINS, chainId) ? KNOWN_CHAINS[chainId] : undefined;
  return known ?? { name: null, coin: `units of chain ${chainId}'s coin` };
}

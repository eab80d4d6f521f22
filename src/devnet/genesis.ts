// Opening a data dir: genesis on a fresh one (deal, then write each node's secrets to its own file
// and the public material to chain.sqlite), or reopening an existing network unchanged.
import { existsSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { toHex } from '../protocol/bytes';
import { systemClock, unixSeconds, type Clock } from './clock';
import {
  DEFAULT_NODES,
  DEVNET_CHAIN_ID,
  DEVNET_HOST,
  EPOCH_LENGTH_SECONDS,
  EPOCH_NUMBER,
  defaultThreshold,
} from './config';
import { chainDbPath, dealerDbPath, ensureDataDir, nodeDbFiles, nodeDbPath } from './data-dir';
import { dealNetwork } from './dealer';
import { DevnetError } from './errors';
import { ChainStore } from './state/chain-store';
import type { NetworkMeta } from './state/chain-types';
import { DealerStore, type DealerSecrets } from './state/dealer-store';
import { NodeStore } from './state/node-store';

export interface OpenNetworkOptions {
  dataDir: string;
  /** An explicit --nodes; undefined means the stored value, or 3 for a new network. */
  nodes?: number;
  /** An explicit --threshold; undefined means the stored value, or ⌈2n/3⌉ for a new network. */
  threshold?: number;
  /** Node i listens on port + i. */
  port: number;
  clock?: Clock;
}

export interface OpenedNetwork {
  chain: ChainStore;
  meta: NetworkMeta;
  /** The online dealer's secrets (dealer.sqlite): for the devnet's own process only. */
  dealer: DealerSecrets;
  /** True when this call ran genesis. */
  created: boolean;
}

/** Reads dealer.sqlite and checks it belongs to this network. */
function readDealer(dataDir: string, meta: NetworkMeta): DealerSecrets {
  const path = dealerDbPath(dataDir);
  if (!existsSync(path)) {
    throw new DevnetError(
      `data dir ${dataDir} has no dealer.sqlite (made by a devnet without PKP signing); ` +
        `remove ${dataDir} to start over`,
    );
  }
  const store = DealerStore.open(path);
  try {
    const secrets = store.secrets();
    if (secrets.networkId !== meta.networkId) {
      throw new DevnetError(`${path} belongs to another network`);
    }
    return secrets;
  } finally {
    store.close();
  }
}

/** Genesis on a fresh data dir, or the existing network (its node ports moved to `port + i`). */
export function openNetwork(options: OpenNetworkOptions): OpenedNetwork {
  const { dataDir } = options;
  const clock = options.clock ?? systemClock;
  ensureDataDir(dataDir);
  const chainPath = chainDbPath(dataDir);
  if (!existsSync(chainPath)) return createNetwork(options, clock);

  const chain = ChainStore.openStore(chainPath, { clock });
  try {
    const meta = chain.networkOrUndefined();
    if (!meta) {
      throw new DevnetError(
        `${chainPath} has no network (an interrupted genesis?); remove ${dataDir} to start over`,
      );
    }
    const nodesDiffer = options.nodes !== undefined && options.nodes !== meta.nodeCount;
    const thresholdDiffers =
      options.threshold !== undefined && options.threshold !== meta.threshold;
    if (nodesDiffer || thresholdDiffers) {
      throw new DevnetError(
        `data dir ${dataDir} holds a network of ${meta.nodeCount} nodes with threshold ` +
          `${meta.threshold}; start it with those values or use another --data-dir`,
      );
    }
    for (let i = 0; i < meta.nodeCount; i++) {
      if (!existsSync(nodeDbPath(dataDir, i))) {
        throw new DevnetError(`data dir ${dataDir} is missing node-${i}.sqlite`);
      }
    }
    chain.setNodeEndpoints(
      chain
        .nodes()
        .map((n) => ({ index: n.index, host: DEVNET_HOST, port: options.port + n.index })),
    );
    return { chain, meta, dealer: readDealer(dataDir, meta), created: false };
  } catch (error) {
    chain.close();
    throw error;
  }
}

function createNetwork(options: OpenNetworkOptions, clock: Clock): OpenedNetwork {
  const { dataDir } = options;
  const leftovers = [
    ...nodeDbFiles(dataDir),
    ...(existsSync(dealerDbPath(dataDir)) ? ['dealer.sqlite'] : []),
  ];
  if (leftovers.length > 0) {
    throw new DevnetError(
      `data dir ${dataDir} has ${leftovers[0]} but no chain.sqlite (an interrupted genesis?); ` +
        `remove it to start over`,
    );
  }
  const count = options.nodes ?? DEFAULT_NODES;
  const threshold = options.threshold ?? defaultThreshold(count);
  if (threshold < 2 || threshold > count) {
    throw new DevnetError(`threshold ${threshold} must be between 2 and the node count ${count}`);
  }
  const now = unixSeconds(clock);
  const dealt = dealNetwork(count, threshold);
  const meta: NetworkMeta = {
    networkId: dealt.networkId,
    chainId: DEVNET_CHAIN_ID,
    nodeCount: count,
    threshold,
    epoch: {
      number: EPOCH_NUMBER,
      epochLength: EPOCH_LENGTH_SECONDS,
      endTime: now + EPOCH_LENGTH_SECONDS,
      retries: 0,
      timeout: 60,
    },
    networkPublicKey: toHex(dealt.blsPublicKey),
    hdRootPubkeys: dealt.hdRootPublicKeys.map(toHex),
    createdAt: now,
  };
  const created: string[] = [];
  const dealer: DealerSecrets = {
    networkId: dealt.networkId,
    rootSecretKeys: dealt.hdRootSecretKeys,
    presignSeed: new Uint8Array(randomBytes(32)),
  };
  try {
    // Node files and the dealer's first, chain.sqlite last: its network row marks a finished
    // genesis.
    created.push(dealerDbPath(dataDir));
    DealerStore.create(dealerDbPath(dataDir), dealer, now).close();
    for (const node of dealt.nodes) {
      const path = nodeDbPath(dataDir, node.index);
      created.push(path);
      NodeStore.create(
        path,
        {
          networkId: dealt.networkId,
          index: node.index,
          blsShare: { id: node.blsShare.id, secretKey: node.blsShare.secretKey },
          ecdsaRootShares: node.ecdsaRootShares,
          walletPrivateKey: node.walletPrivateKey,
        },
        now,
      ).close();
    }
    created.push(chainDbPath(dataDir));
    const chain = ChainStore.openStore(chainDbPath(dataDir), { create: true, clock });
    try {
      chain.writeGenesis({
        meta,
        nodes: dealt.nodes.map((n) => ({
          index: n.index,
          host: DEVNET_HOST,
          port: options.port + n.index,
          nodeAddress: n.walletAddress,
          blsShareId: n.blsShare.id,
          blsPublicShare: toHex(n.blsShare.publicKey),
        })),
      });
    } catch (error) {
      chain.close();
      throw error;
    }
    return { chain, meta, dealer, created: true };
  } catch (error) {
    for (const path of created) {
      for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    }
    throw error;
  } finally {
    // Genesis forgets every node's secret once each node holds its own; the root keys stay
    // with the online dealer (the returned `dealer`, and dealer.sqlite).
    for (const node of dealt.nodes) {
      node.blsShare.secretKey.fill(0);
      node.walletPrivateKey.fill(0);
      node.ecdsaRootShares.forEach((s) => s.secretKey.fill(0));
    }
  }
}

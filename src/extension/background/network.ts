// The configured Lit network: its node URLs, found from the chain's staking read and the nodes'
// handshake. Kept for a few minutes in memory and in storage.session, so a woken worker answers
// without asking the chain again.
import browser from 'webextension-polyfill';
import { discoverNetwork, type LitNetwork } from '../../client/discover';
import { ProviderErrorCode } from '../messages';
import { ProviderRpcError } from './errors';
import { getSettings } from './settings';

const NETWORK_KEY = 'lit-companion:network';
/** How long a discovered node list is used before the chain is asked again. */
const NETWORK_TTL_MS = 5 * 60 * 1000;
const DISCOVERY_TIMEOUT_MS = 5000;

export interface KnownNetwork {
  rpcUrl: string;
  nodeUrls: string[];
  /** Every node the chain lists, in its order (pkpSign's signing sets are over this list); a
   * list stored before brokered calls lacks it, and `nodeUrls` stands in. */
  listedNodeUrls?: string[];
  threshold: number;
  /** The BLS network key (96 hex): what PKP session capabilities are verified against. */
  networkPublicKey: string;
  epoch: number;
  /** The SIWE nonce Lit's SDK uses: the chain's latest block hash at discovery. */
  latestBlockhash: string;
  discoveredAt: number;
}

let cached: KnownNetwork | null = null;
let inFlight: { rpcUrl: string; promise: Promise<KnownNetwork> } | null = null;

function fresh(n: KnownNetwork | null | undefined, rpcUrl: string, now: number): boolean {
  // A list stored by an older version lacks the network key: found again, not trusted.
  return (
    !!n &&
    n.rpcUrl === rpcUrl &&
    typeof n.networkPublicKey === 'string' &&
    now - n.discoveredAt < NETWORK_TTL_MS
  );
}

async function discover(rpcUrl: string): Promise<KnownNetwork> {
  let network: LitNetwork;
  try {
    network = await discoverNetwork({ rpcUrl, timeoutMs: DISCOVERY_TIMEOUT_MS });
  } catch (e) {
    throw new ProviderRpcError(
      ProviderErrorCode.disconnected,
      `The Lit network at ${rpcUrl} cannot be reached`,
      { reason: e instanceof Error ? e.message.slice(0, 300) : 'unknown' },
    );
  }
  const known: KnownNetwork = {
    rpcUrl,
    nodeUrls: network.nodeUrls,
    listedNodeUrls: network.listedNodeUrls,
    threshold: network.threshold,
    networkPublicKey: network.networkPublicKey,
    epoch: network.epoch,
    latestBlockhash: network.latestBlockhash,
    discoveredAt: Date.now(),
  };
  cached = known;
  await browser.storage.session.set({ [NETWORK_KEY]: known });
  return known;
}

/** The configured network; 4900 when it cannot be reached. */
export async function currentNetwork(): Promise<KnownNetwork> {
  const { rpcUrl } = await getSettings();
  const now = Date.now();
  if (fresh(cached, rpcUrl, now)) return cached!;
  const stored = (await browser.storage.session.get(NETWORK_KEY))[NETWORK_KEY] as
    KnownNetwork | undefined;
  if (fresh(stored, rpcUrl, now)) return (cached = stored!);
  if (inFlight?.rpcUrl !== rpcUrl) {
    const promise = discover(rpcUrl).finally(() => {
      if (inFlight?.promise === promise) inFlight = null;
    });
    inFlight = { rpcUrl, promise };
  }
  return inFlight.promise;
}

/** Forgets the node list (the settings changed, or the nodes stopped answering). */
export async function forgetNetwork(): Promise<void> {
  cached = null;
  await browser.storage.session.remove(NETWORK_KEY);
}

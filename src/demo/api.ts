// The demo server's JSON API: what the page cannot do with `window.lit` alone. It tells the page
// the network and the Lit Actions, prepares a PKP for the user's wallet through the devnet's admin
// API, and makes the real node request (a PKP signature) with the session sigs the page got.
// The brokered steps (the extension signs, runs and decrypts itself) need only the PKP from here.
import { z } from 'zod';
import { discoverNetwork, type LitNetwork } from '../client/discover';
import { PkpSignError } from '../client/pkp-sign';
import { Address } from '../devnet/chain/admin-schemas';
import { AUTH_METHOD_TYPE, SCOPE, ethWalletAuthMethodId } from '../devnet/node/pkp-permissions';
import { describeZodError } from '../devnet/zod-message';
import { DEMO_ACTION, SIGNING_ACTION } from './lit-action';
import { signWithSessionSigs } from './pkp-sign-check';

export interface ApiAnswer {
  status: number;
  body: unknown;
}

export interface DemoPkp {
  tokenId: string;
  publicKey: string;
  ethAddress: string;
}

const apiError = (status: number, code: string, message: string): ApiAnswer => ({
  status,
  body: { error: { code, message } },
});

const PkpRequest = z.strictObject({ address: Address });

/** A session sig as Lit's SDK and the extension hand it out (one per node). */
const SessionSig = z.strictObject({
  sig: z.string().max(1024),
  derivedVia: z.string().max(64),
  signedMessage: z.string().max(64 * 1024),
  address: z.string().max(256),
  algo: z.string().max(64).optional(),
});

const PkpSignRequest = z.strictObject({
  pkpPublicKey: z.string().regex(/^0x04[0-9a-fA-F]{128}$/, 'expected an uncompressed 0x04… key'),
  sessionSigs: z
    .record(z.string().max(256), SessionSig)
    .refine((sigs) => Object.keys(sigs).length >= 1 && Object.keys(sigs).length <= 64, {
      message: 'expected 1 to 64 session sigs keyed by node URL',
    }),
});

const MintedPkp = z.object({
  tokenId: z.string(),
  publicKey: z.string(),
  ethAddress: z.string(),
});

/** The API of one demo server, for the devnet whose chain answers at `rpcUrl`. */
export function createDemoApi(options: { rpcUrl: string }) {
  let network: Promise<LitNetwork> | null = null;
  const pkps = new Map<string, Promise<DemoPkp>>();

  /** Discovered once; forgotten on failure so a devnet that starts later is found. */
  const networkOnce = (): Promise<LitNetwork> => {
    network ??= discoverNetwork({ rpcUrl: options.rpcUrl }).catch((e: unknown) => {
      network = null;
      throw e;
    });
    return network;
  };

  /** One PKP per wallet per server run, permitting the wallet and the demo's Lit Actions. */
  const pkpFor = (address: string): Promise<DemoPkp> => {
    let pkp = pkps.get(address);
    if (!pkp) {
      pkp = mintPkp(options.rpcUrl, address).catch((e: unknown) => {
        pkps.delete(address);
        throw e;
      });
      pkps.set(address, pkp);
    }
    return pkp;
  };

  const routes: Record<string, (body: unknown) => Promise<ApiAnswer>> = {
    'GET /api/config': async () => {
      const { nodeUrls, threshold } = await networkOnce();
      return {
        status: 200,
        body: {
          rpcUrl: options.rpcUrl,
          nodeUrls,
          threshold,
          litAction: DEMO_ACTION,
          signingAction: SIGNING_ACTION,
        },
      };
    },
    'POST /api/pkp': async (body) => {
      const parsed = PkpRequest.safeParse(body);
      if (!parsed.success) return apiError(400, 'invalid_request', describeZodError(parsed.error));
      const pkp = await pkpFor(parsed.data.address);
      return {
        status: 200,
        body: {
          ...pkp,
          permits: {
            address: parsed.data.address,
            litAction: DEMO_ACTION.ipfsId,
            signingAction: SIGNING_ACTION.ipfsId,
          },
        },
      };
    },
    'POST /api/pkp-sign': async (body) => {
      const parsed = PkpSignRequest.safeParse(body);
      if (!parsed.success) return apiError(400, 'invalid_request', describeZodError(parsed.error));
      try {
        const check = await signWithSessionSigs(await networkOnce(), {
          ...parsed.data,
          message: `Signed for the Lit Companion demo at ${new Date().toISOString()}`,
        });
        return { status: 200, body: check };
      } catch (e) {
        if (!(e instanceof PkpSignError)) throw e;
        // The nodes refused the sigs: the page shows Lit's error code, which is the point.
        return {
          status: 422,
          body: { error: { code: 'nodes_refused', errorCode: e.errorCode, message: e.message } },
        };
      }
    },
  };

  return {
    /** The answer to `method path` with its parsed JSON body, or null when no route matches. */
    async handle(method: string, path: string, body: unknown): Promise<ApiAnswer | null> {
      const route = routes[`${method} ${path}`];
      if (!route) return null;
      try {
        return await route(body);
      } catch (e) {
        // The devnet is down or answered nonsense: one line, no stack.
        return apiError(502, 'devnet_unavailable', e instanceof Error ? e.message : String(e));
      }
    },
    /** Whether `path` is an API path with another method (405 rather than 404). */
    knows: (path: string) => Object.keys(routes).some((key) => key.endsWith(` ${path}`)),
  };
}

export type DemoApi = ReturnType<typeof createDemoApi>;

async function mintPkp(rpcUrl: string, address: string): Promise<DemoPkp> {
  const response = await fetch(`${rpcUrl}/devnet/pkp/mint`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    // The address lets wallet sessions sign; the EthWallet auth method (scope 1: sign anything)
    // lets the PKP sessions that wallet authenticates sign; the first action lets its sessions
    // exist; the signing action may sign with it whoever runs it (the nodes check its CID).
    body: JSON.stringify({
      permittedAddresses: [address],
      permittedAuthMethods: [
        {
          authMethodType: AUTH_METHOD_TYPE.EthWallet,
          authMethodId: ethWalletAuthMethodId(address),
          scopes: [SCOPE.SignAnything],
        },
      ],
      permittedActions: [DEMO_ACTION.ipfsId, SIGNING_ACTION.ipfsId],
    }),
    signal: AbortSignal.timeout(10_000),
  });
  const answer: unknown = await response.json().catch(() => null);
  const minted = MintedPkp.safeParse(answer);
  if (!response.ok || !minted.success) {
    throw new Error(`the devnet's admin API did not mint a PKP (HTTP ${response.status})`);
  }
  return minted.data;
}

// The devnet's admin API (loopback only, JSON only; see src/devnet/README.md), used by the
// options page to mint a PKP for the user's wallet, and a capacity credit for the built-in
// account. A Lit network has no such API: there the user brings an existing PKP or credit.
// Whatever the API answers is checked before it is kept.
import { z } from 'zod/mini';
import {
  AUTH_METHOD_SCOPE,
  AUTH_METHOD_TYPE,
  ethWalletAuthMethodId,
} from '../../protocol/auth-method';
import { ProviderErrorCode, type SessionPkp } from '../messages';
import { ProviderRpcError } from './errors';
import { sessionPkp } from './session-request';

const TIMEOUT_MS = 5000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

const statusSchema = z.object({
  nodes: z.array(z.string()),
  threshold: z.number(),
  networkPublicKey: z.string(),
});

const mintedSchema = z.object({
  tokenId: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  publicKey: z.string(),
  ethAddress: z.string(),
});

function adminUrl(rpcUrl: string, path: string): URL | null {
  try {
    const url = new URL(path, rpcUrl);
    return LOOPBACK.has(url.hostname) ? url : null;
  } catch {
    return null;
  }
}

/** The PKP of a mint answer, when its token id and address are those of its key. */
function consistentPkp(minted: z.infer<typeof mintedSchema>): SessionPkp | null {
  try {
    const pkp = sessionPkp(minted.publicKey);
    return pkp.tokenId === minted.tokenId && pkp.address === minted.ethAddress ? pkp : null;
  } catch {
    return null;
  }
}

/** True when the network at `rpcUrl` is a devnet that answers its admin API. */
export async function isDevnet(rpcUrl: string): Promise<boolean> {
  const url = adminUrl(rpcUrl, '/devnet/status');
  if (!url) return false;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    return response.ok && statusSchema.safeParse(await response.json()).success;
  } catch {
    return false;
  }
}

/** 4100 unless `rpcUrl` is a devnet whose admin API answers. */
async function assertDevnet(rpcUrl: string, path: string, elsewhere: string): Promise<URL> {
  const url = adminUrl(rpcUrl, path);
  if (!url || !(await isDevnet(rpcUrl))) {
    throw new ProviderRpcError(ProviderErrorCode.unauthorized, elsewhere);
  }
  return url;
}

/** POSTs to the admin API; the answer's body (not yet trusted), or 4900 saying why it failed. */
async function postAdmin(url: URL, body: unknown, what: string): Promise<unknown> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const answer: unknown = await response.json();
    if (!response.ok) {
      const message = (answer as { error?: { message?: unknown } } | null)?.error?.message;
      throw new Error(
        typeof message === 'string' ? message.slice(0, 200) : `HTTP ${response.status}`,
      );
    }
    return answer;
  } catch (e) {
    throw new ProviderRpcError(
      ProviderErrorCode.disconnected,
      `The devnet did not mint ${what}: ${e instanceof Error ? e.message : 'unreachable'}`,
    );
  }
}

/**
 * Mints a PKP that `controller` owns and may use through its EthWallet auth method, for session
 * keys (scope 2) and signing (scope 1), as Lit's mint-with-auth-methods does.
 */
export async function mintDevnetPkp(rpcUrl: string, controller: string): Promise<SessionPkp> {
  const url = await assertDevnet(
    rpcUrl,
    '/devnet/pkp/mint',
    'Only the devnet can create PKPs here: on another network, add an existing PKP',
  );
  const body = await postAdmin(
    url,
    {
      owner: controller,
      permittedAuthMethods: [
        {
          authMethodType: AUTH_METHOD_TYPE.EthWallet,
          authMethodId: ethWalletAuthMethodId(controller),
          scopes: [AUTH_METHOD_SCOPE.SignAnything, AUTH_METHOD_SCOPE.PersonalSign],
        },
      ],
    },
    'a PKP',
  );
  const minted = mintedSchema.safeParse(body);
  const pkp = minted.success ? consistentPkp(minted.data) : null;
  if (!pkp) {
    throw new ProviderRpcError(
      ProviderErrorCode.internal,
      'The devnet answered with a PKP whose token id or address does not match its key',
    );
  }
  return pkp;
}

const mintedCreditSchema = z.strictObject({
  tokenId: z.string().check(z.regex(/^[1-9][0-9]{0,77}$/)),
});

/**
 * Mints a capacity credit (RateLimitNFT) owned by `owner`; returns its decimal token id. The
 * caller reads the credit back from the chain: the admin API's word alone is not kept.
 */
export async function mintDevnetCredit(
  rpcUrl: string,
  owner: string,
  credit: { requestsPerKilosecond: number; expiresAt: number },
): Promise<string> {
  const url = await assertDevnet(
    rpcUrl,
    '/devnet/capacity/mint',
    'Only the devnet can mint capacity credits here: on another network, buy one from Lit',
  );
  const body = await postAdmin(url, { owner, ...credit }, 'a capacity credit');
  const minted = mintedCreditSchema.safeParse(body);
  if (!minted.success) {
    throw new ProviderRpcError(
      ProviderErrorCode.internal,
      'The devnet answered a capacity credit mint without a token id',
    );
  }
  return minted.data.tokenId;
}

// The built-in account's capacity credits (Lit's RateLimitNFT) on the configured network, read
// over JSON-RPC as Lit's contracts SDK reads them: balanceOf, then tokenOfOwnerByIndex and
// capacity for each. The ABI is decoded by hand (as src/client/staking-read.ts does): the shapes
// are a word or two, and an ABI library would weigh more than this file.
import { keccak_256 } from '@noble/hashes/sha3.js';
import { jsonRpc } from '../../client/json-rpc';
import { NodeCallError } from '../../client/node-call';
import { fromHex, toHex, utf8 } from '../../protocol/bytes';
import { ProviderErrorCode, type CapacityCredit } from '../messages';
import { mintDevnetCredit } from './devnet-admin';
import { ProviderRpcError } from './errors';

/**
 * The RateLimitNFT of Lit's `custom` contract list (`@lit-protocol/contracts`), which the devnet
 * serves; discovery reads the Staking contract of the same list (src/client/staking-read.ts).
 * A network with another list (Datil's) takes the address from that list, here.
 */
export const RATE_LIMIT_NFT_ADDRESS = '0x1A12D5B3D6A52B3bDe0468900795D35ce994ac2b';

const TIMEOUT_MS = 5000;
/** Credits read per owner at most: bounds the calls a huge (or hostile) balance causes. */
export const MAX_LISTED_CREDITS = 100;
const WORD = 32;
const selector = (signature: string) => keccak_256(utf8(signature)).slice(0, 4);
const BALANCE_OF = selector('balanceOf(address)');
const TOKEN_OF_OWNER_BY_INDEX = selector('tokenOfOwnerByIndex(address,uint256)');
const CAPACITY = selector('capacity(uint256)');

const addressWord = (address: string) => toHex(fromHex(address.slice(2), 20)).padStart(64, '0');
const uintWord = (n: bigint) => n.toString(16).padStart(64, '0');

class MalformedRead extends Error {}

/** One `eth_call` to the RateLimitNFT; its return data as exactly `words` 32-byte words. */
async function read(rpcUrl: string, fn: Uint8Array, args: string, words: number) {
  let raw: unknown;
  try {
    raw = await jsonRpc(
      rpcUrl,
      'eth_call',
      [{ to: RATE_LIMIT_NFT_ADDRESS, data: `0x${toHex(fn)}${args}` }, 'latest'],
      { timeoutMs: TIMEOUT_MS, maxResponseBytes: 4096 },
    );
  } catch (e) {
    if (e instanceof NodeCallError && e.failure.kind === 'invalid-response') {
      throw new MalformedRead(e.failure.message);
    }
    throw new ProviderRpcError(
      ProviderErrorCode.disconnected,
      `The chain at ${rpcUrl} did not answer the capacity credit read`,
      { reason: e instanceof Error ? e.message.slice(0, 300) : 'unknown' },
    );
  }
  if (typeof raw !== 'string' || !/^0x([0-9a-fA-F]{64})*$/.test(raw)) {
    throw new MalformedRead('the answer is not whole ABI words');
  }
  const data = fromHex(raw.slice(2));
  if (data.length !== words * WORD) throw new MalformedRead(`expected ${words} words`);
  return Array.from({ length: words }, (_, i) =>
    BigInt(`0x${toHex(data.subarray(i * WORD, (i + 1) * WORD))}`),
  );
}

async function creditAt(rpcUrl: string, owner: string, index: number): Promise<CapacityCredit> {
  const [tokenId] = await read(
    rpcUrl,
    TOKEN_OF_OWNER_BY_INDEX,
    addressWord(owner) + uintWord(BigInt(index)),
    1,
  );
  const [perKilosecond, expiresAt] = await read(rpcUrl, CAPACITY, uintWord(tokenId!), 2);
  // Seconds past year 275760 or a rate past 2^53 are no credit a real contract holds.
  if (perKilosecond! > BigInt(Number.MAX_SAFE_INTEGER) || expiresAt! > 8_640_000_000_000n) {
    throw new MalformedRead(`credit ${tokenId} has values out of range`);
  }
  return {
    tokenId: tokenId!.toString(),
    requestsPerKilosecond: Number(perKilosecond),
    expiresAt: new Date(Number(expiresAt) * 1000).toISOString(),
  };
}

/**
 * The unexpired credits `owner` holds on the network at `rpcUrl`, in the contract's order (at
 * most MAX_LISTED_CREDITS). Expired credits are left out: nodes refuse them, so they can be
 * neither attached nor used. 4900 when the chain cannot be reached; -32603 when it answers
 * something that is not a RateLimitNFT's answer (no such contract on that chain, for one).
 */
export async function listCredits(
  rpcUrl: string,
  owner: string,
  now = Date.now(),
): Promise<CapacityCredit[]> {
  try {
    const [balance] = await read(rpcUrl, BALANCE_OF, addressWord(owner), 1);
    const count = Number(balance! > BigInt(MAX_LISTED_CREDITS) ? MAX_LISTED_CREDITS : balance);
    const credits = await Promise.all(
      Array.from({ length: count }, (_, i) => creditAt(rpcUrl, owner, i)),
    );
    return credits.filter((c) => Date.parse(c.expiresAt) > now);
  } catch (e) {
    if (!(e instanceof MalformedRead)) throw e;
    throw new ProviderRpcError(
      ProviderErrorCode.internal,
      `The chain at ${rpcUrl} did not answer as Lit's RateLimitNFT: ${e.message.slice(0, 200)}`,
    );
  }
}

/** The credit when `owner` holds it unexpired, else null. */
export async function ownedCredit(
  rpcUrl: string,
  owner: string,
  tokenId: string,
  now = Date.now(),
): Promise<CapacityCredit | null> {
  return (await listCredits(rpcUrl, owner, now)).find((c) => c.tokenId === tokenId) ?? null;
}

/**
 * Devnet only: mints a credit for `owner` lasting `days`, then reads it back from the chain and
 * returns it only when the chain holds exactly that credit for that owner.
 */
export async function mintCredit(
  rpcUrl: string,
  owner: string,
  request: { requestsPerKilosecond: number; days: number },
  now = Date.now(),
): Promise<CapacityCredit> {
  const expiresAt = Math.floor(now / 1000) + request.days * 86_400;
  const tokenId = await mintDevnetCredit(rpcUrl, owner, {
    requestsPerKilosecond: request.requestsPerKilosecond,
    expiresAt,
  });
  const credit = await ownedCredit(rpcUrl, owner, tokenId, now);
  if (
    !credit ||
    credit.requestsPerKilosecond !== request.requestsPerKilosecond ||
    Date.parse(credit.expiresAt) !== expiresAt * 1000
  ) {
    throw new ProviderRpcError(
      ProviderErrorCode.internal,
      `The devnet said it minted credit #${tokenId}, but the chain does not hold it as asked`,
    );
  }
  return credit;
}

// `Lit.Actions.checkConditions` and `decryptAndCombine`. The user is the session's own address,
// or the wallet of the AuthSig the action passes, if it passes the node's top-level wallet
// AuthSig check (`wallet-auth-sig.ts`: a session's capability lifted out of its sigs does not).
// decryptAndCombine checks the conditions, takes this node's decryption share, swaps shares with
// the peers (each checked against that node's public share before use) and decrypts inside the
// node: the plaintext goes only to the action.
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import {
  encryptionIdentity,
  hashConditions,
  type ConditionsKind,
} from '../../protocol/access-control';
import { fromUtf8, toHex } from '../../protocol/bytes';
import { parseSignatureShare, verifySignatureShare } from '../../protocol/bls-shares';
import { decryptWithSignatureShares } from '../../protocol/encryption';
import { LitNodeError } from '../../protocol/errors';
import type { HostFunction } from '../actions';
import { argsOf } from './action-operations-args';
import type { ActionRunEnv } from './action-operations-env';
import { verifyTopLevelWalletAuthSig } from './wallet-auth-sig';

const list = z.array(z.unknown()).min(1).max(100);
const checkArgs = z.object({
  conditions: list,
  authSig: z.unknown().optional(),
  chain: z.string().max(64),
});
const decryptArgs = z.object({
  accessControlConditions: list.optional(),
  evmContractConditions: list.optional(),
  unifiedAccessControlConditions: list.optional(),
  ciphertext: z.string().max(2 * 1024 * 1024),
  dataToEncryptHash: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex'),
  authSig: z.unknown().optional(),
  chain: z.string().max(64),
});
const walletAuthSig = z.object({
  sig: z.string().max(200),
  derivedVia: z.literal('web3.eth.personal.sign'),
  signedMessage: z.string().max(64 * 1024),
  address: z.string().max(64),
});

/** Which kind a bare list is: unified when tagged, EVM contract when it has an ABI, else basic. */
function kindOf(conditions: unknown[]): ConditionsKind {
  const items = conditions.filter(
    (c) => typeof c === 'object' && c !== null && !Array.isArray(c) && !('operator' in c),
  ) as Record<string, unknown>[];
  if (items.length > 0 && items.every((c) => 'conditionType' in c)) {
    return 'unifiedAccessControlConditions';
  }
  if (items.length > 0 && items.every((c) => 'functionAbi' in c)) return 'evmContractConditions';
  return 'accessControlConditions';
}

export function conditionHostFunctions(env: ActionRunEnv): Record<string, HostFunction> {
  const userOf = (authSig: unknown, fn: string): string => {
    if (authSig === undefined || authSig === null) {
      if (env.authContext.authSigAddress) return env.authContext.authSigAddress;
      throw new Error(`${fn}: no authSig, and the session has no user address`);
    }
    const parsed = walletAuthSig.safeParse(authSig);
    if (!parsed.success) throw new Error(`${fn}: authSig must be a wallet AuthSig (or omitted)`);
    try {
      return verifyTopLevelWalletAuthSig(parsed.data, env.now).signer;
    } catch (error) {
      if (!(error instanceof LitNodeError)) throw error;
      // The action sees a plain Error; the node's code and reason go into its text.
      throw new Error(`${fn}: authSig: ${error.errorCode}: ${error.details.join('; ')}`, {
        cause: error,
      });
    }
  };

  const check = async (
    kind: ConditionsKind,
    conditions: unknown[],
    chain: string,
    authSig: unknown,
    fn: string,
  ): Promise<boolean> => {
    const userAddress = userOf(authSig, fn);
    try {
      return await env.ops.checkConditions({ kind, conditions, chain, userAddress });
    } catch (error) {
      throw new Error(`${fn}: ${(error as Error).message}`, { cause: error });
    }
  };

  return {
    checkConditions: async (raw) => {
      const args = argsOf(checkArgs, raw, 'checkConditions');
      return check(
        kindOf(args.conditions),
        args.conditions,
        args.chain,
        args.authSig,
        'checkConditions',
      );
    },
    decryptAndCombine: async (raw, { signal }) => {
      const fn = 'decryptAndCombine';
      const args = argsOf(decryptArgs, raw, fn);
      const kinds = (
        [
          'accessControlConditions',
          'evmContractConditions',
          'unifiedAccessControlConditions',
        ] as const
      ).filter((k) => args[k] !== undefined);
      if (kinds.length !== 1) throw new Error(`${fn}: expected exactly one kind of conditions`);
      const kind = kinds[0]!;
      const conditions = args[kind]!;
      let identity: Uint8Array;
      try {
        identity = encryptionIdentity(
          toHex(hashConditions(kind, conditions)),
          args.dataToEncryptHash,
        );
      } catch (error) {
        throw new Error(`${fn}: ${(error as Error).message}`, { cause: error });
      }
      if (!(await check(kind, conditions, args.chain, args.authSig, fn))) {
        throw new Error(
          `${fn}: NodeAccessControlConditionsReturnedNotAuthorized: the conditions are not met`,
        );
      }
      const own = await env.ops.decryptionShare(identity);
      const ownId = validShareId(env, own, identity);
      if (ownId === null) throw new Error(`${fn}: this node's own decryption share is not valid`);
      const topic = `decryptAndCombine:${toHex(sha256(identity))}`;
      await env.peers.broadcast(env.requestKey, topic, { share: own });
      const peerShares = await validPeerShares(env, topic, identity, ownId, signal);
      try {
        const plaintext = decryptWithSignatureShares(
          args.ciphertext,
          identity,
          [own, ...peerShares],
          {
            networkPublicKey: env.networkPublicKey,
            threshold: env.threshold,
          },
        );
        return fromUtf8(plaintext);
      } catch (error) {
        throw new Error(`${fn}: ${(error as Error).message}`, { cause: error });
      }
    },
  };
}

/** threshold − 1 peer shares that verify; a bad one is skipped and one more is awaited. */
async function validPeerShares(
  env: ActionRunEnv,
  topic: string,
  identity: Uint8Array,
  ownId: number,
  signal: AbortSignal,
): Promise<string[]> {
  const need = env.threshold - 1;
  const peers = env.peers.nodes().length - 1;
  let wanted = need;
  for (;;) {
    if (wanted > peers) {
      throw new Error(`decryptAndCombine: fewer than ${need} peers sent a valid decryption share`);
    }
    const delivered = await env.peers.collect(env.requestKey, topic, wanted, signal);
    // One share per share id, never this node's own id: a copied share must not count twice.
    const ids = new Set<number>([ownId]);
    const valid: string[] = [];
    for (const { payload } of delivered) {
      const share = (payload as { share?: unknown } | null)?.share;
      const id = typeof share === 'string' ? validShareId(env, share, identity) : null;
      if (id !== null && !ids.has(id)) {
        ids.add(id);
        valid.push(share as string);
      }
    }
    if (valid.length >= need) return valid.slice(0, need);
    wanted = delivered.length + 1;
  }
}

/** The share's id when it is that node's valid share over `identity`, else null. */
function validShareId(env: ActionRunEnv, share: string, identity: Uint8Array): number | null {
  let id: number;
  try {
    id = parseSignatureShare(share).id;
  } catch {
    return null;
  }
  const publicShare = env.blsPublicShares.find((p) => p.id === id);
  const ok =
    publicShare !== undefined && verifySignatureShare(share, publicShare.publicKey, identity, id);
  return ok ? id : null;
}

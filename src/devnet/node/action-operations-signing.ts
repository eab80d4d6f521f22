// `Lit.Actions.signEcdsa` and `ethPersonalSignMessageEcdsa`: the PKP's permissions are checked
// with the action's CID (scope 1 to sign anything, 2 for a personal message), then this node's
// share joins the response's `signedData` under `sigName`, as in pkp sign.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { toHex } from '../../protocol/bytes';
import { eip191Hash, uncompressedPublicKey } from '../../protocol/ethereum';
import { pkpTokenIdFromPublicKey } from '../../protocol/resources';
import type { HostFunction } from '../actions';
import {
  MAX_SIGNATURES_PER_ACTION,
  type ActionRunEnv,
  type SignedDataEntry,
} from './action-operations-env';
import { argsOf, bytesArg } from './action-operations-args';
import { ethWalletAuthMethodId, pkpPermission, SCOPE } from './pkp-permissions';

const sigName = z.string().min(1).max(128);
const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const publicKey = z.string().max(200);

const signEcdsaArgs = z.object({ toSign: z.unknown(), publicKey, sigName });
const personalSignArgs = z.object({ message: z.string().max(64 * 1024), publicKey, sigName });

/** Host functions that sign; their shares are collected into `signedData`. */
export function signingHostFunctions(
  env: ActionRunEnv,
  signedData: Map<string, SignedDataEntry>,
): Record<string, HostFunction> {
  const sign = async (
    name: string,
    digest: Uint8Array,
    pkpKey: string,
    scope: number,
    what: string,
  ): Promise<string> => {
    if (signedData.has(name)) {
      throw new Error(
        `${what}: the sigName ${JSON.stringify(name)} is already used in this action`,
      );
    }
    if (signedData.size >= MAX_SIGNATURES_PER_ACTION) {
      throw new Error(
        `${what}: over the limit of ${MAX_SIGNATURES_PER_ACTION} signatures per action`,
      );
    }
    let pkpPublicKey: string;
    try {
      pkpPublicKey =
        '0x' + toHex(uncompressedPublicKey(pkpKey.startsWith('0x') ? pkpKey : `0x${pkpKey}`));
    } catch {
      throw new Error(`${what}: publicKey is not a secp256k1 public key`);
    }
    const tokenId = pkpTokenIdFromPublicKey(pkpPublicKey);
    const permissions = env.pkpPermissions(tokenId);
    if (!permissions) throw new Error(`${what}: no PKP with token id ${tokenId}`);
    const auth = env.authContext;
    const caller = {
      authMethods: auth.authMethodContexts.map((c) => ({
        authMethodType: c.authMethodType,
        authMethodId: ethWalletAuthMethodId(c.userId),
        userId: c.userId,
      })),
      actionCids: auth.actionIpfsIds,
      addresses: auth.authSigAddress ? [auth.authSigAddress] : [],
    };
    const permitted = pkpPermission(permissions, caller, scope);
    if (!permitted) {
      throw new Error(
        `${what}: NodePKPNotAuthorized: this action may not sign with PKP ${tokenId}`,
      );
    }
    // Reserve the name before waiting, so two concurrent calls cannot both take it.
    signedData.set(name, placeholder(name));
    try {
      const share = await env.ops.signEcdsa({
        toSign: digest,
        pkpPublicKey,
        // Lit takes any string as a sigName, but the dealer's request key is printable ASCII:
        // the name goes in as its hash, one fixed-length key per name.
        requestKey: `${env.requestKey}:${sha256Hex(name)}`,
        caller,
        scope,
      });
      signedData.set(name, {
        sigType: share.sig_type,
        dataSigned: share.digest,
        signatureShare: share.signature_share,
        shareIndex: share.share_index,
        bigR: share.big_r,
        publicKey: share.public_key,
        sigName: name,
      });
    } catch (error) {
      signedData.delete(name);
      throw new Error(`${what}: ${(error as Error).message}`, { cause: error });
    }
    return 'success';
  };

  return {
    signEcdsa: async (raw) => {
      const args = argsOf(signEcdsaArgs, raw, 'signEcdsa');
      const toSign = bytesArg(args.toSign, 'signEcdsa: toSign');
      if (toSign.length !== 32) {
        throw new Error(`signEcdsa: toSign must be 32 bytes (a hash), got ${toSign.length}`);
      }
      return sign(args.sigName, toSign, args.publicKey, SCOPE.SignAnything, 'signEcdsa');
    },
    ethPersonalSignMessageEcdsa: async (raw) => {
      const args = argsOf(personalSignArgs, raw, 'ethPersonalSignMessageEcdsa');
      return sign(
        args.sigName,
        eip191Hash(args.message),
        args.publicKey,
        SCOPE.PersonalSign,
        'ethPersonalSignMessageEcdsa',
      );
    },
  };
}

const placeholder = (sigName: string): SignedDataEntry => ({
  sigType: 'K256',
  dataSigned: '',
  signatureShare: '',
  shareIndex: 0,
  bigR: '',
  publicKey: '',
  sigName,
});

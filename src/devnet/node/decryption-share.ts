// A node's share of the network's BLS signature on an identity: what decryption hands out once
// the conditions pass, and what Lit Actions' decryptAndCombine collects from the nodes.
import { signShare } from '../../protocol/bls-shares';
import type { NodeContext } from './context';

/** 97-byte share (id byte ‖ G2 point) as 194 hex, Lit's `ProofOfPossession`. */
export function decryptionShare(ctx: Pick<NodeContext, 'blsShare'>, identity: Uint8Array): string {
  return signShare(ctx.blsShare, identity);
}

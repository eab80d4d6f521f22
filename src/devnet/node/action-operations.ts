// What a Lit Action's node-backed operations need from the rest of the node: an ECDSA signature
// share of a PKP key (threshold ECDSA), the access-control condition engine, and this node's BLS
// decryption share. Each is a small interface so the host functions (action-operations-*.ts)
// are tested with fakes; routes/execute.ts plugs in the node's real ones.
import type { ConditionsKind } from '../../protocol/access-control';
import type { AuthenticatedCaller } from './pkp-permissions';

/** A node's ECDSA signature share, as `POST /web/pkp/sign/v1` returns it (lit-operations.md). */
export interface EcdsaSignatureShare {
  digest: string;
  result: string;
  share_index: number;
  /** Empty on a node outside the signing set. */
  signature_share: string;
  big_r: string;
  public_key: string;
  sig_type: string;
}

export interface ActionOperations {
  /** This node's share of a signature of the 32 bytes `toSign` by the PKP, for `caller` (the
   * action's auth context) with `scope`. `requestKey` is alike on every node (it picks the
   * signers). */
  signEcdsa(request: {
    toSign: Uint8Array;
    pkpPublicKey: string;
    requestKey: string;
    caller: AuthenticatedCaller;
    scope: number;
  }): Promise<EcdsaSignatureShare>;
  /** Whether `userAddress` meets the conditions; refuses (throws) what it cannot evaluate. */
  checkConditions(request: {
    kind: ConditionsKind;
    conditions: unknown;
    chain: string;
    userAddress: string;
  }): Promise<boolean>;
  /** This node's BLS signature share over an encryption identity (97 bytes, 194 hex). */
  decryptionShare(identity: Uint8Array): Promise<string>;
}

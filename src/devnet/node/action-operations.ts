// What a Lit Action's node-backed operations need from the rest of the node: an ECDSA signature
// share of a PKP key (threshold ECDSA), the access-control condition engine, and this node's BLS
// decryption share. Each is a small interface so the host functions (action-operations-*.ts)
// are tested with fakes and the real implementations are plugged in where the node is built.
import type { ConditionsKind } from '../../protocol/access-control';

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
  /** This node's share of a signature of the 32 bytes `toSign` by the PKP; the permission check
   * is done before, by the caller. `requestKey` is alike on every node (it picks the signers). */
  signEcdsa(request: {
    toSign: Uint8Array;
    pkpPublicKey: string;
    requestKey: string;
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

/** Thrown inside the action when an operation is not wired into this node. */
export class OperationUnavailableError extends Error {
  override readonly name = 'OperationUnavailableError';
}

const unavailable = (what: string): never => {
  throw new OperationUnavailableError(`${what} is not available on this devnet node yet`);
};

/** Until the real implementations are connected: every call refuses clearly, none pretends. */
export const UNAVAILABLE_OPERATIONS: ActionOperations = {
  signEcdsa: async () => unavailable('threshold ECDSA signing (signEcdsa)'),
  checkConditions: async () => unavailable('access-control condition evaluation'),
  decryptionShare: async () => unavailable('decryption shares'),
};

// Encryption under access-control conditions, done locally as Lit's SDK does (no node is asked):
// the data is encrypted to the network key for the identity of its conditions and its hash.
import {
  conditionsOf,
  encryptionIdentity,
  hashConditions,
  hashData,
  type ConditionsKind,
} from '../protocol/access-control';
import { toHex, utf8 } from '../protocol/bytes';
import { encrypt as encryptToIdentity } from '../protocol/encryption';
import type { LitNetwork } from './discover';

export type ConditionsParams = { [K in ConditionsKind]?: unknown[] };

export type EncryptParams = ConditionsParams & {
  /** The plaintext: bytes, or a string taken as UTF-8. */
  data: Uint8Array | string;
};

export interface EncryptResult {
  /** Lit's base64 ciphertext. */
  ciphertext: string;
  /** Hex sha256 of the plaintext: decryption needs it with the same conditions. */
  dataToEncryptHash: string;
}

/** The conditions' kind and hash as the nodes compute them (`!=`, `!contains` allowed). */
export function conditionsHash(params: ConditionsParams): {
  kind: ConditionsKind;
  conditions: unknown[];
  hashHex: string;
} {
  const { kind, conditions } = conditionsOf(params);
  const hashHex = toHex(hashConditions(kind, conditions, { nodeComparators: true }));
  return { kind, conditions: conditions as unknown[], hashHex };
}

/** Encrypts `data` so that only users meeting the conditions can have the network decrypt it. */
export function encrypt(
  network: Pick<LitNetwork, 'networkPublicKey'>,
  params: EncryptParams,
): EncryptResult {
  const data = typeof params.data === 'string' ? utf8(params.data) : params.data;
  if (!(data instanceof Uint8Array)) throw new TypeError('data: expected bytes or a string');
  const { hashHex } = conditionsHash(params);
  const dataToEncryptHash = hashData(data);
  const identity = encryptionIdentity(hashHex, dataToEncryptHash);
  return {
    ciphertext: encryptToIdentity(network.networkPublicKey, data, identity),
    dataToEncryptHash,
  };
}

// Public exports of the protocol core, one concept per module; src/protocol/README.md says what
// each does.
export {
  LIT_ERROR_KINDS,
  LIT_NODE_ERROR_CODES,
  LitNodeError,
  type LitErrorKind,
  type LitNodeErrorCode,
  type LitNodeErrorJSON,
  type LitNodeErrorOptions,
} from './errors';
export { verifyEd25519, isSmallOrderEncoding, type Ed25519Verifier } from './ed25519';
export {
  SESSION_KEY_URI_PREFIX,
  sessionKeyUri,
  sessionKeyFromSeed,
  generateSessionKey,
  importLitSessionKey,
  exportLitSessionKey,
  sessionKeyFromCryptoKeyPair,
  generateWebCryptoSessionKey,
  type SessionKey,
  type LitSessionKeyPair,
} from './session-key';
export {
  eip191Hash,
  toChecksumAddress,
  isChecksumAddress,
  addressFromPublicKey,
  recoverAddress,
  privateKeySigner,
  type MessageSigner,
} from './ethereum';
export {
  MAX_SIWE_LENGTH,
  buildSiweMessage,
  parseSiweMessage,
  recoverSiweSigner,
  verifySiweMessage,
  type SiweFields,
  type SiweVerification,
} from './siwe';
export {
  RECAP_URN_PREFIX,
  RECAP_STATEMENT_PREFIX,
  canonicalJson,
  encodeRecap,
  decodeRecap,
  mergeRecaps,
  recapStatement,
  recapGrants,
  type Recap,
  type Attenuations,
  type NotaBene,
  type JsonValue,
} from './recap';
export {
  LIT_DEFAULT_STATEMENT,
  createSiweMessageWithRecaps,
  addRecapToSiwe,
  recapForRequest,
  extractRecaps,
  type SiweWithRecapsParams,
} from './siwe-recap';
export {
  LIT_RESOURCE_PREFIX,
  LIT_ABILITY,
  LIT_CAPABILITIES,
  capabilityForAbility,
  recapAbilityFor,
  isAbilityForPrefix,
  resourceKey,
  parseResourceKey,
  resourceMatches,
  pkpTokenIdFromPublicKey,
  decryptionResourceId,
  signingResourceId,
  litActionResourceId,
  capacityCreditResourceId,
  type LitResourcePrefix,
  type LitAbility,
  type LitResource,
  type LitResourceAbilityRequest,
  type LitCapability,
} from './resources';
export { ipfsCidV0 } from './ipfs-cid';
export {
  DERIVED_VIA,
  CAPACITY_DELEGATION_URI,
  isAuthSig,
  authSigKind,
  createWalletAuthSig,
  createNetworkAuthSig,
  createCapacityDelegationAuthSig,
  type AuthSig,
  type AuthSigKind,
  type WalletAuthSig,
  type NetworkAuthSig,
  type ContractAuthSig,
  type SessionSig,
  type CapacityDelegationParams,
} from './auth-sig';
export {
  AUTH_METHOD_TYPE,
  AUTH_METHOD_SCOPE,
  ethWalletAuthMethodId,
  ethWalletAuthMethod,
  type EthWalletAuthMethod,
} from './auth-method';
export {
  createSessionCapabilityMessage,
  createSessionSignedMessage,
  createSessionSig,
  createSessionSigs,
  type SessionSigsMap,
  type SessionSignedMessage,
  type SessionSigsParams,
} from './session-sigs';
export {
  CapabilityCache,
  type CapabilityCacheOptions,
  type VerifiedCapability,
} from './capability-cache';
export { type BlsVerifier } from './verify-capability';
export { normalizeNodeAddress } from './session-message-checks';
export {
  verifySessionSig,
  type VerifySessionSigOptions,
  type SessionSigVerification,
  type SessionSigVerified,
  type SessionSigRejected,
} from './verify-session-sig';
export { BLS_DST } from './bls-curve';
export {
  verifyBlsSignature,
  blsSign,
  blsPublicKey,
  randomBlsSecretKey,
  sessionDigest,
} from './bls';
export { nobleBlsBackend, getBlsBackend, setBlsBackend, type BlsBackend } from './bls-backend';
export {
  nobleEcdsaRecoverBackend,
  getEcdsaRecoverBackend,
  setEcdsaRecoverBackend,
  type EcdsaRecoverBackend,
  nobleEcdsaVerifyBackend,
  getEcdsaVerifyBackend,
  setEcdsaVerifyBackend,
  type EcdsaVerifyBackend,
} from './ecdsa-backend';
export {
  dealShares,
  recoverSecret,
  MAX_SHARES,
  type SecretShare,
  type DealtShares,
  type DealOptions,
} from './shamir';
export {
  SIGNATURE_SHARE_LENGTH,
  signShare,
  parseSignatureShare,
  combineSignatureShares,
  verifySignatureShare,
  type ParsedSignatureShare,
} from './bls-shares';
export {
  encrypt,
  decryptWithSignature,
  decryptWithSignatureShares,
  type EncryptOptions,
  type DecryptWithSharesOptions,
} from './encryption';
export {
  CONDITION_KINDS,
  canonicalConditions,
  hashConditions,
  hashData,
  encryptionIdentity,
  conditionsOf,
  type ConditionsKind,
  type CanonicalConditionsOptions,
} from './access-control';
export { HD_KEY_DST, SECP256K1_ORDER, hdKeyScalar, deriveHdPublicKey } from './hd-keys';
export {
  pkpSigningSet,
  combineEcdsaShares,
  type PkpSignature,
  type EcdsaSharesToCombine,
} from './pkp-signature';

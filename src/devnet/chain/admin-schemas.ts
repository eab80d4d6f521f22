// Request bodies of the admin API, strictly: unknown fields, wrong types and malformed
// addresses, auth method ids or CIDs are rejected before anything is written.
import { base58 } from '@scure/base';
import { z } from 'zod';
import { isChecksumAddress, toChecksumAddress } from '../../protocol/ethereum';

const MAX_LIST = 100;

export const Address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'expected a 0x address (40 hex)')
  .refine(
    (a) => a === a.toLowerCase() || a.slice(2) === a.slice(2).toUpperCase() || isChecksumAddress(a),
    'mixed-case address with a wrong EIP-55 checksum',
  )
  .transform((a) => toChecksumAddress(a));

/** A CIDv0: base58btc of the 34-byte sha2-256 multihash (0x12 0x20 ‖ digest). */
export const IpfsCid = z
  .string()
  .regex(/^Qm[1-9A-HJ-NP-Za-km-z]{44}$/, 'expected an IPFS CIDv0 (Qm…)')
  .refine((cid) => {
    try {
      const bytes = base58.decode(cid);
      return bytes.length === 34 && bytes[0] === 0x12 && bytes[1] === 0x20;
    } catch {
      return false;
    }
  }, 'not a sha2-256 CIDv0');

const AuthMethodType = z.number().int().min(1).max(0xffffffff);
const AuthMethodId = z
  .string()
  .regex(/^0x(?:[0-9a-fA-F]{2}){1,256}$/, 'expected 0x hex bytes')
  .transform((id) => id.toLowerCase());
/** 0 none, 1 sign anything, 2 personal sign. */
const Scope = z.union([z.literal(0), z.literal(1), z.literal(2)]);

export const AuthMethod = z.strictObject({
  authMethodType: AuthMethodType,
  authMethodId: AuthMethodId,
  scopes: z.array(Scope).max(3),
});

const AuthMethodRef = z.strictObject({
  authMethodType: AuthMethodType,
  authMethodId: AuthMethodId,
  scopes: z.array(Scope).max(3).optional(),
});

const permissionLists = {
  permittedAddresses: z.array(Address).max(MAX_LIST).optional(),
  permittedAuthMethods: z.array(AuthMethod).max(MAX_LIST).optional(),
  permittedActions: z.array(IpfsCid).max(MAX_LIST).optional(),
};

export const MintPkpRequest = z.strictObject({
  ...permissionLists,
  owner: Address.optional(),
  /** A claimed key id (`claimKeyId`'s derivedKeyId); a fresh random one when absent. */
  keyId: z
    .string()
    .regex(/^(?:0x)?[0-9a-fA-F]{64}$/, 'expected 32 bytes of hex')
    .transform((id) => id.replace(/^0x/, '').toLowerCase())
    .optional(),
});

export const PkpPermissionsRequest = z.strictObject({
  tokenId: z.string().regex(/^(?:0x)?[0-9a-fA-F]{64}$/, 'expected 64 hex characters'),
  add: z.strictObject(permissionLists).optional(),
  remove: z
    .strictObject({
      permittedAddresses: z.array(Address).max(MAX_LIST).optional(),
      permittedAuthMethods: z.array(AuthMethodRef).max(MAX_LIST).optional(),
      permittedActions: z.array(IpfsCid).max(MAX_LIST).optional(),
    })
    .optional(),
});

/** Year 3000: a larger number is almost surely milliseconds, not seconds. */
const MAX_UNIX_SECONDS = 32_503_680_000;

export const CapacityMintRequest = z.strictObject({
  owner: Address,
  requestsPerKilosecond: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  expiresAt: z.union([
    z.number().int().min(1).max(MAX_UNIX_SECONDS),
    z.iso.datetime({ offset: true }).transform((t) => Math.floor(Date.parse(t) / 1000)),
  ]),
});

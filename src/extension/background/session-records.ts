// The shape of a stored session record, each schema version of it, and the migrations between
// them. A record never holds key material: the key vault holds the key, by public key.
import { z } from 'zod/mini';

const capabilitySchema = z.object({
  resource: z.string(),
  ability: z.string(),
  /** The request's nota bene (recap restrictions), when it had one. */
  data: z.optional(z.record(z.string(), z.unknown())),
});

const authSigSchema = z.object({
  sig: z.string(),
  derivedVia: z.string(),
  signedMessage: z.string(),
  address: z.string(),
  algo: z.optional(z.string()),
});

/** Version 1 (issue #2): listed sessions, without the capability that authorizes them. */
const sessionRecordV1Schema = z.object({
  id: z.string(),
  origin: z.string(),
  publicKey: z.string(),
  authMethod: z.string(),
  address: z.string(),
  capabilities: z.array(capabilitySchema),
  issuedAt: z.string(),
  expiration: z.string(),
});

const pkpSchema = z.object({
  publicKey: z.string().check(z.regex(/^0x04[0-9a-f]{128}$/)),
  tokenId: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  address: z.string().check(z.regex(/^0x[0-9a-fA-F]{40}$/)),
});

const litActionSchema = z.object({
  cid: z.string(),
  size: z.nullable(z.number()),
  /** sha256 of the canonical JSON of the `jsParams` the action decided with. */
  jsParamsHash: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
});

/**
 * Version 2: adds the wallet that signed and the signed capability itself (an AuthSig). PKP and
 * Lit Action sessions (issue #7) add optional fields only, so wallet records of version 2 are
 * read as they are: `authMethod` says the kind, `pkp` (and `litAction`) say for what, and
 * `authWallet` which wallet authenticated to the nodes.
 */
export const sessionRecordSchema = z
  .object({
    ...sessionRecordV1Schema.shape,
    authMethod: z.enum(['wallet', 'pkp', 'lit-action']),
    walletSource: z.enum(['page', 'builtin', 'unknown']),
    /** The AuthSig over the SIWE + ReCap (the wallet's, or the nodes' `lit.bls`); null for a
     * migrated v1 record (not usable). */
    capability: z.nullable(authSigSchema),
    authWallet: z.optional(z.string().check(z.regex(/^0x[0-9a-fA-F]{40}$/))),
    pkp: z.optional(pkpSchema),
    litAction: z.optional(litActionSchema),
    /** Issue #8, optional so older v2 records read as they were (absent = `confirm`). */
    pkpSigning: z.optional(z.enum(['confirm', 'allow'])),
    /**
     * True when the session was approved for a page's get*SessionSigs request: the page holds
     * its sigs. A session approved for a brokered call never hands sigs to the page (its
     * confirmations would mean nothing if it did). Absent in older records: false, so a page
     * asking for sigs approves a new session rather than getting a brokered one's.
     */
    pageGetsSigs: z.optional(z.boolean()),
    /** CIDs of the Lit Actions the user confirmed in this session (first run of each). */
    actionsRun: z.optional(z.array(z.string().check(z.maxLength(128))).check(z.maxLength(1024))),
    /** A capacity credit delegated to the session's address at approval; its AuthSig travels
     * among the session sigs' capabilities after `capability`. */
    capacityDelegation: z.optional(
      z.object({
        tokenId: z.string().check(z.regex(/^[0-9]{1,78}$/)),
        uses: z.number(),
        owner: z.string().check(z.regex(/^0x[0-9a-fA-F]{40}$/)),
        authSig: authSigSchema,
      }),
    ),
  })
  .check(
    z.refine(
      (r) =>
        r.authMethod === 'wallet'
          ? !r.pkp && !r.litAction && !r.authWallet
          : !!r.pkp && !!r.authWallet && (r.authMethod === 'lit-action') === !!r.litAction,
      'a PKP session names its PKP and wallet (and its action); a wallet session none of them',
    ),
  );
export type SessionRecord = z.infer<typeof sessionRecordSchema>;

export const SESSION_STORE_VERSION = 2;

type Migration = (records: unknown[]) => unknown[];

/** `migrations[v]` turns version-v records into version v+1. */
const migrations: Record<number, Migration> = {
  1: (records) =>
    records.flatMap((r) => {
      const parsed = sessionRecordV1Schema.safeParse(r);
      // v1 never stored the capability, so the session can be listed and revoked, not used.
      // and v1 knew only wallet sessions.
      return parsed.success
        ? [{ ...parsed.data, authMethod: 'wallet', walletSource: 'unknown', capability: null }]
        : [];
    }),
};

/** Brings stored records of `version` up to the current version; unknown versions give none. */
export function migrateRecords(records: unknown, version: number): unknown[] {
  if (!Array.isArray(records)) return [];
  if (!Number.isInteger(version) || version < 1 || version > SESSION_STORE_VERSION) return [];
  let out: unknown[] = records;
  for (let v = version; v < SESSION_STORE_VERSION; v++) out = migrations[v]!(out);
  return out;
}

/** Keeps the records that match the current schema; the rest are dropped, not trusted. */
export function validRecords(records: unknown): SessionRecord[] {
  if (!Array.isArray(records)) return [];
  return records.flatMap((r) => {
    const parsed = sessionRecordSchema.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
}

// The devnet's online dealer of ECDSA presignatures (the trust assumption of src/devnet/README.md).
// It holds the secp256k1 root keys x_j and a seed, and derives every presignature from the request
// it serves, RFC 6979 style: k = HKDF(seed; PKP key ‖ digest ‖ request key). So one nonce only
// ever signs one (key, digest, request) — the same signature again — and never two messages:
// two signatures of different digests under one k would give away the key. It keeps no state.
//
// For a request it Shamir-shares k⁻¹ and σ_j = k⁻¹·x_j (per root j) t-of-n, with coefficients
// from the same HKDF output so every node gets shares of one polynomial, and gives each node only
// its own shares. A node turns them into s_i = λ_i(h·k⁻¹_i + r·Σ d^j·σ_j,i), which add up to s.
import { createECDH, createHash, hkdfSync } from 'node:crypto';
import { invert, mod } from '@noble/curves/abstract/modular.js';
import { bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils.js';
import { z } from 'zod';
import { concatBytes, fromHex, toHex, utf8 } from '../../protocol/bytes';
import { SECP256K1_ORDER as N } from '../hd-keys';

/** What a node asks the dealer for: the presignature of one signing request. */
export interface PresignRequest {
  /** The PKP's key, `0x04…` (65 bytes). */
  pkpPublicKey: string;
  /** The 32-byte digest, 64 hex. */
  toSign: string;
  /** Names the request: pkpSign's X-Request-Id, or a Lit Action's request id and sigName. */
  requestKey: string;
}

/** One node's shares of a presignature; hex, so they cross the IPC channel as JSON. */
export interface PresignShares {
  /** The node's Shamir x (its share id, index + 1). */
  shareId: number;
  /** R = k·G, 33-byte compressed, 66 hex: the same for every node. */
  bigR: string;
  /** This node's share of k⁻¹, 64 hex. */
  kInvShare: string;
  /** This node's share of σ_j = k⁻¹·x_j for each root j, 64 hex each, in root order. */
  sigmaShares: string[];
}

/** How a node gets its presignature shares: never over a network port (see presign-ipc.ts). */
export type PresignSource = (request: PresignRequest) => Promise<PresignShares>;

export const PresignRequestSchema = z.strictObject({
  pkpPublicKey: z
    .string()
    .regex(/^0x04[0-9a-fA-F]{128}$/, 'expected 0x04 and 64 bytes of hex')
    .transform((k) => k.toLowerCase()),
  toSign: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'expected 32 bytes of hex')
    .transform((h) => h.toLowerCase()),
  requestKey: z.string().regex(/^[\x20-\x7e]{1,512}$/, 'expected 1..512 printable characters'),
});

const DOMAIN = 'lit-companion devnet presignature v1';
const SCALAR_BYTES = 48; // reduced mod n: bias below 2^-128
const HKDF_MAX = 255 * 32;

const hex32 = (v: bigint): string => toHex(numberToBytesBE(v, 32));

/** Evaluates the polynomial with `coefficients` (constant first) at x, mod n. */
const evaluate = (coefficients: readonly bigint[], x: bigint): bigint =>
  coefficients.reduceRight((acc, c) => mod(acc * x + c, N), 0n);

interface Presignature {
  bigR: string;
  kInvPoly: bigint[];
  sigmaPolys: bigint[][];
}

const RECENT_SIZE = 256;

export interface DealerNetwork {
  threshold: number;
  nodeCount: number;
}

export class PresignDealer {
  private readonly roots: bigint[];
  private readonly seed: Buffer;
  private readonly recent = new Map<string, Presignature>();

  constructor(
    secrets: { rootSecretKeys: readonly Uint8Array[]; presignSeed: Uint8Array },
    private readonly network: DealerNetwork,
  ) {
    if (secrets.presignSeed.length !== 32) throw new RangeError('presignSeed: expected 32 bytes');
    this.roots = secrets.rootSecretKeys.map((k) => bytesToNumberBE(k));
    if (this.roots.length < 2 || this.roots.some((x) => x <= 0n || x >= N)) {
      throw new RangeError('rootSecretKeys: expected at least 2 scalars in [1, n)');
    }
    const scalars = 1 + (network.threshold - 1) * (1 + this.roots.length);
    if (scalars * SCALAR_BYTES > HKDF_MAX) throw new RangeError('threshold too large to derive');
    this.seed = Buffer.from(secrets.presignSeed);
  }

  /**
   * Node `nodeIndex`'s shares of the presignature for `request` (validated here: a node is not
   * trusted to ask sensibly).
   */
  sharesFor(nodeIndex: number, request: unknown): PresignShares {
    if (!Number.isInteger(nodeIndex) || nodeIndex < 0 || nodeIndex >= this.network.nodeCount) {
      throw new RangeError(`node index ${String(nodeIndex)} is not in the network`);
    }
    const parsed = PresignRequestSchema.safeParse(request);
    if (!parsed.success) {
      throw new TypeError(`presign request: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    const presignature = this.presignature(parsed.data);
    const shareId = nodeIndex + 1;
    const x = BigInt(shareId);
    return {
      shareId,
      bigR: presignature.bigR,
      kInvShare: hex32(evaluate(presignature.kInvPoly, x)),
      sigmaShares: presignature.sigmaPolys.map((p) => hex32(evaluate(p, x))),
    };
  }

  /** The polynomials of one request's presignature (recomputed, or cached for its other nodes). */
  private presignature(request: z.output<typeof PresignRequestSchema>): Presignature {
    const { pkpPublicKey, toSign, requestKey } = request;
    const info = createHash('sha256')
      .update(concatBytes(utf8(DOMAIN), fromHex(pkpPublicKey.slice(2)), fromHex(toSign)))
      .update(utf8(requestKey))
      .digest();
    const cacheKey = info.toString('hex');
    const cached = this.recent.get(cacheKey);
    if (cached) return cached;
    const t = this.network.threshold;
    const m = this.roots.length;
    const okm = new Uint8Array(
      hkdfSync('sha256', this.seed, utf8(DOMAIN), info, (1 + (t - 1) * (1 + m)) * SCALAR_BYTES),
    );
    let offset = 0;
    const next = (): bigint => {
      const v = mod(bytesToNumberBE(okm.subarray(offset, offset + SCALAR_BYTES)), N);
      offset += SCALAR_BYTES;
      return v;
    };
    const k = next();
    if (k === 0n) throw new Error('presignature nonce is zero'); // probability 2^-256
    const kInv = invert(k, N);
    const randomTail = () => Array.from({ length: t - 1 }, next);
    const ecdh = createECDH('secp256k1');
    ecdh.setPrivateKey(Buffer.from(numberToBytesBE(k, 32)));
    const presignature: Presignature = {
      bigR: ecdh.getPublicKey('hex', 'compressed'),
      kInvPoly: [kInv, ...randomTail()],
      sigmaPolys: this.roots.map((x) => [mod(kInv * x, N), ...randomTail()]),
    };
    // Deriving again gives the same values: the cache only saves the other signers the work.
    if (this.recent.size >= RECENT_SIZE) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(cacheKey, presignature);
    return presignature;
  }

  /** A node's private source: bound to its index, so it can only ever get its own shares. */
  sourceFor(nodeIndex: number): PresignSource {
    return async (request) => this.sharesFor(nodeIndex, request);
  }
}

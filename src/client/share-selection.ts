// Picks signature shares that combine into a valid network signature, and names the shares
// that do not belong: a node that returns a bad share is excluded, not trusted.
import { combineSignatureShares } from '../protocol/bls-shares';
import { verifyBlsSignature } from '../protocol/bls';
import { fromHex } from '../protocol/bytes';

export interface CandidateShare {
  url: string;
  /** 97-byte share hex (id byte ‖ G2 point). */
  share: string;
}

/** Bounds the subsets tried, so a hostile majority cannot make the client spin. */
const MAX_SUBSETS = 512;

function* subsets<T>(items: readonly T[], size: number, start = 0): Generator<T[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let i = start; i <= items.length - size; i++) {
    for (const rest of subsets(items, size - 1, i + 1)) yield [items[i]!, ...rest];
  }
}

function combineAndVerify(
  shares: readonly CandidateShare[],
  networkKey: Uint8Array,
  message: Uint8Array,
): Uint8Array | null {
  try {
    const signature = combineSignatureShares(shares.map((s) => s.share));
    return verifyBlsSignature(networkKey, message, signature) ? signature : null;
  } catch {
    return null;
  }
}

/**
 * Finds `threshold` shares whose combination verifies against the network key, preferring the
 * earliest answers. Returns null when no subset (within a bounded search) verifies.
 */
export function selectValidShares(
  candidates: readonly CandidateShare[],
  threshold: number,
  networkPublicKey: string,
  message: Uint8Array,
): { signature: Uint8Array; used: CandidateShare[] } | null {
  if (candidates.length < threshold) return null;
  const key = fromHex(networkPublicKey, 48, 'network public key');
  let tried = 0;
  for (const subset of subsets(candidates, threshold)) {
    if (++tried > MAX_SUBSETS) break;
    const signature = combineAndVerify(subset, key, message);
    if (signature) return { signature, used: subset };
  }
  return null;
}

/**
 * Given a valid set of shares, tells which other candidates are bad: a share is good when it
 * can replace one share of the valid set and the combination still verifies.
 */
export function findBadShares(
  valid: readonly CandidateShare[],
  others: readonly CandidateShare[],
  networkPublicKey: string,
  message: Uint8Array,
): CandidateShare[] {
  const key = fromHex(networkPublicKey, 48, 'network public key');
  return others.filter(
    (candidate) => !combineAndVerify([...valid.slice(1), candidate], key, message),
  );
}

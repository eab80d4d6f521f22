// What a node remembers about capacity: how many times each delegation was used (by its
// signature's canonical key, `signature-key.ts`) and when each credit served a request, in
// node-<i>.sqlite (schema version 2), so limits hold across restarts. One transaction per
// decision: no two requests race past one.
import type { SqliteDatabase } from '../state/sqlite';

/** The window `requestsPerKilosecond` is counted over. */
export const RATE_WINDOW_MS = 1_000_000;

export interface CapacityGrant {
  tokenId: string;
  requestsPerKilosecond: number;
  /** The delegation signature's canonical key, with its `uses` limit; absent for own credits. */
  delegation?: { signatureHash: string; uses: number | null };
}

export type SpendOutcome =
  { ok: true; tokenId: string } | { ok: false; tryAgainAt: number | null; reasons: string[] };

export class CapacityUsage {
  constructor(private readonly db: SqliteDatabase) {}

  /** Spends one request from the first grant that has room, or says when one will. */
  spend(grants: readonly CapacityGrant[], nowMs: number): SpendOutcome {
    return this.db.transaction((): SpendOutcome => {
      const windowStart = nowMs - RATE_WINDOW_MS;
      this.db.prepare('DELETE FROM capacity_requests WHERE at_ms <= ?').run(windowStart);
      let tryAgainAt: number | null = null;
      const reasons: string[] = [];
      for (const grant of grants) {
        if (grant.delegation && grant.delegation.uses !== null) {
          if (this.usesOf(grant.delegation.signatureHash) >= grant.delegation.uses) {
            reasons.push(
              `the delegation of credit ${grant.tokenId} has used its ${grant.delegation.uses} uses`,
            );
            continue;
          }
        }
        const inWindow = this.db
          .prepare(
            'SELECT COUNT(*) AS n, MIN(at_ms) AS oldest FROM capacity_requests WHERE token_id = ?',
          )
          .get(grant.tokenId) as { n: number; oldest: number | null };
        if (inWindow.n >= grant.requestsPerKilosecond) {
          // Requests leave the window one by one; the oldest frees the first slot.
          const free = (inWindow.oldest ?? nowMs) + RATE_WINDOW_MS;
          tryAgainAt = tryAgainAt === null ? free : Math.min(tryAgainAt, free);
          reasons.push(
            `credit ${grant.tokenId} served ${inWindow.n} of its ${grant.requestsPerKilosecond} requests per kilosecond`,
          );
          continue;
        }
        this.db
          .prepare('INSERT INTO capacity_requests (token_id, at_ms) VALUES (?, ?)')
          .run(grant.tokenId, nowMs);
        if (grant.delegation) {
          this.db
            .prepare(
              `INSERT INTO capacity_delegation_uses (signature_hash, uses, last_used_at) VALUES (?, 1, ?)
               ON CONFLICT(signature_hash) DO UPDATE SET uses = uses + 1, last_used_at = excluded.last_used_at`,
            )
            .run(grant.delegation.signatureHash, nowMs);
        }
        return { ok: true, tokenId: grant.tokenId };
      }
      return { ok: false, tryAgainAt, reasons };
    })();
  }

  usesOf(signatureHash: string): number {
    const row = this.db
      .prepare('SELECT uses FROM capacity_delegation_uses WHERE signature_hash = ?')
      .get(signatureHash) as { uses: number } | undefined;
    return row?.uses ?? 0;
  }
}

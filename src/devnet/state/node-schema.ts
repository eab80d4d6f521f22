// Schema of node-<i>.sqlite: this node's secret shares and wallet, plus the replay, revocation
// and capacity records its endpoints keep. Append a migration to change it; never edit one that
// has shipped.
import type { Migration } from './sqlite';

export const NODE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'node identity, ECDSA root shares, auth method claims, action code, revocations',
    up(db) {
      db.exec(`
        CREATE TABLE node_identity (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          network_id TEXT NOT NULL,
          node_index INTEGER NOT NULL,
          bls_share_id INTEGER NOT NULL,
          bls_secret_share TEXT NOT NULL,
          wallet_private_key TEXT NOT NULL,
          created_at INTEGER NOT NULL
        );
        CREATE TABLE ecdsa_root_shares (
          root_index INTEGER PRIMARY KEY,
          share_id INTEGER NOT NULL,
          secret_share TEXT NOT NULL
        );
        CREATE TABLE auth_method_claims (
          signature_hash TEXT PRIMARY KEY,
          session_key TEXT NOT NULL,
          claimed_at INTEGER NOT NULL
        );
        CREATE TABLE action_code (
          cid TEXT PRIMARY KEY,
          code TEXT NOT NULL
        );
        CREATE TABLE revoked_session_keys (
          session_key TEXT PRIMARY KEY,
          revoked_at INTEGER NOT NULL,
          revoked_by TEXT NOT NULL,
          recorded_at INTEGER NOT NULL
        );
      `);
    },
  },
  {
    version: 2,
    description: 'capacity credits: delegation uses and requests per credit',
    up(db) {
      // Per node, as on Lit's network: every node counts the requests it serves.
      db.exec(`
        CREATE TABLE capacity_delegation_uses (
          signature_hash TEXT PRIMARY KEY,
          uses INTEGER NOT NULL,
          last_used_at INTEGER NOT NULL
        );
        CREATE TABLE capacity_requests (
          token_id TEXT NOT NULL,
          at_ms INTEGER NOT NULL
        );
        CREATE INDEX capacity_requests_by_token ON capacity_requests(token_id, at_ms);
      `);
    },
  },
];

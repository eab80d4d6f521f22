// Schema of chain.sqlite: network meta, validators, blocks, PKPs with their permissions, and
// capacity credits. Append a migration to change it; never edit one that has shipped.
import type { Migration } from './sqlite';

export const CHAIN_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'network, nodes, HD roots, blocks, PKPs, permissions, capacity credits',
    up(db) {
      db.exec(`
        CREATE TABLE network (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          network_id TEXT NOT NULL,
          chain_id INTEGER NOT NULL,
          node_count INTEGER NOT NULL,
          threshold INTEGER NOT NULL,
          epoch_number INTEGER NOT NULL,
          epoch_length INTEGER NOT NULL,
          epoch_end_time INTEGER NOT NULL,
          epoch_retries INTEGER NOT NULL,
          epoch_timeout INTEGER NOT NULL,
          bls_public_key TEXT NOT NULL,
          created_at INTEGER NOT NULL
        );
        CREATE TABLE nodes (
          node_index INTEGER PRIMARY KEY,
          host TEXT NOT NULL,
          port INTEGER NOT NULL,
          node_address TEXT NOT NULL,
          bls_share_id INTEGER NOT NULL UNIQUE,
          bls_public_share TEXT NOT NULL
        );
        CREATE TABLE hd_roots (
          root_index INTEGER PRIMARY KEY,
          public_key TEXT NOT NULL
        );
        CREATE TABLE blocks (
          number INTEGER PRIMARY KEY,
          hash TEXT NOT NULL UNIQUE,
          parent_hash TEXT NOT NULL,
          timestamp INTEGER NOT NULL
        );
        CREATE TABLE pkps (
          token_id TEXT PRIMARY KEY,
          public_key TEXT NOT NULL UNIQUE,
          eth_address TEXT NOT NULL UNIQUE,
          key_id TEXT NOT NULL UNIQUE,
          owner TEXT,
          minted_at INTEGER NOT NULL
        );
        CREATE TABLE pkp_permitted_addresses (
          token_id TEXT NOT NULL REFERENCES pkps(token_id),
          address TEXT NOT NULL,
          PRIMARY KEY (token_id, address)
        );
        CREATE TABLE pkp_permitted_auth_methods (
          token_id TEXT NOT NULL REFERENCES pkps(token_id),
          auth_method_type INTEGER NOT NULL,
          auth_method_id TEXT NOT NULL,
          scopes TEXT NOT NULL,
          PRIMARY KEY (token_id, auth_method_type, auth_method_id)
        );
        CREATE TABLE pkp_permitted_actions (
          token_id TEXT NOT NULL REFERENCES pkps(token_id),
          ipfs_cid TEXT NOT NULL,
          PRIMARY KEY (token_id, ipfs_cid)
        );
        CREATE TABLE capacity_credits (
          token_id INTEGER PRIMARY KEY AUTOINCREMENT,
          owner TEXT NOT NULL,
          requests_per_kilosecond INTEGER NOT NULL,
          expires_at INTEGER NOT NULL,
          minted_at INTEGER NOT NULL
        );
        CREATE INDEX capacity_credits_owner ON capacity_credits(owner);
      `);
    },
  },
];

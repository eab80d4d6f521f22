// Public exports of the protocol core. A plain list: each module owns its concept.
export * from './bytes';
export * from './errors';
export * from './ed25519';
export * from './session-key';
export * from './ethereum';
export * from './rfc3339';
export * from './siwe';
export * from './recap';
export * from './siwe-recap';
export * from './resources';
export * from './ipfs-cid';
export * from './auth-sig';
export * from './session-sigs';
export * from './capability-cache';
export * from './verify-capability';
export * from './verify-session-sig';

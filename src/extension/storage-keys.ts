// Storage keys (and a channel) the extension pages watch to update live. A file of
// its own so a page takes these strings without the message schemas.

/** storage.local: the worker's session records (the popup re-asks the worker when they change). */
export const SESSIONS_STORAGE_KEY = 'lit-companion:sessions';
/** storage.session: the pending approvals (the approval window re-asks when they change). */
export const PENDING_STORAGE_KEY = 'lit-companion:pending';
/** storage.local: the settings (the options page's PKP list follows the network). */
export const SETTINGS_STORAGE_KEY = 'lit-companion:settings';
/** storage.local: the PKPs the user keeps, per network. */
export const PKPS_STORAGE_KEY = 'lit-companion:pkps';
/** storage.local: the built-in account's keystore (pages show whether one exists). */
export const ACCOUNT_STORAGE_KEY = 'lit-companion:account';
/**
 * storage.session: the built-in account's unlocked key (the options page follows unlocks and locks
 * made elsewhere, e.g. in the approval window).
 */
export const ACCOUNT_UNLOCKED_STORAGE_KEY = 'lit-companion:account-unlocked';
/**
 * storage.local, in earlier builds: one session's activity list. The worker now keeps activity in its
 * IndexedDB and moves any list still here into it.
 */
export const LEGACY_ACTIVITY_STORAGE_PREFIX = 'lit-companion:activity:';
/** BroadcastChannel: `{ sessionId }` each time the worker changes that session's activity. */
export const ACTIVITY_CHANNEL = 'lit-companion:activity';

// Storage keys the extension pages watch (through `storage.onChanged`) to update live. A file of
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
/** storage.local: one session's activity list (brokered calls), one key per session. */
export const ACTIVITY_STORAGE_PREFIX = 'lit-companion:activity:';
export const activityStorageKey = (sessionId: string): string =>
  `${ACTIVITY_STORAGE_PREFIX}${sessionId}`;

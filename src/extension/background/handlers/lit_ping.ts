import type { ProviderResults } from '../../messages';
import { extensionVersion, workerStartedAt } from '../worker-info';

/** `lit_ping`: proves the page → content → worker path, and tells which worker answered. */
export function handleLitPing(): Promise<ProviderResults['lit_ping']> {
  return Promise.resolve({ version: extensionVersion(), workerStartedAt });
}

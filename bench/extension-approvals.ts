// What the extension benches share: timing a provider call in the page, and approving session
// requests at once from an extension page (as a user who clicks Approve immediately).
import type { Page } from '@playwright/test';
import type { ApprovalDecision } from '../src/extension/messages';

/** Milliseconds the page waits for one `window.lit.request`. */
export function timeRequest(page: Page, args: unknown): Promise<number> {
  return page.evaluate(async (a) => {
    const start = performance.now();
    await (window as unknown as { lit: { request: (x: unknown) => Promise<unknown> } }).lit.request(
      a,
    );
    return performance.now() - start;
  }, args);
}

/**
 * Approves every request that starts waiting, from an extension page, at once (built-in account,
 * plus `extra` decision fields); `__approvedAt` records when, by pending id.
 */
export async function autoApprove(
  extensionPage: Page,
  extra: Partial<Extract<ApprovalDecision, { approve: true }>> = {},
): Promise<void> {
  await extensionPage.evaluate((more) => {
    const w = globalThis as unknown as {
      __approvedAt: Record<string, number>;
      chrome: {
        storage: {
          onChanged: {
            addListener(fn: (c: Record<string, { newValue?: unknown }>, a: string) => void): void;
          };
        };
        runtime: { sendMessage(m: unknown): Promise<unknown> };
      };
    };
    w.__approvedAt = {};
    w.chrome.storage.onChanged.addListener((changes, area) => {
      const list = changes['lit-companion:pending']?.newValue;
      if (area !== 'session' || !Array.isArray(list)) return;
      for (const p of list as { id: string; requestId: string; state: string }[]) {
        if (p.state !== 'waiting' || p.id in w.__approvedAt) continue;
        w.__approvedAt[p.id] = Date.now();
        void w.chrome.runtime.sendMessage({
          type: 'ui_decide',
          pendingId: p.id,
          decision: {
            approve: true,
            walletSource: 'builtin',
            expiration: new Date(Date.now() + 3600_000).toISOString(),
            ...more,
          },
        });
      }
    });
  }, extra);
}

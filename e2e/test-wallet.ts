// The test dApp's wallet: an ethers Wallet in the test process behind an EIP-1193
// `window.ethereum` in the page (also announced through EIP-6963), as a browser wallet would be.
import type { Page } from '@playwright/test';
import { Wallet, utils } from 'ethers';

export interface TestWallet {
  address: string;
  /** What the page asked the wallet, in order. */
  calls: { method: string; params: unknown[] }[];
}

export async function installTestWallet(
  page: Page,
  options: { refuse?: boolean } = {},
): Promise<TestWallet> {
  const wallet = Wallet.createRandom();
  const calls: TestWallet['calls'] = [];
  await page.exposeFunction('__testWalletRequest', async (method: string, params: unknown[]) => {
    calls.push({ method, params });
    if (method === 'eth_accounts' || method === 'eth_requestAccounts') return [wallet.address];
    if (method === 'personal_sign') {
      if (options.refuse) return { error: { code: 4001, message: 'User rejected the request.' } };
      const [hex, address] = params as [string, string];
      if (utils.getAddress(address) !== wallet.address) {
        return { error: { code: 4100, message: 'Unknown account' } };
      }
      return wallet.signMessage(utils.arrayify(hex));
    }
    return { error: { code: 4200, message: `Unsupported: ${method}` } };
  });
  await page.addInitScript(() => {
    const call = (
      window as unknown as {
        __testWalletRequest: (m: string, p: unknown[]) => Promise<unknown>;
      }
    ).__testWalletRequest;
    const provider = {
      async request({ method, params = [] }: { method: string; params?: unknown[] }) {
        const answer = (await call(method, params)) as {
          error?: { code: number; message: string };
        };
        if (answer && typeof answer === 'object' && 'error' in answer && answer.error) {
          throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
        }
        return answer;
      },
    };
    (window as unknown as { ethereum: unknown }).ethereum = provider;
    const info = {
      uuid: crypto.randomUUID(),
      name: 'Test Wallet',
      icon: 'data:,',
      rdns: 'test.wallet',
    };
    const announce = () =>
      window.dispatchEvent(
        new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }),
      );
    window.addEventListener('eip6963:requestProvider', announce);
    announce();
  });
  return { address: wallet.address, calls };
}

// The page's own Ethereum wallets, which the worker may ask to sign a session capability: every
// EIP-6963 announcement and `window.ethereum`. Whatever they answer, the worker checks.
import type { WalletOutcome } from '../messages';

interface Eip1193 {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}
interface Announced {
  info: { uuid: string; name: string };
  provider: Eip1193;
}

/** How long the non-prompting `eth_accounts` of one wallet may take. */
const ACCOUNTS_TIMEOUT_MS = 1500;
const INJECTED_ID = 'window.ethereum';

const announced = new Map<string, Announced>();
const listen = window.addEventListener.bind(window);
const dispatch = window.dispatchEvent.bind(window);

listen('eip6963:announceProvider', (event: Event) => {
  const detail = (event as CustomEvent<Partial<Announced> | null>).detail;
  const uuid = detail?.info?.uuid;
  if (typeof uuid !== 'string' || typeof detail?.provider?.request !== 'function') return;
  announced.set(uuid.slice(0, 64), detail as Announced);
});

function injected(): Eip1193 | null {
  const eth = (window as { ethereum?: Partial<Eip1193> }).ethereum;
  return typeof eth?.request === 'function' ? (eth as Eip1193) : null;
}

function walletById(id: unknown): Eip1193 {
  const wallet = id === INJECTED_ID ? injected() : announced.get(String(id))?.provider;
  if (!wallet)
    throw Object.assign(new Error('That wallet is no longer on the page'), { code: 4900 });
  return wallet;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  return Promise.race([promise, new Promise<null>((done) => setTimeout(() => done(null), ms))]);
}

async function accountsOf(wallet: Eip1193): Promise<string[]> {
  try {
    const accounts = await withTimeout(
      wallet.request({ method: 'eth_accounts' }),
      ACCOUNTS_TIMEOUT_MS,
    );
    return Array.isArray(accounts)
      ? accounts.filter((a) => typeof a === 'string').slice(0, 20)
      : [];
  } catch {
    return [];
  }
}

async function listWallets() {
  dispatch(new Event('eip6963:requestProvider'));
  const eth = injected();
  const wallets = [...announced].map(([id, a]) => ({
    id,
    name: String(a.info.name).slice(0, 100),
    provider: a.provider,
  }));
  // window.ethereum is usually one of the announced wallets already.
  if (eth && !wallets.some((w) => w.provider === eth)) {
    wallets.push({ id: INJECTED_ID, name: 'Browser wallet', provider: eth });
  }
  return Promise.all(
    wallets.slice(0, 10).map(async (w) => ({
      id: w.id,
      name: w.name,
      accounts: await accountsOf(w.provider),
    })),
  );
}

function utf8Hex(text: string): string {
  let hex = '0x';
  for (const byte of new TextEncoder().encode(text)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

async function run(request: unknown): Promise<unknown> {
  const r = (request ?? {}) as {
    action?: unknown;
    walletId?: unknown;
    message?: unknown;
    address?: unknown;
  };
  if (r.action === 'listWallets') return listWallets();
  if (r.action === 'requestAccounts') {
    return walletById(r.walletId).request({ method: 'eth_requestAccounts' });
  }
  if (r.action === 'personalSign' && typeof r.message === 'string') {
    return walletById(r.walletId).request({
      method: 'personal_sign',
      params: [utf8Hex(r.message), r.address],
    });
  }
  throw Object.assign(new Error('Unknown wallet request'), { code: -32602 });
}

/** Runs one wallet request from the worker; a wallet's error keeps only its code and message. */
export async function answerWalletRequest(request: unknown): Promise<WalletOutcome> {
  try {
    return { result: await run(request) };
  } catch (e) {
    const err = (e ?? {}) as { code?: unknown; message?: unknown };
    return {
      error: {
        code: typeof err.code === 'number' ? err.code : -32603,
        message: String(err.message ?? 'The wallet failed').slice(0, 500),
      },
    };
  }
}

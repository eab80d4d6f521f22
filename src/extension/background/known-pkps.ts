// The PKPs the user keeps in the options page, per network (by its chain RPC URL), in
// storage.local. Entries that do not parse are dropped rather than trusted; a PKP's token id and
// address are always computed from its public key, never taken as given.
import browser from 'webextension-polyfill';
import { z } from 'zod/mini';
import type { KnownPkp } from '../messages';
import { PKPS_STORAGE_KEY } from '../storage-keys';
import { serialized } from './serial';
import { sessionPkp } from './session-request';

export const PKPS_KEY = PKPS_STORAGE_KEY;

const storedSchema = z.array(
  z.object({
    rpcUrl: z.string(),
    publicKey: z.string(),
    controller: z.nullable(z.string().check(z.regex(/^0x[0-9a-fA-F]{40}$/))),
    addedAt: z.string(),
  }),
);
type Stored = z.infer<typeof storedSchema>[number];

const inTurn = serialized();

async function readAll(): Promise<Stored[]> {
  const parsed = storedSchema.safeParse((await browser.storage.local.get(PKPS_KEY))[PKPS_KEY]);
  return parsed.success ? parsed.data : [];
}

function toKnown(entry: Stored): KnownPkp[] {
  try {
    return [
      { ...sessionPkp(entry.publicKey), controller: entry.controller, addedAt: entry.addedAt },
    ];
  } catch {
    return [];
  }
}

/** The PKPs kept for the network at `rpcUrl`, oldest first. */
export async function knownPkps(rpcUrl: string): Promise<KnownPkp[]> {
  return (await readAll()).filter((e) => e.rpcUrl === rpcUrl).flatMap(toKnown);
}

/** Keeps a PKP for the network (once: adding it again keeps the first entry). */
export function addKnownPkp(
  rpcUrl: string,
  publicKey: string,
  controller: string | null,
): Promise<KnownPkp> {
  const pkp = sessionPkp(publicKey);
  return inTurn(async () => {
    const all = await readAll();
    const same = all.find((e) => e.rpcUrl === rpcUrl && toKnown(e)[0]?.tokenId === pkp.tokenId);
    if (same) return toKnown(same)[0]!;
    const entry: Stored = {
      rpcUrl,
      publicKey: pkp.publicKey,
      controller,
      addedAt: new Date().toISOString(),
    };
    await browser.storage.local.set({ [PKPS_KEY]: [...all, entry] });
    return toKnown(entry)[0]!;
  });
}

export function removeKnownPkp(rpcUrl: string, tokenId: string): Promise<KnownPkp[]> {
  return inTurn(async () => {
    const all = await readAll();
    const kept = all.filter((e) => !(e.rpcUrl === rpcUrl && toKnown(e)[0]?.tokenId === tokenId));
    await browser.storage.local.set({ [PKPS_KEY]: kept });
    return kept.filter((e) => e.rpcUrl === rpcUrl).flatMap(toKnown);
  });
}

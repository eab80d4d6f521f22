import { describe, expect, it } from 'vitest';
import { NODE_MIGRATIONS } from '../state/node-schema';
import { migrate, openDatabase } from '../state/sqlite';
import { CapacityUsage, RATE_WINDOW_MS } from './capacity-usage';

function usage() {
  const db = openDatabase(':memory:', { create: true });
  migrate(db, NODE_MIGRATIONS, 'node test db');
  return new CapacityUsage(db);
}
const T0 = 1_700_000_000_000;

describe('CapacityUsage', () => {
  it('serves requestsPerKilosecond per 1000 s window, freeing a slot as the oldest leaves it', () => {
    const u = usage();
    const grants = [{ tokenId: '1', requestsPerKilosecond: 2 }];
    expect(u.spend(grants, T0)).toEqual({ ok: true, tokenId: '1' });
    expect(u.spend(grants, T0 + 10_000)).toEqual({ ok: true, tokenId: '1' });
    expect(u.spend(grants, T0 + 20_000)).toMatchObject({
      ok: false,
      tryAgainAt: T0 + RATE_WINDOW_MS,
    });
    expect(u.spend(grants, T0 + RATE_WINDOW_MS - 1)).toMatchObject({ ok: false });
    expect(u.spend(grants, T0 + RATE_WINDOW_MS)).toEqual({ ok: true, tokenId: '1' });
    expect(u.spend(grants, T0 + RATE_WINDOW_MS + 1)).toMatchObject({
      ok: false,
      tryAgainAt: T0 + 10_000 + RATE_WINDOW_MS,
    });
  });

  it('counts a delegation’s uses by its signature hash, and falls through to the next grant', () => {
    const u = usage();
    const delegated = {
      tokenId: '7',
      requestsPerKilosecond: 100,
      delegation: { signatureHash: 'aa', uses: 2 },
    };
    const own = { tokenId: '8', requestsPerKilosecond: 100 };
    expect(u.spend([delegated], T0)).toMatchObject({ ok: true });
    expect(u.spend([delegated], T0)).toMatchObject({ ok: true });
    expect(u.spend([delegated], T0)).toEqual({
      ok: false,
      tryAgainAt: null,
      reasons: ['the delegation of credit 7 has used its 2 uses'],
    });
    expect(u.usesOf('aa')).toBe(2);
    expect(u.spend([delegated, own], T0)).toEqual({ ok: true, tokenId: '8' });
    // Another delegation of the same credit has its own count.
    const other = { ...delegated, delegation: { signatureHash: 'bb', uses: 1 } };
    expect(u.spend([other], T0)).toEqual({ ok: true, tokenId: '7' });
  });
});

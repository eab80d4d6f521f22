import { describe, expect, it } from 'vitest';
import { bestCoveringSession, covers } from './coverage';
import type { SessionRecord } from './session-records';

const now = Date.parse('2026-05-01T12:00:00Z');
const token = 'ab'.repeat(32);
const record = (over: Partial<SessionRecord> = {}): SessionRecord => ({
  id: 's',
  origin: 'https://dapp.example',
  publicKey: 'cd'.repeat(32),
  authMethod: 'wallet',
  walletSource: 'page',
  address: '0x0000000000000000000000000000000000000001',
  capabilities: [{ resource: 'lit-pkp://*', ability: 'pkp-signing' }],
  issuedAt: '2026-05-01T11:00:00.000Z',
  expiration: '2026-05-01T13:00:00.000Z',
  capability: { sig: '0x', derivedVia: 'web3.eth.personal.sign', signedMessage: '', address: '' },
  pageGetsSigs: true,
  ...over,
});
const pkp = (id: string) => ({
  resource: { resource: id, resourcePrefix: 'lit-pkp' as const },
  ability: 'pkp-signing' as const,
});

describe('covers', () => {
  it('covers the same or a narrower resource, not another ability or a wider one', () => {
    expect(covers(record(), [pkp('*')], now)).toBe(true);
    expect(covers(record(), [pkp(token)], now)).toBe(true);
    const narrow = record({
      capabilities: [{ resource: `lit-pkp://${token}`, ability: 'pkp-signing' }],
    });
    expect(covers(narrow, [pkp(token)], now)).toBe(true);
    expect(covers(narrow, [pkp('*')], now)).toBe(false);
    expect(covers(narrow, [pkp('ef'.repeat(32))], now)).toBe(false);
    const action = {
      resource: { resource: '*', resourcePrefix: 'lit-litaction' as const },
      ability: 'lit-action-execution' as const,
    };
    expect(covers(record(), [pkp('*'), action], now)).toBe(false);
  });

  it('never covers with an expired (or about to expire) session, a migrated one, or another wallet', () => {
    expect(covers(record({ expiration: '2026-05-01T12:00:10.000Z' }), [pkp('*')], now)).toBe(false);
    expect(covers(record({ capability: null }), [pkp('*')], now)).toBe(false);
    expect(covers(record(), [pkp('*')], now, 'builtin')).toBe(false);
    expect(covers(record(), [pkp('*')], now, 'page')).toBe(true);
  });

  it('needs the same restrictions (nota bene) when the request has some', () => {
    const credits = {
      resource: { resource: '7', resourcePrefix: 'lit-ratelimitincrease' as const },
      ability: 'rate-limit-increase-auth' as const,
    };
    const r = record({
      capabilities: [
        {
          resource: 'lit-ratelimitincrease://7',
          ability: 'rate-limit-increase-auth',
          data: { uses: '2' },
        },
      ],
    });
    expect(covers(r, [{ ...credits, data: { uses: '2' } }], now)).toBe(true);
    expect(covers(r, [{ ...credits, data: { uses: '3' } }], now)).toBe(false);
    expect(covers(r, [credits], now)).toBe(false);
  });

  it('serves each kind only from a session of that kind and subject', () => {
    const key = (b: string) => '0x04' + b.repeat(64);
    const pkpRecord = record({
      authMethod: 'pkp',
      authWallet: '0x0000000000000000000000000000000000000002',
      pkp: { publicKey: key('aa'), tokenId: 'aa'.repeat(32), address: record().address },
    });
    const actionRecord = record({
      ...pkpRecord,
      authMethod: 'lit-action',
      litAction: { cid: 'QmA', size: 10, jsParamsHash: '11'.repeat(32) },
    });
    const asPkp = { kind: 'pkp', pkpPublicKey: key('aa') } as const;
    const asAction = {
      kind: 'lit-action',
      pkpPublicKey: key('aa'),
      cid: 'QmA',
      jsParamsHash: '11'.repeat(32),
    } as const;
    const all = [pkp('*')];
    // A wallet request never gets a PKP session's sigs, nor the other way round.
    expect(covers(pkpRecord, all, now)).toBe(false);
    expect(covers(record(), all, now, undefined, asPkp)).toBe(false);
    expect(covers(pkpRecord, all, now, undefined, asPkp)).toBe(true);
    expect(covers(pkpRecord, all, now, undefined, { ...asPkp, pkpPublicKey: key('bb') })).toBe(
      false,
    );
    expect(covers(pkpRecord, all, now, 'builtin', asPkp)).toBe(false);
    // An action's session serves only the same PKP, action and jsParams.
    expect(covers(actionRecord, all, now, undefined, asPkp)).toBe(false);
    expect(covers(pkpRecord, all, now, undefined, asAction)).toBe(false);
    expect(covers(actionRecord, all, now, undefined, asAction)).toBe(true);
    expect(covers(actionRecord, all, now, undefined, { ...asAction, cid: 'QmB' })).toBe(false);
    expect(
      covers(actionRecord, all, now, undefined, { ...asAction, jsParamsHash: '22'.repeat(32) }),
    ).toBe(false);
    expect(
      covers(actionRecord, all, now, undefined, { ...asAction, pkpPublicKey: key('bb') }),
    ).toBe(false);
  });

  it('serves a page’s request for sigs only from a session approved for one', () => {
    const brokered = record({ pageGetsSigs: false });
    const older = record({ pageGetsSigs: undefined });
    const asPkp = { kind: 'pkp', pkpPublicKey: '0x04' + 'aa'.repeat(64) } as const;
    // A session made for a brokered call (or recorded before this was kept) hands out no sigs…
    expect(covers(brokered, [pkp('*')], now)).toBe(false);
    expect(covers(older, [pkp('*')], now)).toBe(false);
    expect(
      covers(record({ ...brokered, authMethod: 'pkp' }), [pkp('*')], now, undefined, asPkp),
    ).toBe(false);
    // …but it serves brokered calls, as does a session whose sigs the page holds.
    expect(covers(brokered, [pkp('*')], now, undefined, { kind: 'any' })).toBe(true);
    expect(covers(record(), [pkp('*')], now, undefined, { kind: 'any' })).toBe(true);
  });

  it('picks the covering session that lasts longest', () => {
    const short = record({ id: 'short' });
    const long = record({ id: 'long', expiration: '2026-05-02T00:00:00.000Z' });
    expect(bestCoveringSession([short, long], [pkp('*')], now)?.id).toBe('long');
    expect(bestCoveringSession([], [pkp('*')], now)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { approvalDecisionSchema, MAX_DELEGATION_USES } from '../../messages';
import { buildDecision, needsPassword, USES, type DecisionForm } from './decision';

const now = Date.parse('2026-05-01T12:00:00Z');
const locked = { address: '0x1111111111111111111111111111111111111111', unlocked: false };
const unlocked = { ...locked, unlocked: true };

const form = (over: Partial<DecisionForm>): DecisionForm => ({
  signer: { source: 'page', walletId: 'io.metamask' },
  account: locked,
  password: '',
  length: 60,
  maxExpiration: '2026-05-31T12:00:00Z',
  pkpSigning: null,
  credit: null,
  ...over,
});

/** Builds, expects success, and checks the worker's schema takes it. */
function decided(over: Partial<DecisionForm>) {
  const built = buildDecision(form(over), now);
  if (!built.ok) throw new Error(`refused: ${built.reason}`);
  expect(approvalDecisionSchema.safeParse(built.value).success).toBe(true);
  return built.value;
}

describe('buildDecision', () => {
  it('signs with the page wallet for the chosen length, no password and nothing extra', () => {
    expect(decided({})).toEqual({
      approve: true,
      walletSource: 'page',
      walletId: 'io.metamask',
      expiration: '2026-05-01T13:00:00.000Z',
    });
  });

  it('never goes past the request’s latest expiration', () => {
    expect(decided({ length: 24 * 60, maxExpiration: '2026-05-01T15:00:00Z' }).expiration).toBe(
      '2026-05-01T15:00:00.000Z',
    );
  });

  it('sends the PKP signing policy when it was asked, and the password for a locked account', () => {
    expect(
      decided({ signer: { source: 'builtin' }, password: 'correct horse', pkpSigning: 'allow' }),
    ).toEqual({
      approve: true,
      walletSource: 'builtin',
      expiration: '2026-05-01T13:00:00.000Z',
      password: 'correct horse',
      pkpSigning: 'allow',
    });
    expect(decided({ signer: { source: 'builtin' }, account: unlocked })).not.toHaveProperty(
      'password',
    );
  });

  it('attaches a capacity credit, which needs the built-in account unlocked even for a page wallet', () => {
    expect(
      decided({ credit: { tokenId: '7', uses: '3' }, password: 'correct horse' }),
    ).toMatchObject({
      walletSource: 'page',
      password: 'correct horse',
      capacityCredit: { tokenId: '7', uses: 3 },
    });
    expect(buildDecision(form({ credit: { tokenId: '7', uses: '3' } }), now)).toEqual({
      ok: false,
      reason: 'Enter the password of the built-in account (at least 8 characters).',
    });
  });

  it('refuses a credit without a token or with uses outside what the worker takes', () => {
    const unlockedCredit = (tokenId: string, uses: string) =>
      buildDecision(form({ account: unlocked, credit: { tokenId, uses } }), now);
    expect(unlockedCredit('', '10')).toEqual({ ok: false, reason: 'Choose a capacity credit.' });
    expect(unlockedCredit('7', '0')).toEqual({
      ok: false,
      reason: 'Uses must be a whole number from 1 to 1,000,000',
    });
    expect(unlockedCredit('7', String(MAX_DELEGATION_USES + 1)).ok).toBe(false);
    expect(
      decided({ account: unlocked, credit: { tokenId: '7', uses: String(USES.max) } }),
    ).toMatchObject({ capacityCredit: { uses: MAX_DELEGATION_USES } });
  });

  it('refuses without a wallet, or once the request’s time has passed', () => {
    expect(buildDecision(form({ signer: null }), now)).toEqual({
      ok: false,
      reason: 'Choose a wallet first.',
    });
    expect(buildDecision(form({ maxExpiration: '2026-05-01T12:00:00Z' }), now)).toEqual({
      ok: false,
      reason: 'The time this request allowed has passed: deny it.',
    });
  });
});

describe('needsPassword', () => {
  it('asks for it only when the locked built-in account has something to sign', () => {
    expect(needsPassword(form({}))).toBe(false);
    expect(needsPassword(form({ signer: { source: 'builtin' } }))).toBe(true);
    expect(needsPassword(form({ credit: { tokenId: '7', uses: '10' } }))).toBe(true);
    expect(needsPassword(form({ account: unlocked, credit: { tokenId: '7', uses: '10' } }))).toBe(
      false,
    );
  });
});

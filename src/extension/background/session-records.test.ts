import { describe, expect, it } from 'vitest';
import { SESSION_STORE_VERSION, migrateRecords, validRecords } from './session-records';

const v2 = {
  id: 's1',
  origin: 'https://dapp.example',
  publicKey: 'ab'.repeat(32),
  authMethod: 'wallet',
  walletSource: 'page',
  address: '0x0000000000000000000000000000000000000001',
  capabilities: [{ resource: 'lit-pkp://*', ability: 'pkp-signing' }],
  issuedAt: '2026-11-23T00:00:00.000Z',
  expiration: '2026-11-24T00:00:00.000Z',
  capability: {
    sig: '0x',
    derivedVia: 'web3.eth.personal.sign',
    signedMessage: 'm',
    address: '0x1',
  },
};

describe('session records', () => {
  it('keeps current records as they are and refuses unknown versions', () => {
    expect(SESSION_STORE_VERSION).toBe(2);
    expect(validRecords(migrateRecords([v2], 2))).toEqual([v2]);
    expect(migrateRecords([v2], 3)).toEqual([]);
    expect(migrateRecords([v2], 0)).toEqual([]);
    expect(migrateRecords('junk', 1)).toEqual([]);
  });

  it('reads PKP and Lit Action records, and drops ones whose kind and fields disagree', () => {
    const pkp = {
      publicKey: '0x04' + 'ab'.repeat(64),
      tokenId: 'cd'.repeat(32),
      address: '0x0000000000000000000000000000000000000002',
    };
    const pkpRecord = { ...v2, authMethod: 'pkp', authWallet: v2.address, pkp };
    const actionRecord = {
      ...pkpRecord,
      authMethod: 'lit-action',
      litAction: { cid: 'QmX', size: null, jsParamsHash: 'ef'.repeat(32) },
    };
    expect(validRecords([pkpRecord, actionRecord])).toEqual([pkpRecord, actionRecord]);
    expect(
      validRecords([
        { ...pkpRecord, pkp: undefined },
        { ...pkpRecord, authWallet: undefined },
        { ...actionRecord, litAction: undefined },
        { ...pkpRecord, litAction: actionRecord.litAction },
        { ...v2, pkp },
        { ...v2, authMethod: 'password' },
        { ...pkpRecord, pkp: { ...pkp, publicKey: '0x1234' } },
      ]),
    ).toEqual([]);
  });

  it('never keeps a record that carries more than the schema (e.g. key material)', () => {
    const [kept] = validRecords([{ ...v2, secretKey: 'cd'.repeat(64) }]);
    expect(kept).not.toHaveProperty('secretKey');
  });
});

import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createSessionKey } from './key-vault';
import { mintSessionSigs } from './mint-session-sigs';
import type { KnownNetwork } from './network';
import type { SessionRecord } from './session-records';

const network = { nodeUrls: ['http://127.0.0.1:7470', 'http://127.0.0.1:7471'] } as KnownNetwork;
const pkpSigning = {
  resource: { resource: '*', resourcePrefix: 'lit-pkp' as const },
  ability: 'pkp-signing' as const,
};

async function recordWithKeyOf(keyOrigin: string, recordOrigin: string): Promise<SessionRecord> {
  const key = await createSessionKey(keyOrigin);
  return {
    id: crypto.randomUUID(),
    origin: recordOrigin,
    publicKey: key.publicKey,
    authMethod: 'wallet',
    walletSource: 'builtin',
    address: '0x' + '11'.repeat(20),
    capabilities: [],
    capability: {
      sig: '0x',
      derivedVia: 'web3.eth.personal.sign',
      signedMessage: 'm',
      address: '0x',
    },
    issuedAt: new Date().toISOString(),
    expiration: new Date(Date.now() + 3600_000).toISOString(),
  };
}

describe('mintSessionSigs', () => {
  it("signs with the session's key for the session's origin", async () => {
    const record = await recordWithKeyOf('https://a.example', 'https://a.example');
    const sigs = await mintSessionSigs(record, [pkpSigning], network, Date.now());
    expect(Object.keys(sigs ?? {})).toEqual(network.nodeUrls);
    expect(JSON.parse(sigs![network.nodeUrls[0]!]!.signedMessage)).toMatchObject({
      sessionKey: record.publicKey,
    });
  });

  it('signs nothing for a record that names a key of another origin', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const record = await recordWithKeyOf('https://a.example', 'https://b.example');
    expect(await mintSessionSigs(record, [pkpSigning], network, Date.now())).toBeNull();
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });
});

// src/client's session manager (Node.js sessions with a StorageProvider) against a real devnet:
// sessions are kept and reused across restarts, scoped by kind and subject, and disconnect
// removes the key.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWalletAuthSig } from '../protocol/auth-sig';
import { toHex } from '../protocol/bytes';
import { privateKeySigner, type MessageSigner } from '../protocol/ethereum';
import { createSiweMessageWithRecaps } from '../protocol/siwe-recap';
import type { SessionSigsMap } from '../protocol/session-sigs';
import { discoverNetwork, type LitNetwork } from '../client/discover';
import { fileStorageProvider } from '../client/file-storage-provider';
import { SESSION_KEY_STORAGE_KEY, createSessionManager } from '../client/session-manager';
import { memoryStorageProvider } from '../client/storage-provider';
import { ethWalletAuthMethodId } from './node/pkp-permissions';
import { type Devnet } from './network';
import type { tempDataDir } from './test-support';
import { startTestDevnet } from './test-support';

const ALLOW = `(async () => { Lit.Actions.setResponse({ response: "true" }); })();`;
const pkpSigning = [
  { resource: { resource: '*', resourcePrefix: 'lit-pkp' }, ability: 'pkp-signing' },
];
const actionExecution = [
  { resource: { resource: '*', resourcePrefix: 'lit-litaction' }, ability: 'lit-action-execution' },
];

let temp: ReturnType<typeof tempDataDir>;
let devnet: Devnet;
let network: LitNetwork;
const userKey = crypto.getRandomValues(new Uint8Array(32));
const user = privateKeySigner(userKey);
let userAddress: string;
let pkp: { publicKey: string; ethAddress: string };

/** A wallet that counts its signatures, so a test can tell a reused capability from a new one. */
function countingSigner(): MessageSigner & { count: number } {
  const signer = {
    count: 0,
    getAddress: () => user.getAddress(),
    signMessage: async (message: string) => {
      signer.count++;
      return user.signMessage(message);
    },
  };
  return signer;
}

/** A fresh EthWallet auth method (each one can authorize a single session key). */
async function authMethod() {
  const authSig = await createWalletAuthSig({
    signer: user,
    message: createSiweMessageWithRecaps({
      walletAddress: userAddress,
      nonce: network.latestBlockhash,
    }),
  });
  return [{ authMethodType: 1, accessToken: JSON.stringify(authSig) }];
}

/** Every node accepts the sigs for `request`, and they name session key `sessionKey`. */
async function expectAccepted(sigs: SessionSigsMap, request: (typeof pkpSigning)[number]) {
  expect(Object.keys(sigs).sort()).toEqual([...network.nodeUrls].sort());
  for (const [url, authSig] of Object.entries(sigs)) {
    const response = await fetch(`${url}/web/session/verify/v1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ authSig, resourceAbilityRequest: request }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
  }
}

const sessionKeyOf = (sigs: SessionSigsMap) =>
  (JSON.parse(Object.values(sigs)[0]!.signedMessage) as { sessionKey: string }).sessionKey;
const capabilityOf = (sigs: SessionSigsMap) =>
  (JSON.parse(Object.values(sigs)[0]!.signedMessage) as { capabilities: { sig: string }[] })
    .capabilities[0]!.sig;

beforeAll(async () => {
  ({ temp, devnet } = await startTestDevnet());
  userAddress = await user.getAddress();
  const mint = await fetch(`${devnet.rpcUrl}/devnet/pkp/mint`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      permittedAuthMethods: [
        { authMethodType: 1, authMethodId: ethWalletAuthMethodId(userAddress), scopes: [2] },
      ],
      permittedActions: [(await import('../protocol/ipfs-cid')).ipfsCidV0(ALLOW)],
    }),
  });
  pkp = (await mint.json()) as typeof pkp;
  network = await discoverNetwork({ rpcUrl: devnet.rpcUrl });
});

afterAll(async () => {
  await devnet?.stop();
  temp?.remove();
});

describe('createSessionManager', () => {
  it('wallet sessions: kept, reused while they cover the request, renewed when they do not', async () => {
    const signer = countingSigner();
    const manager = createSessionManager({ network, storage: memoryStorageProvider() });
    const first = await manager.getSessionSigs({ signer, resourceAbilityRequests: pkpSigning });
    await expectAccepted(first, pkpSigning[0]!);
    const second = await manager.getSessionSigs({ signer, resourceAbilityRequests: pkpSigning });
    expect(signer.count).toBe(1);
    expect(sessionKeyOf(second)).toBe(sessionKeyOf(first));
    expect(capabilityOf(second)).toBe(capabilityOf(first));
    // Not covered by the stored capability: the wallet signs again, for the same session key.
    const wider = await manager.getSessionSigs({
      signer,
      resourceAbilityRequests: actionExecution,
    });
    expect(signer.count).toBe(2);
    expect(sessionKeyOf(wider)).toBe(sessionKeyOf(first));
    await expectAccepted(wider, actionExecution[0]!);
    // Sigs are short-lived: 5 minutes by default.
    const { expiration, issuedAt } = JSON.parse(Object.values(second)[0]!.signedMessage);
    expect(Date.parse(expiration) - Date.parse(issuedAt)).toBe(5 * 60 * 1000);
  });

  it('PKP sessions survive a restart through the file provider; disconnect removes the key', async () => {
    const file = join(temp.dir, 'node-user', 'lit-session.json');
    const before = createSessionManager({ network, storage: fileStorageProvider(file) });
    const first = await before.getPkpSessionSigs({
      pkpPublicKey: pkp.publicKey,
      authMethods: await authMethod(),
      resourceAbilityRequests: pkpSigning,
    });
    await expectAccepted(first, pkpSigning[0]!);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(JSON.parse(stored[SESSION_KEY_STORAGE_KEY]!).publicKey).toBe(sessionKeyOf(first));

    // A new process: the same key and the same network capability, no new sign_session_key.
    const after = createSessionManager({ network, storage: fileStorageProvider(file) });
    const again = await after.getPkpSessionSigs({
      pkpPublicKey: pkp.publicKey,
      authMethods: [],
      resourceAbilityRequests: pkpSigning,
    });
    expect(sessionKeyOf(again)).toBe(sessionKeyOf(first));
    expect(capabilityOf(again)).toBe(capabilityOf(first));
    await expectAccepted(again, pkpSigning[0]!);

    await after.disconnect();
    expect(existsSync(file)).toBe(false);
    const fresh = await after.getPkpSessionSigs({
      pkpPublicKey: pkp.publicKey,
      authMethods: await authMethod(),
      resourceAbilityRequests: pkpSigning,
    });
    expect(sessionKeyOf(fresh)).not.toBe(sessionKeyOf(first));
  });

  it('Lit Action sessions are scoped by action: another action is asked anew', async () => {
    const storage = memoryStorageProvider();
    const manager = createSessionManager({ network, storage });
    const sigs = await manager.getLitActionSessionSigs({
      pkpPublicKey: pkp.publicKey,
      authMethods: [],
      litActionCode: ALLOW,
      jsParams: {},
      resourceAbilityRequests: pkpSigning,
    });
    await expectAccepted(sigs, pkpSigning[0]!);
    const same = await manager.getLitActionSessionSigs({
      pkpPublicKey: pkp.publicKey,
      authMethods: [],
      litActionCode: ALLOW,
      resourceAbilityRequests: pkpSigning,
    });
    expect(capabilityOf(same)).toBe(capabilityOf(sigs));
    // Another action is another subject: the nodes are asked (and refuse code they never saw).
    await expect(
      manager.getLitActionSessionSigs({
        pkpPublicKey: pkp.publicKey,
        authMethods: [],
        litActionIpfsId: 'QmepsmjZ3ueoQ8DZEpT1PpBT7guGRvwhQ7eenTR4ETSf6D',
        resourceAbilityRequests: pkpSigning,
      }),
    ).rejects.toThrow(/sign_session_key/);
  });

  it('without a provider nothing is kept: every call makes a new key', async () => {
    const signer = countingSigner();
    const manager = createSessionManager({ network });
    const a = await manager.getSessionSigs({ signer, resourceAbilityRequests: pkpSigning });
    const b = await manager.getSessionSigs({ signer, resourceAbilityRequests: pkpSigning });
    expect(sessionKeyOf(a)).not.toBe(sessionKeyOf(b));
    expect(signer.count).toBe(2);
  });

  it('refuses a store it cannot read rather than overwrite it, and bad parameters', async () => {
    const file = join(temp.dir, 'not-ours.json');
    writeFileSync(file, '["something else"]');
    const manager = createSessionManager({ network, storage: fileStorageProvider(file) });
    await expect(
      manager.getSessionSigs({ signer: countingSigner(), resourceAbilityRequests: pkpSigning }),
    ).rejects.toThrow(/not a session store written by Lit Companion/);
    expect(readFileSync(file, 'utf8')).toBe('["something else"]');
    const ok = createSessionManager({ network });
    await expect(
      ok.getSessionSigs({ signer: countingSigner(), resourceAbilityRequests: [] }),
    ).rejects.toThrow(/resourceAbilityRequests/);
    await expect(
      ok.getSessionSigs({
        signer: countingSigner(),
        resourceAbilityRequests: pkpSigning,
        expiration: 'tomorrow',
      }),
    ).rejects.toThrow(/expiration/);
  });
});

describe('a plain Node.js script (src/client/examples/pkp-session.ts)', () => {
  const run = async (args: string[]) => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/client/examples/pkp-session.ts', ...args],
      { timeout: 60_000 },
    );
    return JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
  };

  it('keeps its PKP session in the file across runs, and disconnect removes the key', async () => {
    const file = join(temp.dir, 'script', 'session.json');
    const common = ['--rpc-url', devnet.rpcUrl, '--file', file];
    const session = [...common, '--pkp', pkp.publicKey, '--key', toHex(userKey)];
    const first = await run(session);
    expect(first).toMatchObject({
      askedNodes: true,
      sessionKey: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // A new process: the same key, and the stored capability instead of the nodes.
    expect(await run(session)).toEqual({ askedNodes: false, sessionKey: first.sessionKey });
    expect(await run([...common, '--disconnect'])).toEqual({ disconnected: true });
    expect(existsSync(file)).toBe(false);
    const after = await run(session);
    expect(after.askedNodes).toBe(true);
    expect(after.sessionKey).not.toBe(first.sessionKey);
  });
});

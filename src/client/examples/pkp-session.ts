// A plain Node.js script using Lit Companion's client: a PKP session kept in a file, reused by
// the next run, and removed (key included) by `--disconnect`. Against the devnet (`npm start` or
// `npm run devnet`), with a wallet the PKP permits:
//
//   node --import tsx src/client/examples/pkp-session.ts --pkp 0x04… --key <32-byte hex>
//   node --import tsx src/client/examples/pkp-session.ts --disconnect
//
// Options: --rpc-url (default the devnet's), --file (default .lit-session.json). It prints one
// JSON line: the session key it used and whether it had to ask the nodes for a capability.
import { parseArgs } from 'node:util';
import { createWalletAuthSig } from '../../protocol/auth-sig';
import { ethWalletAuthMethod } from '../../protocol/auth-method';
import { fromHex } from '../../protocol/bytes';
import { privateKeySigner } from '../../protocol/ethereum';
import { createSiweMessageWithRecaps } from '../../protocol/siwe-recap';
import { discoverNetwork } from '../discover';
import { fileStorageProvider } from '../file-storage-provider';
import { useNodeSpeedups } from '../node-speedups';
import { SESSION_KEY_STORAGE_KEY, createSessionManager } from '../session-manager';

const { values } = parseArgs({
  options: {
    'rpc-url': { type: 'string', default: 'http://127.0.0.1:8545' },
    file: { type: 'string', default: '.lit-session.json' },
    pkp: { type: 'string' },
    key: { type: 'string' },
    disconnect: { type: 'boolean', default: false },
  },
});

async function main(): Promise<void> {
  useNodeSpeedups();
  const storage = fileStorageProvider(values.file!);
  const network = await discoverNetwork({ rpcUrl: values['rpc-url'] });
  const sessions = createSessionManager({ network, storage });
  if (values.disconnect) {
    await sessions.disconnect();
    console.log(JSON.stringify({ disconnected: true }));
    return;
  }
  if (!values.pkp || !values.key) throw new Error('give --pkp <public key> and --key <wallet hex>');
  const wallet = privateKeySigner(fromHex(values.key, 32, '--key'));
  let askedNodes = false;
  await sessions.getPkpSessionSigs({
    pkpPublicKey: values.pkp,
    resourceAbilityRequests: [
      { resource: { resource: '*', resourcePrefix: 'lit-pkp' }, ability: 'pkp-signing' },
    ],
    // The wallet signs only when the nodes must be asked (no stored capability covers this).
    authMethods: async () => {
      askedNodes = true;
      const authSig = await createWalletAuthSig({
        signer: wallet,
        message: createSiweMessageWithRecaps({
          walletAddress: await wallet.getAddress(),
          nonce: network.latestBlockhash,
        }),
      });
      return [ethWalletAuthMethod(authSig)];
    },
  });
  const stored = JSON.parse((await storage.get(SESSION_KEY_STORAGE_KEY)) ?? '{}') as {
    publicKey?: string;
  };
  console.log(JSON.stringify({ sessionKey: stored.publicKey, askedNodes }));
}

main().catch((error: unknown) => {
  console.error(`pkp-session: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

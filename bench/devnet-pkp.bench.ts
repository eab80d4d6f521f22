// PKP signing on a 3-node devnet (each node its own process), measured against Lit's own client
// in the same run:
// 1. pkpSign latency through src/client vs LitNodeClientNodeJs.pkpSign, the same session sigs
//    and the same devnet (goal: ours ≤ 0.7 of Lit's p50).
// 2. Signatures per second the devnet sustains through src/client with 16 in flight, beside
//    Lit's client at the same concurrency.
// Where the time goes (node --cpu-prof) is in src/devnet/README.md, "Speed".
import { LitNodeClientNodeJs } from '@lit-protocol/lit-node-client-nodejs';
import {
  LitPKPResource,
  createSiweMessageWithRecaps,
  generateAuthSig,
} from '@lit-protocol/auth-helpers';
import { LIT_ABILITY } from '@lit-protocol/constants';
import { ethers } from 'ethers';
import { percentile, sustained, type AnyFigure } from './lib';
import { discoverNetwork } from '../src/client/discover';
import { pkpSign } from '../src/client/pkp-sign';

import { ethWalletAuthMethodId } from '../src/devnet/node/pkp-permissions';
import { startTestDevnet } from '../src/devnet/test-support';
import { useNodeSpeedups } from '../src/client/node-speedups';

const ROUNDS = 60;
const CONCURRENCY = 16;
const THROUGHPUT_MS = 4000;

const digest = () => crypto.getRandomValues(new Uint8Array(32));

export default async (): Promise<AnyFigure[]> => {
  // src/client as a Node program uses it: node:http transport, libsecp256k1 checks.
  useNodeSpeedups();
  const { temp, devnet } = await startTestDevnet({ prefix: 'devnet-pkp-bench-', processes: true });
  const lit = new LitNodeClientNodeJs({
    litNetwork: 'custom',
    rpcUrl: devnet.rpcUrl,
    debug: false,
  });
  try {
    const wallet = ethers.Wallet.createRandom();
    const mint = await fetch(`${devnet.rpcUrl}/devnet/pkp/mint`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        permittedAuthMethods: [
          { authMethodType: 1, authMethodId: ethWalletAuthMethodId(wallet.address), scopes: [1] },
        ],
      }),
    });
    const pkp = (await mint.json()) as { publicKey: string; ethAddress: string };
    await lit.connect();
    const network = await discoverNetwork({ rpcUrl: devnet.rpcUrl });
    // One wallet session, made by Lit's SDK, used by both clients.
    const sessionSigs = await lit.getSessionSigs({
      chain: 'ethereum',
      resourceAbilityRequests: [
        { resource: new LitPKPResource('*'), ability: LIT_ABILITY.PKPSigning },
      ],
      authNeededCallback: async ({ uri, expiration, resourceAbilityRequests }) =>
        generateAuthSig({
          signer: wallet,
          toSign: await createSiweMessageWithRecaps({
            uri: uri!,
            expiration: expiration!,
            resources: resourceAbilityRequests!,
            walletAddress: wallet.address,
            nonce: await lit.getLatestBlockhash(),
            litNodeClient: lit,
          }),
        }),
    });
    const ours = () => pkpSign(network, { sessionSigs, toSign: digest(), pubKey: pkp.publicKey });
    const theirs = () => lit.pkpSign({ sessionSigs, toSign: digest(), pubKey: pkp.publicKey });
    const check = (sig: { signature: string }, what: string) => {
      if (!sig.signature.startsWith('0x')) throw new Error(`${what}: no signature`);
    };

    const oursMs: number[] = [];
    const theirsMs: number[] = [];
    for (let round = 0; round < ROUNDS + 5; round++) {
      let t = performance.now();
      check(await ours(), 'src/client');
      const a = performance.now() - t;
      t = performance.now();
      check(await theirs(), "Lit's client");
      const b = performance.now() - t;
      // The first rounds warm both clients and the nodes up.
      if (round >= 5) {
        oursMs.push(a);
        theirsMs.push(b);
      }
    }
    const oursRate = await sustained(ours, CONCURRENCY, THROUGHPUT_MS);
    const theirsRate = await sustained(theirs, CONCURRENCY, THROUGHPUT_MS);

    return [
      {
        name: 'pkpSign, 3 nodes (processes), src/client',
        p50Ms: percentile(oursMs, 50),
        p95Ms: percentile(oursMs, 95),
        baseline: {
          name: "Lit's LitNodeClientNodeJs.pkpSign",
          p50Ms: percentile(theirsMs, 50),
          p95Ms: percentile(theirsMs, 95),
        },
        maxP50Ratio: 0.7,
      },
      {
        name: `signatures/s one 3-node devnet sustains through src/client (${CONCURRENCY} in flight)`,
        opsPerSec: oursRate,
        baseline: { name: `Lit's client, ${CONCURRENCY} in flight`, opsPerSec: theirsRate },
      },
    ];
  } finally {
    await lit.disconnect();
    await devnet.stop();
    temp.remove();
  }
};

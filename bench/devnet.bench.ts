// The devnet under load, measured against baselines from the same run:
// 1. sign_session_key for a PKP session with 3 nodes (each its own process) through src/client,
//    against Lit's own client doing the same against the same devnet (goal: ours ≤ half).
// 2. One node's HTTP throughput for a request that only verifies a session sig, against the raw
//    in-process verification rate of the same sig.
import { Agent, request as httpRequest } from 'node:http';
import { LitNodeClientNodeJs } from '@lit-protocol/lit-node-client-nodejs';
import { LitPKPResource } from '@lit-protocol/auth-helpers';
import { LIT_ABILITY } from '@lit-protocol/constants';
import { percentile, measure, sustained, type AnyFigure } from './lib';
import { discoverNetwork } from '../src/client/discover';
import { signSessionKey } from '../src/client/sign-session-key';
import { createWalletAuthSig } from '../src/protocol/auth-sig';
import { CapabilityCache } from '../src/protocol/capability-cache';
import { privateKeySigner } from '../src/protocol/ethereum';
import { exportLitSessionKey, generateSessionKey } from '../src/protocol/session-key';
import { createSessionSigs } from '../src/protocol/session-sigs';
import { createSiweMessageWithRecaps } from '../src/protocol/siwe-recap';
import { verifySessionSig } from '../src/protocol/verify-session-sig';
import { verifyEd25519Native } from '../src/devnet/fast-ed25519';
import { useFastBls } from '../src/devnet/fast-bls';

import { ethWalletAuthMethodId } from '../src/devnet/node/pkp-permissions';
import { startTestDevnet } from '../src/devnet/test-support';
import { useNodeSpeedups } from '../src/client/node-speedups';

const ROUNDS = 30;
const pkpSigning = [
  { resource: { resource: '*', resourcePrefix: 'lit-pkp' }, ability: 'pkp-signing' },
];

export default async (): Promise<AnyFigure[]> => {
  // src/client as a Node program uses it: node:http transport, libsecp256k1 checks.
  useNodeSpeedups();
  // Node users of src/client inject the native BLS backend, as the devnet's nodes do.
  useFastBls();
  const { temp, devnet } = await startTestDevnet({ prefix: 'devnet-bench-', processes: true });
  const lit = new LitNodeClientNodeJs({
    litNetwork: 'custom',
    rpcUrl: devnet.rpcUrl,
    debug: false,
  });
  try {
    const user = privateKeySigner(crypto.getRandomValues(new Uint8Array(32)));
    const userAddress = await user.getAddress();
    const mint = await fetch(`${devnet.rpcUrl}/devnet/pkp/mint`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        permittedAuthMethods: [
          { authMethodType: 1, authMethodId: ethWalletAuthMethodId(userAddress), scopes: [2] },
        ],
      }),
    });
    const pkp = (await mint.json()) as { publicKey: string; ethAddress: string };
    await lit.connect();
    const network = await discoverNetwork({ rpcUrl: devnet.rpcUrl });

    // Inputs for both clients are made before timing: a fresh session key and auth method each.
    const freshInputs = async () => {
      const sessionKey = generateSessionKey();
      const expiration = new Date(Date.now() + 3_600_000).toISOString();
      const authSig = await createWalletAuthSig({
        signer: user,
        message: createSiweMessageWithRecaps({
          walletAddress: userAddress,
          nonce: network.latestBlockhash,
        }),
      });
      const siweMessage = createSiweMessageWithRecaps({
        walletAddress: pkp.ethAddress,
        nonce: network.latestBlockhash,
        uri: `lit:session:${sessionKey.publicKey}`,
        statement: 'Lit Protocol PKP session signature',
        expiration,
        resources: pkpSigning,
      });
      return {
        sessionKey,
        expiration,
        authMethods: [{ authMethodType: 1, accessToken: JSON.stringify(authSig) }],
        siweMessage,
      };
    };
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let round = 0; round < ROUNDS + 2; round++) {
      const a = await freshInputs();
      let t = performance.now();
      await signSessionKey(network, {
        sessionPublicKey: a.sessionKey.publicKey,
        authMethods: a.authMethods,
        pkpPublicKey: pkp.publicKey,
        siweMessage: a.siweMessage,
      });
      const oursMs = performance.now() - t;
      const b = await freshInputs();
      t = performance.now();
      await lit.signSessionKey({
        sessionKey: exportLitSessionKey(b.sessionKey),
        authMethods: b.authMethods,
        pkpPublicKey: pkp.publicKey,
        expiration: b.expiration,
        resources: [],
        chainId: 1,
        resourceAbilityRequests: [
          { resource: new LitPKPResource('*'), ability: LIT_ABILITY.PKPSigning },
        ],
      } as unknown as Parameters<LitNodeClientNodeJs['signSessionKey']>[0]);
      const theirsMs = performance.now() - t;
      // The first two rounds warm both clients up.
      if (round >= 2) {
        ours.push(oursMs);
        theirs.push(theirsMs);
      }
    }

    // A wallet session sig for node 0, checked over HTTP and in-process.
    const url = devnet.nodeUrls[0]!;
    const sessionKey = generateSessionKey();
    const capability = await createWalletAuthSig({
      signer: user,
      message: createSiweMessageWithRecaps({
        walletAddress: userAddress,
        nonce: network.latestBlockhash,
        uri: `lit:session:${sessionKey.publicKey}`,
        resources: pkpSigning,
      }),
    });
    const request = {
      resource: { resource: '*', resourcePrefix: 'lit-pkp' },
      ability: 'pkp-signing',
    };
    const sigs = await createSessionSigs({
      sessionKey,
      capabilities: [capability],
      resourceAbilityRequests: [request],
      nodeUrls: [url],
      expiration: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const body = JSON.stringify({ authSig: sigs[url], resourceAbilityRequest: request });
    const cache = new CapabilityCache();
    const raw = await measure(() => {
      const r = verifySessionSig(sigs[url], {
        nodeAddress: url.replace('http://', ''),
        request,
        verifyEd25519: verifyEd25519Native,
        cache,
      });
      if (!r.ok) throw new Error(`bench sig does not verify: ${r.error.errorCode}`);
    }, 1500);
    const http = await throughput(`${url}/web/session/verify/v1`, body, 1500, 16);

    return [
      {
        name: 'sign_session_key, PKP session, 3 nodes, src/client',
        p50Ms: percentile(ours, 50),
        p95Ms: percentile(ours, 95),
        baseline: {
          name: "Lit's LitNodeClientNodeJs.signSessionKey",
          p50Ms: percentile(theirs, 50),
          p95Ms: percentile(theirs, 95),
        },
        maxP50Ratio: 0.5,
      },
      {
        name: 'one node over HTTP, a request that only verifies a session sig (16 in flight)',
        opsPerSec: http,
        baseline: {
          name: 'the same verification in-process (native Ed25519, cached capability)',
          opsPerSec: raw,
        },
      },
    ];
  } finally {
    await lit.disconnect();
    await devnet.stop();
    temp.remove();
  }
};

/**
 * Requests per second with `concurrency` requests in flight for about `ms`. The load comes from
 * node:http with keep-alive: undici's fetch costs more client CPU per request than the node
 * spends answering, and would measure the load generator instead.
 */
async function throughput(
  url: string,
  body: string,
  ms: number,
  concurrency: number,
): Promise<number> {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const post = () =>
    new Promise<void>((resolve, reject) => {
      const req = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () =>
            response.statusCode === 200
              ? resolve()
              : reject(
                  new Error(
                    `verify answered ${response.statusCode}: ${Buffer.concat(chunks).toString()}`,
                  ),
                ),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  try {
    for (let i = 0; i < 50; i++) await post();
    return await sustained(post, concurrency, ms);
  } finally {
    agent.destroy();
  }
}

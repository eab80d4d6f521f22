// Interop: Lit's unmodified SDK and our client run Lit Actions on the devnet (executeJs): the
// response and logs as Lit returns them, jsParams, ipfsId, errors, the time limit, and runOnce
// running once across three nodes.
import { LitNodeClientNodeJs } from '@lit-protocol/lit-node-client-nodejs';
import { ethers } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWalletAuthSig } from '../protocol/auth-sig';
import { ipfsCidV0 } from '../protocol/ipfs-cid';
import { generateSessionKey } from '../protocol/session-key';
import {
  createSessionCapabilityMessage,
  createSessionSigs,
  type SessionSigsMap,
} from '../protocol/session-sigs';
import { discoverNetwork, type LitNetwork } from '../client/discover';
import { encrypt } from '../client/encrypt';
import { ExecuteJsError, executeJs } from '../client/execute-js';
import { type Devnet } from './network';
import type { tempDataDir } from './test-support';
import { startTestDevnet } from './test-support';

const ACTION_TIMEOUT_MS = 3_000;
const EXECUTION = {
  resource: { resource: '*', resourcePrefix: 'lit-litaction' },
  ability: 'lit-action-execution',
} as const;

let temp: ReturnType<typeof tempDataDir>;
let devnet: Devnet;
let client: LitNodeClientNodeJs;
let network: LitNetwork;
let sessionSigs: SessionSigsMap;
const wallet = ethers.Wallet.createRandom();

/** Every node's raw answer to one executeJs body, with one shared request id. */
async function rawExecute(body: Record<string, unknown>, requestId = `lit_${Date.now()}`) {
  return Promise.all(
    devnet.nodeUrls.map(async (url) => {
      const response = await fetch(`${url}/web/execute/v1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId },
        body: JSON.stringify({ ...body, authSig: sessionSigs[url], epoch: 1 }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    }),
  );
}

const b64 = (code: string) => Buffer.from(code).toString('base64');

beforeAll(async () => {
  ({ temp, devnet } = await startTestDevnet({
    prefix: 'devnet-exec-',
    actionTimeoutMs: ACTION_TIMEOUT_MS,
  }));
  client = new LitNodeClientNodeJs({ litNetwork: 'custom', rpcUrl: devnet.rpcUrl, debug: false });
  await client.connect();
  network = await discoverNetwork({ rpcUrl: devnet.rpcUrl });
  const sessionKey = generateSessionKey();
  const capability = await createWalletAuthSig({
    signer: wallet,
    message: createSessionCapabilityMessage({
      walletAddress: wallet.address,
      nonce: network.latestBlockhash,
      sessionPublicKey: sessionKey.publicKey,
      resources: [EXECUTION],
      expiration: new Date(Date.now() + 3_600_000).toISOString(),
    }),
  });
  sessionSigs = await createSessionSigs({
    sessionKey,
    capabilities: [capability],
    resourceAbilityRequests: [EXECUTION],
    nodeUrls: devnet.nodeUrls,
  });
}, 60_000);

afterAll(async () => {
  await client?.disconnect();
  await devnet?.stop();
  temp?.remove();
});

describe("Lit's SDK: executeJs on the devnet", () => {
  it('returns the response and logs of setResponse, with jsParams as globals', async () => {
    const code = `(async () => {
      console.log('adding', a, 'and', b);
      console.log({ who: Lit.Auth.authSigAddress, ids: Lit.Auth.actionIpfsIds });
      Lit.Actions.setResponse({ response: JSON.stringify({ sum: a + b }) });
    })();`;
    const result = await client.executeJs({ sessionSigs, code, jsParams: { a: 40, b: 2 } });
    expect(result).toEqual({
      success: true,
      signedData: {},
      decryptedData: {},
      claimData: {},
      response: '{"sum":42}',
      logs: `adding 40 and 2\n{"who":"${wallet.address}","ids":["${ipfsCidV0(code)}"]}`,
    });
  });

  it('runs code by ipfsId once a node has seen it; an unknown ipfsId is NodeInvalidIPFSID', async () => {
    const code = `Lit.Actions.setResponse({ response: "by id " + n });`;
    await client.executeJs({ sessionSigs, code, jsParams: { n: 0 } });
    const byId = await client.executeJs({
      sessionSigs,
      ipfsId: ipfsCidV0(code),
      jsParams: { n: 7 },
    });
    expect(byId.response).toBe('by id 7');

    const unknown = ipfsCidV0('Lit.Actions.setResponse({ response: "never sent" });');
    const error = await client.executeJs({ sessionSigs, ipfsId: unknown }).catch((e: unknown) => e);
    expect(error).toMatchObject({ info: { errorCode: 'NodeInvalidIPFSID' } });
    for (const answer of await rawExecute({ ipfsId: unknown })) {
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        errorCode: 'NodeInvalidIPFSID',
        errorKind: 'Validation',
      });
    }
  });

  it('a throwing action is HTTP 400 {success: false, error, logs} on every node', async () => {
    const code = `(async () => { console.log('before'); throw new Error('boom'); })();`;
    for (const answer of await rawExecute({ code: b64(code) })) {
      expect(answer).toEqual({
        status: 400,
        body: {
          success: false,
          error: expect.stringMatching(/^Uncaught \(in promise\) Error: boom\n/),
          logs: 'before',
        },
      });
    }
    await expect(client.executeJs({ sessionSigs, code })).rejects.toThrow(/Error: boom/);
  });

  it('an action past the time limit is NodeJsTimeoutError', async () => {
    const code = `(async () => { while (true) {} })();`;
    for (const answer of await rawExecute({ code: b64(code) })) {
      expect(answer.status).toBe(502);
      expect(answer.body).toMatchObject({ errorCode: 'NodeJsTimeoutError', errorKind: 'Timeout' });
    }
    const error = await client.executeJs({ sessionSigs, code }).catch((e: unknown) => e);
    expect(error).toMatchObject({ info: { errorCode: 'NodeJsTimeoutError' } });
  });

  it('refuses a session that does not grant this action', async () => {
    const other = `Lit.Actions.setResponse({ response: "other" });`;
    const sessionKey = generateSessionKey();
    const only = {
      resource: {
        resource: ipfsCidV0('Lit.Actions.setResponse({ response: "x" });'),
        resourcePrefix: 'lit-litaction',
      },
      ability: 'lit-action-execution',
    } as const;
    const capability = await createWalletAuthSig({
      signer: wallet,
      message: createSessionCapabilityMessage({
        walletAddress: wallet.address,
        nonce: network.latestBlockhash,
        sessionPublicKey: sessionKey.publicKey,
        resources: [only],
      }),
    });
    const narrow = await createSessionSigs({
      sessionKey,
      capabilities: [capability],
      resourceAbilityRequests: [only],
      nodeUrls: devnet.nodeUrls,
    });
    const error = await client
      .executeJs({ sessionSigs: narrow, code: other })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ info: { errorCode: 'NodeResourceIdNotFound' } });
  });
});

describe('runOnce', () => {
  const code = `(async () => {
    const value = await Lit.Actions.runOnce({ waitForResponse: true, name: 'pick' }, async () => {
      console.log('leader ran');
      return String(Math.random());
    });
    const quiet = await Lit.Actions.runOnce({ waitForResponse: false, name: 'quiet' }, async () => 'x');
    Lit.Actions.setResponse({ response: JSON.stringify({ value, quiet: quiet ?? null }) });
  })();`;

  it('runs the function on one node and gives every node its result and logs', async () => {
    const answers = await rawExecute({ code: b64(code) }, 'lit_runonce_1');
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const responses = answers.map((a) => a.body.response as string);
    // Three independent runs of Math.random() would differ; one shared run makes them equal.
    const value = (JSON.parse(responses[0]!) as { value: string }).value;
    expect(Number(value)).toBeGreaterThanOrEqual(0);
    const quiet = responses.map((r) => (JSON.parse(r) as { quiet: string | null }).quiet);
    // Without waitForResponse only the leader gets a value.
    expect(quiet.filter((q) => q === 'x')).toHaveLength(1);
    expect(quiet.filter((q) => q === null)).toHaveLength(2);
    for (const answer of answers) {
      expect((JSON.parse(answer.body.response as string) as { value: string }).value).toBe(value);
      expect(answer.body.logs).toBe('leader ran');
    }
  });

  it('works through Lit’s client and through ours', async () => {
    const viaLit = await client.executeJs({
      sessionSigs,
      code: code.replace("'quiet' }, async () => 'x')", "'quiet' }, async () => null)"),
    });
    expect(viaLit.logs).toBe('leader ran');
    const viaUs = await executeJs(network, {
      sessionSigs,
      code: `(async () => {
        const v = await Lit.Actions.runOnce({ waitForResponse: true, name: 'n' }, async () => String(Math.random()));
        Lit.Actions.setResponse({ response: v });
      })();`,
    });
    expect(viaUs.nodes).toHaveLength(3);
    expect(Number(viaUs.response)).toBeGreaterThanOrEqual(0);
  });

  it('long logs in fn reach every node, cut at the log limit', async () => {
    const long = `(async () => {
      const r = await Lit.Actions.runOnce({ waitForResponse: true, name: 'long' }, async () => {
        for (let i = 0; i < 3; i++) console.log('y'.repeat(100000));
        return 'leader-result';
      });
      Lit.Actions.setResponse({ response: r });
    })();`;
    const answers = await rawExecute({ code: b64(long) }, 'lit_runonce_long');
    // Before, the leader's 300 KB of lines were too large to send: it answered 200 and the
    // others waited out their time limit (502).
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const logs = answers.map((a) => a.body.logs as string);
    expect(logs[0]!.endsWith('\n[logs truncated]')).toBe(true);
    expect(new Set(logs).size).toBe(1);
  });

  it('a result the others cannot take fails the leader, and the others hear of it at once', async () => {
    // Quotes double in JSON twice over: 100 KiB of them is too large for the peer channel.
    const huge = `(async () => {
      const r = await Lit.Actions.runOnce({ waitForResponse: true, name: 'huge' }, async () => {
        console.log('"'.repeat(100000));
        return '"'.repeat(100000);
      });
      Lit.Actions.setResponse({ response: r });
    })();`;
    const started = performance.now();
    const answers = await rawExecute({ code: b64(huge) }, 'lit_runonce_huge');
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400]);
    const errors = answers.map((a) => a.body.error as string);
    const leader = /Error: runOnce: 0 of 2 other nodes accepted the result, 1 needed: peer message/;
    expect(errors.filter((e) => leader.test(e))).toHaveLength(1);
    expect(errors.filter((e) => /the leader could not share its result/.test(e))).toHaveLength(2);
    // Well within the 3 s action limit the followers would otherwise wait out.
    expect(performance.now() - started).toBeLessThan(ACTION_TIMEOUT_MS);
  });

  it('without an X-Request-Id the nodes cannot agree, and say so', async () => {
    const url = devnet.nodeUrls[0]!;
    const response = await fetch(`${url}/web/execute/v1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: b64(code), authSig: sessionSigs[url], epoch: 1 }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/X-Request-Id/);
  });
});

describe('our client: executeJs', () => {
  it('returns the agreed response and logs, with jsParams', async () => {
    const result = await executeJs(network, {
      sessionSigs,
      code: `console.log('hi ' + name); Lit.Actions.setResponse({ response: name.toUpperCase() });`,
      jsParams: { name: 'lit' },
    });
    expect(result).toMatchObject({
      response: 'LIT',
      logs: 'hi lit',
      signatureShares: {},
      failures: [],
    });
    expect(result.nodes.sort()).toEqual([...devnet.nodeUrls].sort());
  });

  it('reports the action’s error and logs', async () => {
    const error = await executeJs(network, {
      sessionSigs,
      code: `console.log('x'); null.y;`,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecuteJsError);
    expect(error).toMatchObject({ errorCode: 'NodeJsExecutionError', logs: 'x' });
    expect((error as Error).message).toMatch(/TypeError/);
  });

  it('reports the nodes’ error for an unknown ipfsId', async () => {
    const error = await executeJs(network, {
      sessionSigs,
      ipfsId: ipfsCidV0('never seen'),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ errorCode: 'NodeInvalidIPFSID' });
  });

  it('getRpcUrl gives the chain stand-in for Lit’s chain names', async () => {
    const rpc = await executeJs(network, {
      sessionSigs,
      code: `(async () => Lit.Actions.setResponse({ response: await Lit.Actions.getRpcUrl({ chain: 'ethereum' }) }))();`,
    });
    expect(rpc.response).toBe(devnet.rpcUrl);
  });
});

describe('actions that use the nodes: signEcdsa, checkConditions, decryptAndCombine', () => {
  const SIGN = `(async () => {
    await Lit.Actions.signEcdsa({ toSign, publicKey, sigName: 'sig1' });
    await Lit.Actions.ethPersonalSignMessageEcdsa({ message: 'hello lit', publicKey, sigName: 'sig2' });
    Lit.Actions.setResponse({ response: 'signed' });
  })();`;
  let pkp: { publicKey: string; ethAddress: string };
  let stranger: { publicKey: string };

  beforeAll(async () => {
    const mint = async (permittedActions: string[]) => {
      const response = await fetch(`${devnet.rpcUrl}/devnet/pkp/mint`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ permittedActions }),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { publicKey: string; ethAddress: string };
    };
    pkp = await mint([ipfsCidV0(SIGN)]);
    stranger = await mint([]);
  });

  it('signEcdsa and ethPersonalSignMessageEcdsa through Lit’s SDK recover to the PKP', async () => {
    const digest = ethers.utils.randomBytes(32);
    const result = await client.executeJs({
      sessionSigs,
      code: SIGN,
      jsParams: { toSign: Array.from(digest), publicKey: pkp.publicKey },
    });
    expect(result.response).toBe('signed');
    const sigs = result.signatures as Record<string, { signature: string }>;
    expect(ethers.utils.recoverAddress(digest, sigs.sig1!.signature)).toBe(pkp.ethAddress);
    expect(ethers.utils.verifyMessage('hello lit', sigs.sig2!.signature)).toBe(pkp.ethAddress);
  });

  it('our client combines the same signatures', async () => {
    const digest = ethers.utils.randomBytes(32);
    const result = await executeJs(network, {
      sessionSigs,
      code: SIGN,
      jsParams: { toSign: Array.from(digest), publicKey: pkp.publicKey },
    });
    expect(ethers.utils.recoverAddress(digest, result.signatures.sig1!.signature)).toBe(
      pkp.ethAddress,
    );
    expect(ethers.utils.verifyMessage('hello lit', result.signatures.sig2!.signature)).toBe(
      pkp.ethAddress,
    );
  });

  it('takes any string as a sigName, as Lit does (not only printable ASCII)', async () => {
    const NAMES = `(async () => {
      await Lit.Actions.signEcdsa({ toSign, publicKey, sigName: '签名' });
      await Lit.Actions.ethPersonalSignMessageEcdsa({ message: 'hello lit', publicKey, sigName: 'a\\tb 🔑' });
      Lit.Actions.setResponse({ response: 'signed' });
    })();`;
    const response = await fetch(`${devnet.rpcUrl}/devnet/pkp/mint`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ permittedActions: [ipfsCidV0(NAMES)] }),
    });
    const named = (await response.json()) as { publicKey: string; ethAddress: string };
    const digest = ethers.utils.randomBytes(32);
    const result = await executeJs(network, {
      sessionSigs,
      code: NAMES,
      jsParams: { toSign: Array.from(digest), publicKey: named.publicKey },
    });
    expect(Object.keys(result.signatures).sort()).toEqual(['a\tb 🔑', '签名'].sort());
    expect(ethers.utils.recoverAddress(digest, result.signatures['签名']!.signature)).toBe(
      named.ethAddress,
    );
    expect(ethers.utils.verifyMessage('hello lit', result.signatures['a\tb 🔑']!.signature)).toBe(
      named.ethAddress,
    );
  });

  it('an action the PKP does not permit cannot sign with it', async () => {
    const error = await executeJs(network, {
      sessionSigs,
      code: SIGN,
      jsParams: { toSign: Array.from(new Uint8Array(32).fill(7)), publicKey: stranger.publicKey },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecuteJsError);
    expect((error as Error).message).toMatch(/NodePKPNotAuthorized/);
  });

  const userIs = (address: string) => [
    {
      contractAddress: '',
      standardContractType: '',
      chain: 'ethereum',
      method: '',
      parameters: [':userAddress'],
      returnValueTest: { comparator: '=', value: address },
    },
  ];

  it('checkConditions sees the session’s user', async () => {
    const check = (conditions: unknown) =>
      executeJs(network, {
        sessionSigs,
        code: `(async () => Lit.Actions.setResponse({ response: String(await Lit.Actions.checkConditions({ conditions, chain: 'ethereum' })) }))();`,
        jsParams: { conditions },
      });
    expect((await check(userIs(wallet.address))).response).toBe('true');
    expect((await check(userIs(ethers.Wallet.createRandom().address))).response).toBe('false');
  });

  it('decryptAndCombine opens data for the user, inside the nodes, and refuses others', async () => {
    const decryptIn = async (conditions: unknown) => {
      const { ciphertext, dataToEncryptHash } = await encrypt(network, {
        accessControlConditions: conditions as unknown[],
        data: 'a note for the action',
      });
      return executeJs(network, {
        sessionSigs,
        code: `(async () => Lit.Actions.setResponse({ response: await Lit.Actions.decryptAndCombine({ accessControlConditions: conditions, ciphertext, dataToEncryptHash, chain: 'ethereum', authSig: null }) }))();`,
        jsParams: { conditions, ciphertext, dataToEncryptHash },
      });
    };
    expect((await decryptIn(userIs(wallet.address))).response).toBe('a note for the action');
    const refused = await decryptIn(userIs(ethers.Wallet.createRandom().address)).catch(
      (e: unknown) => e,
    );
    expect((refused as Error).message).toMatch(/NodeAccessControlConditionsReturnedNotAuthorized/);
  });
});

// The node-backed Lit.Actions functions with fakes below them: permissions before signing, the
// share's shape in signedData, decryption shares checked one by one, runOnce's leader.
import { createHash } from 'node:crypto';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it, vi } from 'vitest';
import { encryptionIdentity, hashConditions, hashData } from '../../protocol/access-control';
import { randomBlsSecretKey } from '../../protocol/bls';
import { signShare } from '../../protocol/bls-shares';
import { toHex, utf8 } from '../../protocol/bytes';
import { encrypt } from '../../protocol/encryption';
import { eip191Hash } from '../../protocol/ethereum';
import { pkpTokenIdFromPublicKey } from '../../protocol/resources';
import { dealShares } from '../../protocol/shamir';
import type { ActionOperations, EcdsaSignatureShare } from './action-operations';
import type { ActionPeers, ActionRunEnv } from './action-operations-env';
import { actionHost } from './action-operations-host';
import { runOnceLeader } from './action-operations-peers';
import type { PkpPermissions } from './pkp-permissions';

const PKP = '0x' + toHex(secp256k1.getPublicKey(secp256k1.utils.randomSecretKey(), false));
const CID = 'QmUuoPhVHm9D66UoPkBiWsAKmw5QcadNdhqrbQB5Kni7Jg';
const USER = '0x19E7E376E7C213B7E7e7e46cc70A5dD086DAff2A';
const nodes = [0, 1, 2].map((i) => ({
  index: i,
  url: `http://127.0.0.1:${7470 + i}`,
  nodeAddress: `0x${String(i + 1).repeat(40)}`,
}));
const dealt = dealShares(randomBlsSecretKey(), 2, 3);
const call = { signal: new AbortController().signal };

const share = (over: Partial<EcdsaSignatureShare> = {}): EcdsaSignatureShare => ({
  digest: 'AA',
  result: 'success',
  share_index: 1,
  signature_share: 'BEEF',
  big_r: '02CC',
  public_key: PKP.slice(2).toUpperCase(),
  sig_type: 'K256',
  ...over,
});

function envWith(
  over: {
    ops?: Partial<ActionOperations>;
    peers?: Partial<ActionPeers>;
    permissions?: PkpPermissions | null;
    requestId?: string | null;
    selfIndex?: number;
  } = {},
): ActionRunEnv {
  const permissions: PkpPermissions | null =
    over.permissions === undefined
      ? { owner: null, permittedAddresses: [], permittedAuthMethods: [], permittedActions: [CID] }
      : over.permissions;
  return {
    requestId: over.requestId === undefined ? 'lit_req' : over.requestId,
    requestKey: 'ab'.repeat(32),
    authContext: {
      actionIpfsIds: [CID],
      authMethodContexts: [],
      authSigAddress: USER,
      customAuthResource: '',
      resources: [],
    },
    selfIndex: over.selfIndex ?? 0,
    threshold: 2,
    peers: {
      nodes: () => nodes,
      broadcast: async () => undefined,
      receive: async () => undefined,
      collect: async () => [],
      ...over.peers,
    },
    ops: {
      signEcdsa: async () => share(),
      checkConditions: async () => true,
      decryptionShare: async (identity) => signShare(dealt.shares[0]!, identity),
      ...over.ops,
    },
    pkpPermissions: (tokenId) => (tokenId === pkpTokenIdFromPublicKey(PKP) ? permissions : null),
    rpcUrl: 'http://127.0.0.1:8545',
    blsPublicShares: dealt.shares.map((s) => ({ id: s.id, publicKey: s.publicKey })),
    networkPublicKey: dealt.publicKey,
    now: () => Date.now(),
  };
}

describe('signEcdsa and ethPersonalSignMessageEcdsa', () => {
  it('sign when the action’s CID is permitted, and put the share in signedData', async () => {
    const signEcdsa = vi.fn(async () => share());
    const host = actionHost(envWith({ ops: { signEcdsa } }));
    const toSign = Array.from({ length: 32 }, (_, i) => i);
    // As JSON.stringify writes a Uint8Array.
    const asObject = Object.fromEntries(toSign.map((b, i) => [String(i), b]));
    await expect(
      host.hostFunctions.signEcdsa!({ toSign: asObject, publicKey: PKP, sigName: 'sig1' }, call),
    ).resolves.toBe('success');
    expect(signEcdsa).toHaveBeenCalledWith({
      toSign: Uint8Array.from(toSign),
      pkpPublicKey: PKP,
      // The sigName goes into the dealer's request key as its sha256 (any string is a name).
      requestKey: `${'ab'.repeat(32)}:${createHash('sha256').update('sig1').digest('hex')}`,
      // The node's signing step checks the PKP's permissions again for this caller and scope.
      caller: { authMethods: [], actionCids: [CID], addresses: [USER] },
      scope: 1,
    });
    expect(Object.fromEntries(host.signedData)).toEqual({
      sig1: {
        sigType: 'K256',
        dataSigned: 'AA',
        signatureShare: 'BEEF',
        shareIndex: 1,
        bigR: '02CC',
        publicKey: PKP.slice(2).toUpperCase(),
        sigName: 'sig1',
      },
    });
    await host.hostFunctions.ethPersonalSignMessageEcdsa!(
      { message: 'hello', publicKey: PKP.slice(2), sigName: 'sig2' },
      call,
    );
    expect(signEcdsa).toHaveBeenLastCalledWith(
      expect.objectContaining({ toSign: eip191Hash('hello') }),
    );
  });

  it('refuse without permission, with a wrong-length toSign, a reused sigName or past 10 signatures', async () => {
    const bytes = Array.from({ length: 32 }, () => 1);
    const denied = actionHost(
      envWith({
        permissions: {
          owner: null,
          permittedAddresses: [],
          permittedAuthMethods: [],
          permittedActions: [],
        },
      }),
    );
    await expect(
      denied.hostFunctions.signEcdsa!({ toSign: bytes, publicKey: PKP, sigName: 's' }, call),
    ).rejects.toThrow(/NodePKPNotAuthorized/);
    const host = actionHost(envWith());
    await expect(
      host.hostFunctions.signEcdsa!({ toSign: [1, 2], publicKey: PKP, sigName: 's' }, call),
    ).rejects.toThrow(/32 bytes/);
    await expect(
      host.hostFunctions.signEcdsa!(
        { toSign: bytes, publicKey: '0x04' + '00'.repeat(64), sigName: 's' },
        call,
      ),
    ).rejects.toThrow(/not a secp256k1 public key|no PKP/);
    for (let i = 0; i < 10; i++) {
      await host.hostFunctions.signEcdsa!(
        { toSign: bytes, publicKey: PKP, sigName: `s${i}` },
        call,
      );
    }
    await expect(
      host.hostFunctions.signEcdsa!({ toSign: bytes, publicKey: PKP, sigName: 's0' }, call),
    ).rejects.toThrow(/already used/);
    await expect(
      host.hostFunctions.signEcdsa!({ toSign: bytes, publicKey: PKP, sigName: 's10' }, call),
    ).rejects.toThrow(/limit of 10/);
  });

  it('a failing signer leaves no share behind', async () => {
    const host = actionHost(
      envWith({ ops: { signEcdsa: async () => Promise.reject(new Error('no presignature')) } }),
    );
    await expect(
      host.hostFunctions.signEcdsa!(
        { toSign: Array(32).fill(0), publicKey: PKP, sigName: 's' },
        call,
      ),
    ).rejects.toThrow(/no presignature/);
    expect(host.signedData.size).toBe(0);
  });
});

describe('decryptAndCombine', () => {
  const conditions = [
    {
      contractAddress: '',
      standardContractType: '',
      chain: 'ethereum',
      method: '',
      parameters: [':userAddress'],
      returnValueTest: { comparator: '=', value: USER },
    },
  ];
  const data = utf8('the secret');
  const dataToEncryptHash = hashData(data);
  const identity = encryptionIdentity(
    toHex(hashConditions('accessControlConditions', conditions)),
    dataToEncryptHash,
  );
  const ciphertext = encrypt(dealt.publicKey, data, identity);
  const args = {
    accessControlConditions: conditions,
    ciphertext,
    dataToEncryptHash,
    chain: 'ethereum',
  };

  it('checks the conditions for the session’s user, skips a bad peer share, and decrypts', async () => {
    const checkConditions = vi.fn(async () => true);
    const broadcast = vi.fn(async () => undefined);
    const bad = signShare(dealt.shares[1]!, utf8('another identity'));
    const good = signShare(dealt.shares[2]!, identity);
    const collect = vi.fn(async (_key: string, _topic: string, count: number) =>
      [
        { from: nodes[1]!.nodeAddress, payload: { share: bad } },
        { from: nodes[2]!.nodeAddress, payload: { share: good } },
      ].slice(0, count),
    );
    const host = actionHost(envWith({ ops: { checkConditions }, peers: { broadcast, collect } }));
    await expect(host.hostFunctions.decryptAndCombine!(args, call)).resolves.toBe('the secret');
    expect(checkConditions).toHaveBeenCalledWith({
      kind: 'accessControlConditions',
      conditions,
      chain: 'ethereum',
      userAddress: USER,
    });
    expect(broadcast).toHaveBeenCalledWith(
      'ab'.repeat(32),
      expect.stringMatching(/^decryptAndCombine:[0-9a-f]{64}$/),
      { share: signShare(dealt.shares[0]!, identity) },
    );
    expect(collect.mock.calls.map((c) => c[2])).toEqual([1, 2]);
  });

  it('refuses when the conditions are not met, before any share leaves the node', async () => {
    const broadcast = vi.fn(async () => undefined);
    const host = actionHost(
      envWith({ ops: { checkConditions: async () => false }, peers: { broadcast } }),
    );
    await expect(host.hostFunctions.decryptAndCombine!(args, call)).rejects.toThrow(
      /NodeAccessControlConditionsReturnedNotAuthorized/,
    );
    expect(broadcast).not.toHaveBeenCalled();
  });

  it('refuses an authSig that does not verify', async () => {
    const host = actionHost(envWith());
    const authSig = {
      sig: '0x' + '00'.repeat(65),
      derivedVia: 'web3.eth.personal.sign',
      signedMessage: 'not a SIWE',
      address: USER,
    };
    await expect(
      host.hostFunctions.checkConditions!({ conditions, authSig, chain: 'ethereum' }, call),
    ).rejects.toThrow(/authSig/);
  });
});

describe('runOnce and getRpcUrl', () => {
  it('the leader is sha256(request id) mod n, the same on every node', async () => {
    const leader = runOnceLeader('lit_req', 3);
    for (const node of nodes) {
      const host = actionHost(envWith({ selfIndex: node.index }));
      await expect(host.hostFunctions.runOnce!({ op: 'role' }, call)).resolves.toEqual({
        leader: node.index === leader,
      });
    }
  });

  it('a follower takes the result only from the leader, and checks its shape', async () => {
    const leader = runOnceLeader('lit_req', 3);
    const receive = vi.fn(async () => ({ response: 'r', logs: ['l'] }));
    const follower = actionHost(envWith({ selfIndex: (leader + 1) % 3, peers: { receive } }));
    await expect(
      follower.hostFunctions.runOnce!({ op: 'collect', name: 'n' }, call),
    ).resolves.toEqual({
      response: 'r',
      logs: ['l'],
    });
    expect(receive).toHaveBeenCalledWith(
      nodes[leader]!.nodeAddress,
      'ab'.repeat(32),
      'runOnce:n',
      call.signal,
    );
    const liar = actionHost(
      envWith({ selfIndex: (leader + 1) % 3, peers: { receive: async () => ({ response: 1 }) } }),
    );
    await expect(liar.hostFunctions.runOnce!({ op: 'collect', name: 'n' }, call)).rejects.toThrow(
      /malformed/,
    );
    await expect(
      follower.hostFunctions.runOnce!({ op: 'publish', name: 'n', response: 'x', logs: [] }, call),
    ).rejects.toThrow(/only the leader/);
    const noId = actionHost(envWith({ requestId: null }));
    await expect(noId.hostFunctions.runOnce!({ op: 'role' }, call)).rejects.toThrow(/X-Request-Id/);
  });

  it('a publish fewer than threshold − 1 peers accepted fails; a peer that is down does not', async () => {
    const leader = runOnceLeader('lit_req', 3);
    const others = nodes.filter((n) => n.index !== leader).map((n) => n.nodeAddress);
    const tooBig = 'peer message: 300000 characters, over 262144';
    const refusedByAll = actionHost(
      envWith({
        selfIndex: leader,
        peers: {
          broadcast: async () => ({
            delivered: [],
            failed: others.map((nodeAddress) => ({ nodeAddress, reason: tooBig })),
          }),
        },
      }),
    );
    const publish = { op: 'publish', name: 'n', response: 'x', logs: [] };
    await expect(refusedByAll.hostFunctions.runOnce!(publish, call)).rejects.toThrow(
      `runOnce: 0 of 2 other nodes accepted the result, 1 needed: ${tooBig}`,
    );
    const oneDown = actionHost(
      envWith({
        selfIndex: leader,
        peers: {
          broadcast: async () => ({
            delivered: [others[0]!],
            failed: [{ nodeAddress: others[1]!, reason: 'unreachable (fetch failed)' }],
          }),
        },
      }),
    );
    await expect(oneDown.hostFunctions.runOnce!(publish, call)).resolves.toBeUndefined();
  });

  it('abandon tells the others the result is not coming; a follower fails at once', async () => {
    const leader = runOnceLeader('lit_req', 3);
    const broadcast = vi.fn(async () => undefined);
    const host = actionHost(envWith({ selfIndex: leader, peers: { broadcast } }));
    const reason = 'runOnce: 0 of 2 other nodes accepted the result, 1 needed: too big';
    await expect(
      host.hostFunctions.runOnce!({ op: 'abandon', name: 'n', reason }, call),
    ).resolves.toBeUndefined();
    expect(broadcast).toHaveBeenCalledWith('ab'.repeat(32), 'runOnce:n', {
      failed: '0 of 2 other nodes accepted the result, 1 needed: too big',
    });
    const follower = actionHost(
      envWith({
        selfIndex: (leader + 1) % 3,
        peers: { receive: async () => ({ failed: 'too big' }) },
      }),
    );
    await expect(
      follower.hostFunctions.runOnce!({ op: 'collect', name: 'n' }, call),
    ).rejects.toThrow('runOnce: the leader could not share its result: too big');
    await expect(
      follower.hostFunctions.runOnce!({ op: 'abandon', name: 'n', reason }, call),
    ).rejects.toThrow(/only the leader/);
  });

  it('getRpcUrl names the chain stand-in for Lit’s chain names only', async () => {
    const host = actionHost(envWith());
    await expect(host.hostFunctions.getRpcUrl!({ chain: 'ethereum' }, call)).resolves.toBe(
      'http://127.0.0.1:8545',
    );
    await expect(host.hostFunctions.getRpcUrl!({ chain: 'nope' }, call)).rejects.toThrow(
      /unknown chain/,
    );
  });
});

// Brokered calls when sessions end and nodes fail: revoking the session mid-way makes the next
// call ask for a new one, and the sigs the page got from that session before are refused by the
// nodes; with one node of three stopped, lit_pkpSign and lit_decrypt still succeed, and the
// activity list names the nodes that answered.
import { eip191Hash, recoverAddress } from '../src/protocol/ethereum';
import { expect, litRequest, test } from './fixtures';
import {
  expectNodesAccept,
  expectNodesReject,
  pkpSigningAny,
  startEachTestClean,
} from './sessions';
import {
  denySessionRequest,
  encryptFor,
  expectActivity,
  pkpSignParams,
  startWithAllowedSession,
} from './brokered';

startEachTestClean();

test('revoked mid-way: the next call asks for a session, and the earlier sigs are refused', async ({
  page,
  demo,
  extension,
  devnet,
}) => {
  const { pkp, sigs } = await startWithAllowedSession(page, extension, devnet, demo.url, [
    pkpSigningAny,
  ]);
  await expectNodesAccept(devnet, sigs);

  // Signatures allowed for the session: no window.
  const first = pkpSignParams(pkp.publicKey);
  const signed = await litRequest(page, { method: 'lit_pkpSign', params: first.params });
  expect(signed.error).toBeUndefined();
  const signature = (signed.result as { signature: string }).signature;
  expect(recoverAddress(eip191Hash(first.message), signature)).toBe(pkp.ethAddress);

  const [session] = (await litRequest(page, { method: 'lit_getSessions' })).result as {
    id: string;
  }[];
  const revoked = await litRequest(page, {
    method: 'lit_revokeSession',
    params: { sessionId: session!.id },
  });
  expect(revoked.error).toBeUndefined();

  const next = litRequest(page, {
    method: 'lit_pkpSign',
    params: pkpSignParams(pkp.publicKey).params,
  });
  await denySessionRequest(extension, 'lit_pkpSign');
  expect((await next).error).toMatchObject({ code: 4001 });
  await expectNodesReject(devnet, sigs, 'NodeSessionKeyRevoked');
});

test('one node of three stopped: lit_pkpSign and lit_decrypt still succeed', async ({
  page,
  demo,
  extension,
  devnet,
}) => {
  const { wallet, pkp } = await startWithAllowedSession(page, extension, devnet, demo.url);
  const sealed = await encryptFor(page, wallet.address, 'still readable');

  await devnet.killNode(0);
  try {
    const { message, params } = pkpSignParams(pkp.publicKey);
    const signed = await litRequest(page, { method: 'lit_pkpSign', params });
    expect(signed.error).toBeUndefined();
    const signature = (signed.result as { signature: string }).signature;
    expect(recoverAddress(eip191Hash(message), signature)).toBe(pkp.ethAddress);

    const opened = await litRequest(page, { method: 'lit_decrypt', params: sealed });
    expect(opened.error).toBeUndefined();
    expect(opened.result).toEqual({ data: 'still readable' });
  } finally {
    await devnet.restartNode(0);
  }
  // Two nodes could answer each.
  await expectActivity(extension, [
    /^lit_pkpSign · ok · 2 nodes · /,
    /^lit_decrypt · ok · 2 nodes · /,
  ]);
});

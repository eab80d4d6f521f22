import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it } from 'vitest';
import { addressFromPublicKey } from '../../protocol/ethereum';
import {
  PEER_MESSAGE_TTL_MS,
  signPeerMessage,
  verifyPeerMessage,
  type PeerMessage,
} from './peers-envelope';
import { PeerMailbox } from './peers-mailbox';

const key = () => {
  const privateKey = secp256k1.utils.randomSecretKey();
  return { privateKey, address: addressFromPublicKey(secp256k1.getPublicKey(privateKey, false)) };
};
const a = key();
const b = key();
const outsider = key();
const NOW = 1_700_000_000_000;
const validators = [a.address, b.address];

const message = (over: Partial<PeerMessage> = {}): PeerMessage => ({
  v: 1,
  from: a.address,
  to: b.address,
  requestKey: 'ab'.repeat(32),
  topic: 'runOnce:x',
  payload: { response: 'r', logs: [] },
  issuedAt: NOW,
  expiresAt: NOW + PEER_MESSAGE_TTL_MS,
  ...over,
});
const atB = { self: b.address, validators, now: NOW };

describe('peer messages', () => {
  it('a validator’s signed message to this node verifies', async () => {
    const signed = await signPeerMessage(message(), a.privateKey);
    expect(verifyPeerMessage(signed, atB)).toEqual({ ok: true, message: message() });
  });

  it.each<[string, () => Promise<{ message: string; signature: string }>, RegExp]>([
    [
      'signed by a key outside the validator list',
      () => signPeerMessage(message({ from: outsider.address }), outsider.privateKey),
      /not a validator/,
    ],
    [
      'claiming another sender',
      () => signPeerMessage(message(), outsider.privateKey),
      /not by the sender/,
    ],
    [
      'addressed to another node',
      () => signPeerMessage(message({ to: a.address }), a.privateKey),
      /not to this node|message itself/,
    ],
    [
      'expired',
      () =>
        signPeerMessage(message({ issuedAt: NOW - 70_000, expiresAt: NOW - 10_000 }), a.privateKey),
      /expired/,
    ],
    [
      'valid for too long',
      () => signPeerMessage(message({ expiresAt: NOW + 600_000 }), a.privateKey),
      /more than/,
    ],
    [
      'issued in the future',
      () =>
        signPeerMessage(message({ issuedAt: NOW + 60_000, expiresAt: NOW + 90_000 }), a.privateKey),
      /future/,
    ],
  ])('is refused when %s', async (_, make, reason) => {
    const checked = verifyPeerMessage(await make(), atB);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.reason).toMatch(reason);
  });

  it('is refused when the text was changed after signing', async () => {
    const signed = await signPeerMessage(message(), a.privateKey);
    const tampered = { ...signed, message: signed.message.replace('"r"', '"R"') };
    expect(verifyPeerMessage(tampered, atB)).toMatchObject({
      ok: false,
      reason: /not by the sender/,
    });
    expect(verifyPeerMessage({ ...signed, message: '{' }, atB)).toMatchObject({ ok: false });
    expect(verifyPeerMessage({ ...signed, signature: '0x' + '00'.repeat(65) }, atB)).toMatchObject({
      ok: false,
      reason: /signature/,
    });
  });
});

describe('PeerMailbox', () => {
  it('hands a message to a waiter, keeps the first of two different ones, and drops expired ones', async () => {
    let now = NOW;
    const box = new PeerMailbox(() => now);
    const controller = new AbortController();
    const waiting = box.receive(
      { from: a.address, requestKey: 'ab'.repeat(32), topic: 'runOnce:x' },
      controller.signal,
    );
    expect(box.deliver(message())).toBe('stored');
    await expect(waiting).resolves.toEqual({ response: 'r', logs: [] });
    expect(box.deliver(message())).toBe('duplicate');
    expect(box.deliver(message({ payload: 'other' }))).toBe('conflict');
    now += PEER_MESSAGE_TTL_MS + 1;
    box.deliver(message({ topic: 'other', issuedAt: now, expiresAt: now + 1000 }));
    expect(box.size).toBe(1);
  });

  it('collect waits for enough distinct senders; an abort ends the wait', async () => {
    const box = new PeerMailbox(() => NOW);
    const controller = new AbortController();
    const collecting = box.collect(
      { requestKey: 'ab'.repeat(32), topic: 't', count: 2 },
      controller.signal,
    );
    box.deliver(message({ topic: 't', payload: 1 }));
    box.deliver(message({ topic: 't', from: b.address, to: a.address, payload: 2 }));
    await expect(collecting).resolves.toHaveLength(2);
    const aborted = new AbortController();
    const never = box.collect(
      { requestKey: 'cd'.repeat(32), topic: 't', count: 1 },
      aborted.signal,
    );
    aborted.abort(new Error('run ended'));
    await expect(never).rejects.toThrow('run ended');
  });
});

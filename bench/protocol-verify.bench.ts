// Node-side session-sig verification with a repeated capability (validated once, cached by
// sha256 of its sig) against the raw node:crypto Ed25519 verify rate, measured in one run.
import { createPublicKey, verify } from 'node:crypto';
import { measure, type Figure } from './lib';
import { createWalletAuthSig } from '../src/protocol/auth-sig';
import { fromHex, utf8 } from '../src/protocol/bytes';
import { CapabilityCache } from '../src/protocol/capability-cache';
import { verifyEd25519 } from '../src/protocol/ed25519';
import { privateKeySigner } from '../src/protocol/ethereum';
import { pkpTokenIdFromPublicKey } from '../src/protocol/resources';
import { sessionKeyFromSeed } from '../src/protocol/session-key';
import { createSessionCapabilityMessage, createSessionSigs } from '../src/protocol/session-sigs';
import { verifySessionSig } from '../src/protocol/verify-session-sig';
import { verifyEd25519Native } from '../src/devnet/fast-ed25519';

export default async (): Promise<Figure[]> => {
  const now = Date.now();
  const wallet = privateKeySigner(new Uint8Array(32).fill(0x21));
  const sessionKey = sessionKeyFromSeed(new Uint8Array(32).fill(0x22));
  const tokenId = pkpTokenIdFromPublicKey(
    '04' +
      '79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8',
  );
  const request = {
    resource: { resource: tokenId, resourcePrefix: 'lit-pkp' },
    ability: 'pkp-signing',
  };
  const message = createSessionCapabilityMessage({
    sessionPublicKey: sessionKey.publicKey,
    walletAddress: await wallet.getAddress(),
    nonce: '0x' + '77'.repeat(32),
    resources: [{ resource: { resource: '*', resourcePrefix: 'lit-pkp' }, ability: 'pkp-signing' }],
    now: () => now,
  });
  const capability = await createWalletAuthSig({ signer: wallet, message });
  const sigs = await createSessionSigs({
    sessionKey,
    capabilities: [capability],
    resourceAbilityRequests: [request],
    nodeUrls: ['http://127.0.0.1:7470'],
    now: () => now,
  });
  const sessionSig = sigs['http://127.0.0.1:7470']!;
  const options = { nodeAddress: '127.0.0.1:7470', request, now: () => now };

  const native = { ...options, verifyEd25519: verifyEd25519Native, cache: new CapabilityCache() };
  const pureJs = { ...options, verifyEd25519, cache: new CapabilityCache() };
  for (const o of [native, pureJs]) {
    const r = verifySessionSig(sessionSig, o);
    if (!r.ok) throw new Error(`bench fixture does not verify: ${r.error.errorCode}`);
  }

  // The baseline: node:crypto alone on the same bytes, key object already built.
  const key = createPublicKey({
    key: Buffer.concat([
      Buffer.from('302a300506032b6570032100', 'hex'),
      fromHex(sessionKey.publicKey),
    ]),
    format: 'der',
    type: 'spki',
  });
  const signedBytes = utf8(sessionSig.signedMessage);
  const signature = fromHex(sessionSig.sig);
  const publicKey = fromHex(sessionSig.address);
  const rawVerify = () => verify(null, signedBytes, key, signature);

  // Baseline and subject alternate in short slices, so a busy machine slows both alike.
  const paired = async (subject: () => unknown, rounds = 8, ms = 150) => {
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < rounds; i++) {
      a.push(await measure(rawVerify, ms));
      b.push(await measure(subject, ms));
    }
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[xs.length >> 1]!;
    return { raw: median(a), subject: median(b) };
  };
  const withNative = await paired(() => verifySessionSig(sessionSig, native).ok);
  const withPureJs = await paired(() => verifySessionSig(sessionSig, pureJs).ok, 3);
  const pureJsAlone = await paired(() => verifyEd25519(signature, signedBytes, publicKey), 3);

  const baseline = (opsPerSec: number) => ({ name: 'raw node:crypto Ed25519 verify', opsPerSec });
  return [
    {
      name: `session-sig verify, cached capability, node:crypto Ed25519 (${signedBytes.length} B message)`,
      opsPerSec: withNative.subject,
      baseline: baseline(withNative.raw),
      minRatio: 0.6,
    },
    {
      name: 'session-sig verify, cached capability, pure-JS Ed25519 (information)',
      opsPerSec: withPureJs.subject,
      baseline: baseline(withPureJs.raw),
    },
    {
      name: 'pure-JS verifyEd25519 alone (information)',
      opsPerSec: pureJsAlone.subject,
      baseline: baseline(pureJsAlone.raw),
    },
  ];
};

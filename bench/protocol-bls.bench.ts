// BLS12-381 on the Node side: share signing with native blst vs pure-JS noble (target ≥ 10×),
// plus combine, verify and encryption figures beside Lit's own wasm, all in one run.
import * as litCrypto from '@lit-protocol/crypto';
import { measure, type Figure } from './lib';
import { blsSign, sessionDigest, verifyBlsSignature } from '../src/protocol/bls';
import { nobleBlsBackend, setBlsBackend } from '../src/protocol/bls-backend';
import { encodeScalar } from '../src/protocol/bls-curve';
import { combineSignatureShares, signShare } from '../src/protocol/bls-shares';
import { dealShares } from '../src/protocol/shamir';
import { decryptWithSignature, encrypt } from '../src/protocol/encryption';
import { toHex, utf8 } from '../src/protocol/bytes';
import { blstBackend } from '../src/devnet/fast-bls';

export default async (): Promise<Figure[]> => {
  const network = dealShares(encodeScalar(0xbe4c4n), 3, 5);
  const digest = sessionDigest('a SIWE message the nodes sign for a PKP session');
  const share = network.shares[0]!;

  const withBackend = async (backend: typeof nobleBlsBackend, fn: () => unknown) => {
    const previous = setBlsBackend(backend);
    try {
      return await measure(fn);
    } finally {
      setBlsBackend(previous);
    }
  };

  const signBlst = await withBackend(blstBackend, () => signShare(share, digest));
  const signNoble = await withBackend(nobleBlsBackend, () => signShare(share, digest));

  const shares = network.shares.slice(0, 3).map((s) => signShare(s, digest));
  const litShares = shares.map((s) => ({ ProofOfPossession: s }));
  const combineOurs = await measure(() => combineSignatureShares(shares, 3));
  const combineLit = await measure(() => litCrypto.combineSignatureShares(litShares));

  const signature = combineSignatureShares(shares, 3);
  const pkHex = toHex(network.publicKey);
  const verifyBlst = await withBackend(blstBackend, () =>
    verifyBlsSignature(network.publicKey, digest, signature),
  );
  const verifyNoble = await withBackend(nobleBlsBackend, () =>
    verifyBlsSignature(network.publicKey, digest, signature),
  );
  const verifyLit = await measure(() => litCrypto.verifySignature(pkHex, digest, signature));

  const identity = utf8('lit-accesscontrolcondition://' + 'ab'.repeat(32) + '/' + 'cd'.repeat(32));
  const message = utf8('a short secret, as dApps encrypt');
  const encryptOurs = await measure(() => encrypt(network.publicKey, message, identity));
  const encryptLit = await measure(() => litCrypto.encrypt(pkHex, message, identity));
  const ciphertext = encrypt(network.publicKey, message, identity);
  const key = blsSign(encodeScalar(0xbe4c4n), identity);
  const decryptOurs = await measure(() => decryptWithSignature(ciphertext, key));

  return [
    {
      name: 'BLS share signing, native blst (Node fast path)',
      opsPerSec: signBlst,
      baseline: { name: 'pure-JS noble', opsPerSec: signNoble },
      minSpeedup: 10,
    },
    {
      name: 'BLS verify, native blst',
      opsPerSec: verifyBlst,
      baseline: { name: 'pure-JS noble', opsPerSec: verifyNoble },
    },
    {
      name: 'BLS verify, pure-JS noble (browser path)',
      opsPerSec: verifyNoble,
      baseline: { name: "Lit's wasm verifySignature", opsPerSec: verifyLit },
    },
    {
      name: 'combine 3 signature shares, pure-JS noble',
      opsPerSec: combineOurs,
      baseline: { name: "Lit's wasm combineSignatureShares", opsPerSec: combineLit },
    },
    {
      name: 'encrypt 32 bytes, pure-JS noble',
      opsPerSec: encryptOurs,
      baseline: { name: "Lit's wasm encrypt", opsPerSec: encryptLit },
    },
    {
      name: 'decrypt with a combined signature, pure-JS noble',
      opsPerSec: decryptOurs,
      baseline: { name: 'our encrypt', opsPerSec: encryptOurs },
    },
  ];
};

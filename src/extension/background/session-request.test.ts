import { describe, expect, it } from 'vitest';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { toHex } from '../../protocol/bytes';
import { addressFromPublicKey } from '../../protocol/ethereum';
import { ipfsCidV0 } from '../../protocol/ipfs-cid';
import { pkpTokenIdFromPublicKey } from '../../protocol/resources';
import {
  litActionSessionRequest,
  pkpSessionRequest,
  sessionPkp,
  subjectOf,
} from './session-request';

const secret = new Uint8Array(32).fill(9);
const uncompressed = `0x${toHex(secp256k1.getPublicKey(secret, false))}`;
const compressed = toHex(secp256k1.getPublicKey(secret, true));
const requests = [
  {
    resource: { resource: '*', resourcePrefix: 'lit-pkp' as const },
    ability: 'pkp-signing' as const,
  },
];

describe('sessionPkp', () => {
  it('normalizes a compressed or uncompressed key and computes its token id and address', () => {
    const expected = {
      publicKey: uncompressed,
      tokenId: pkpTokenIdFromPublicKey(uncompressed),
      address: addressFromPublicKey(uncompressed),
    };
    expect(sessionPkp(uncompressed.toUpperCase().replace('0X', '0x'))).toEqual(expected);
    expect(sessionPkp(compressed)).toEqual(expected);
  });

  it('refuses a key that is not on the curve with -32602 naming the field, every time', () => {
    for (const field of ['pkpPublicKey', 'pkpPublicKey', 'pubKey']) {
      expect(() => sessionPkp('0x04' + '00'.repeat(64), field)).toThrow(
        expect.objectContaining({
          code: -32602,
          message: expect.stringContaining(`params.${field}`),
        }),
      );
    }
  });

  it('answers a key it has seen again with a copy its caller may change', () => {
    const secondKey = `0x${toHex(secp256k1.getPublicKey(new Uint8Array(32).fill(10), false))}`;
    const first = sessionPkp(secondKey);
    first.address = 'changed by a caller';
    const again = sessionPkp(secondKey);
    expect(again).not.toBe(first);
    expect(again).toEqual({
      publicKey: secondKey,
      tokenId: pkpTokenIdFromPublicKey(secondKey),
      address: addressFromPublicKey(secondKey),
    });
  });
});

describe('litActionSessionRequest', () => {
  const code = 'Lit.Actions.setResponse({ response: "true" }) // é';

  it('computes the CID and size from the code itself, and hashes jsParams in canonical form', () => {
    const a = litActionSessionRequest({
      pkpPublicKey: uncompressed,
      litActionCode: code,
      jsParams: { a: 1, b: { c: [1, 2] } },
      resourceAbilityRequests: requests,
    });
    expect(a.litAction).toMatchObject({
      code,
      ipfsId: null,
      cid: ipfsCidV0(code),
      size: new TextEncoder().encode(code).length,
    });
    const sameParamsOtherOrder = litActionSessionRequest({
      pkpPublicKey: uncompressed,
      litActionCode: code,
      jsParams: { b: { c: [1, 2] }, a: 1 },
      resourceAbilityRequests: requests,
    });
    expect(sameParamsOtherOrder.litAction!.jsParamsHash).toBe(a.litAction!.jsParamsHash);
    const otherParams = litActionSessionRequest({
      pkpPublicKey: uncompressed,
      litActionCode: code,
      jsParams: { a: 2, b: { c: [1, 2] } },
      resourceAbilityRequests: requests,
    });
    expect(otherParams.litAction!.jsParamsHash).not.toBe(a.litAction!.jsParamsHash);
    expect(subjectOf(a)).toEqual({
      kind: 'lit-action',
      pkpPublicKey: uncompressed,
      cid: ipfsCidV0(code),
      jsParamsHash: a.litAction!.jsParamsHash,
    });
  });

  it('takes a CID as named when no code is sent (size unknown, no jsParams means {})', () => {
    const cid = ipfsCidV0(code);
    const r = litActionSessionRequest({
      pkpPublicKey: compressed,
      litActionIpfsId: cid,
      resourceAbilityRequests: requests,
    });
    expect(r.litAction).toMatchObject({ code: null, ipfsId: cid, cid, size: null, jsParams: {} });
    expect(r.pkp!.publicKey).toBe(uncompressed);
  });

  it('gives PKP requests a subject of their PKP', () => {
    const r = pkpSessionRequest({ pkpPublicKey: compressed, resourceAbilityRequests: requests });
    expect(subjectOf(r)).toEqual({ kind: 'pkp', pkpPublicKey: uncompressed });
  });
});

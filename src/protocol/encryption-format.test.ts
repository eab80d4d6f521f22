import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base64 } from '@scure/base';
import { blsPublicKey } from './bls';
import { encodeScalar } from './bls-curve';
import { infinity, nonSubgroupG1 } from './bls-hostile.fixtures';
import { concatBytes } from './bytes';
import {
  decodeCiphertext,
  decodeLeb128,
  encodeCiphertext,
  encodeLeb128,
  frameMessage,
  unframeMessage,
} from './encryption-format';

describe('LEB128', () => {
  it('round-trips and matches the known encodings', () => {
    expect([...encodeLeb128(0)]).toEqual([0]);
    expect([...encodeLeb128(32)]).toEqual([0x20]);
    expect([...encodeLeb128(127)]).toEqual([0x7f]);
    expect([...encodeLeb128(128)]).toEqual([0x80, 0x01]);
    expect([...encodeLeb128(1000)]).toEqual([0xe8, 0x07]);
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 32 }), (n) => {
        const bytes = encodeLeb128(n);
        expect(decodeLeb128(bytes, 0)).toEqual({ value: n, length: bytes.length });
      }),
    );
  });

  it('refuses truncated, overlong and oversized encodings', () => {
    expect(decodeLeb128(Uint8Array.of(0x80), 0)).toBeUndefined();
    expect(decodeLeb128(Uint8Array.of(0x85, 0x00), 0)).toBeUndefined();
    expect(decodeLeb128(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0x01), 0)).toBeUndefined();
    expect(() => encodeLeb128(-1)).toThrow(/natural number/);
  });
});

describe('message framing inside W', () => {
  it('is LEB128(len) ‖ message padded with zeros to 32 bytes', () => {
    expect([...frameMessage(Uint8Array.of(1, 2))]).toEqual([2, 1, 2, ...new Array(29).fill(0)]);
    expect(frameMessage(new Uint8Array(31))).toHaveLength(32);
    expect(frameMessage(new Uint8Array(32))).toHaveLength(33);
    expect([...frameMessage(new Uint8Array(200)).subarray(0, 2)]).toEqual([0xc8, 0x01]);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (m) => {
        expect(unframeMessage(frameMessage(m))).toEqual(m);
      }),
    );
  });

  it('refuses non-zero padding, wrong sizes and lengths past the end', () => {
    const framed = frameMessage(Uint8Array.of(9));
    framed[31] = 1;
    expect(unframeMessage(framed)).toBeUndefined();
    expect(
      unframeMessage(concatBytes(frameMessage(Uint8Array.of(9)), Uint8Array.of(0))),
    ).toBeUndefined();
    expect(unframeMessage(Uint8Array.of(40, ...new Array(31).fill(0)))).toBeUndefined();
    expect(
      unframeMessage(concatBytes(frameMessage(new Uint8Array(40)), Uint8Array.of(0))),
    ).toBeUndefined();
  });
});

describe('decodeCiphertext', () => {
  const u = blsPublicKey(encodeScalar(5n));
  const v = new Uint8Array(32).fill(7);
  const w = new Uint8Array(40).fill(9);
  const good = encodeCiphertext(u, v, w);
  const raw = base64.decode(good);

  it('reads U ‖ V ‖ LEB128(len W) ‖ W ‖ scheme 2', () => {
    expect(raw).toHaveLength(48 + 32 + 1 + 40 + 1);
    expect(raw[80]).toBe(40);
    expect(raw.at(-1)).toBe(2);
    const parsed = decodeCiphertext(good);
    expect(parsed.u.toBytes()).toEqual(u);
    expect(parsed.v).toEqual(v);
    expect(parsed.w).toEqual(w);
  });

  it('names what is wrong with a malformed ciphertext', () => {
    const with_ = (bytes: Uint8Array) => () => decodeCiphertext(base64.encode(bytes));
    expect(() => decodeCiphertext(42 as unknown as string)).toThrow(/expected a base64 string/);
    expect(() => decodeCiphertext('not base64!')).toThrow(/not valid base64/);
    expect(() => decodeCiphertext(good.replace(/=+$/, ''))).toThrow(/not valid base64/);
    expect(with_(raw.slice(0, 70))).toThrow(/truncated \(70 bytes, at least 82\)/);
    expect(with_(raw.slice(0, -1))).toThrow(/121 bytes but its W length says 122/);
    expect(with_(concatBytes(raw, Uint8Array.of(2)))).toThrow(
      /123 bytes but its W length says 122/,
    );
    const scheme = raw.slice();
    scheme[scheme.length - 1] = 0;
    expect(with_(scheme)).toThrow(/scheme byte 0 is not 2/);
    expect(() => decodeCiphertext(encodeCiphertext(u, v, new Uint8Array(31)))).toThrow(
      /W is 31 bytes, Lit's is at least 32/,
    );
    const overlong = concatBytes(raw.slice(0, 80), Uint8Array.of(0xa8, 0x00), raw.slice(81));
    expect(with_(overlong)).toThrow(/not a canonical LEB128/);
    expect(with_(concatBytes(infinity(48), raw.slice(48)))).toThrow(
      /ciphertext U: the point at infinity/,
    );
    expect(with_(concatBytes(nonSubgroupG1(), raw.slice(48)))).toThrow(
      /ciphertext U: not a valid BLS12-381 G1 point/,
    );
  });
});

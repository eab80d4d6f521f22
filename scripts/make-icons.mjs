// Draws public/icons/icon-<size>.png (a flame on a dark rounded square) with no image library:
// run once after changing the design (`node scripts/make-icons.mjs`); the PNGs are committed.
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
};

function pixel(x, y) {
  // Unit coordinates in [0, 1]; a rounded square, then a teardrop flame.
  const r = 0.2;
  const dx = Math.max(r - x, 0, x - (1 - r));
  const dy = Math.max(r - y, 0, y - (1 - r));
  if (dx * dx + dy * dy > r * r) return [0, 0, 0, 0];
  const cx = 0.5,
    cy = 0.6,
    rad = 0.24;
  const inBody = (x - cx) ** 2 + (y - cy) ** 2 < rad * rad;
  const tipH = cy - 0.48; // flame tip height above the body's centre
  const t = (cy - y) / tipH;
  const inTip = y < cy && t <= 1 && Math.abs(x - cx) < rad * (1 - t) ** 0.8;
  if (inBody || inTip)
    return y > 0.62 && Math.abs(x - cx) < 0.1 ? [255, 200, 80, 255] : [255, 122, 40, 255];
  return [29, 27, 58, 255];
}

function png(size) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      // 4× supersampling keeps small sizes smooth.
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < 2; sy++)
        for (let sx = 0; sx < 2; sx++) {
          const p = pixel((x + (sx + 0.5) / 2) / size, (y + (sy + 0.5) / 2) / size);
          for (let i = 0; i < 4; i++) acc[i] += p[i] / 4;
        }
      acc.forEach((v, i) => (raw[y * (size * 4 + 1) + 1 + x * 4 + i] = Math.round(v)));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync('public/icons', { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(`public/icons/icon-${size}.png`, png(size));

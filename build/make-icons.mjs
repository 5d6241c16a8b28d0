// Draws the app icon (a calendar sheet with a grid of half-day slots) and writes the PNG sizes
// electron-builder wants (build/icons/<n>x<n>.png for Linux, build/icon.png) and build/icon.ico
// (PNG-compressed entries) for Windows; and the review file's icon (build/review.ico, review.icns).
// Run: node build/make-icons.mjs. No image tools needed.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Coverage of a rounded rectangle at a point (0..1), supersampled for smooth edges. */
function inRoundRect(x, y, r) {
  const cx = Math.min(Math.max(x, r.x + r.radius), r.x + r.w - r.radius);
  const cy = Math.min(Math.max(y, r.y + r.radius), r.y + r.h - r.radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r.radius ** 2 && x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;
}

// Shapes in a 0..1 coordinate space, painted in order.
const BLUE = [25, 91, 170];
const WHITE = [255, 255, 255];
const TEAL = [0, 150, 136];
const AMBER = [255, 179, 0];
const shapes = [
  { x: 0.04, y: 0.04, w: 0.92, h: 0.92, radius: 0.18, color: BLUE },
  { x: 0.16, y: 0.24, w: 0.68, h: 0.6, radius: 0.06, color: WHITE },
  { x: 0.16, y: 0.24, w: 0.68, h: 0.12, radius: 0.06, color: [210, 225, 245] },
  { x: 0.3, y: 0.15, w: 0.06, h: 0.15, radius: 0.03, color: WHITE },
  { x: 0.64, y: 0.15, w: 0.06, h: 0.15, radius: 0.03, color: WHITE },
];
// A 4 × 3 grid of slots; two are filled like scheduled half-days.
for (let row = 0; row < 3; row++) {
  for (let col = 0; col < 4; col++) {
    const filled = (row === 0 && col === 1) || (row === 2 && col === 2);
    const accent = row === 1 && col === 3;
    shapes.push({
      x: 0.21 + col * 0.15,
      y: 0.42 + row * 0.13,
      w: 0.11,
      h: 0.09,
      radius: 0.015,
      color: filled ? TEAL : accent ? AMBER : [205, 213, 224],
    });
  }
}

// The review file's icon (.rsreview, electron-builder.yml › fileAssociations): a sheet of paper
// with the app's blue band and slot grid, one changed slot ringed in amber as a comment marks it.
const GREY = [120, 130, 145];
const reviewShapes = [
  { x: 0.14, y: 0.04, w: 0.72, h: 0.92, radius: 0.06, color: GREY },
  { x: 0.16, y: 0.06, w: 0.68, h: 0.88, radius: 0.05, color: WHITE },
  { x: 0.16, y: 0.06, w: 0.68, h: 0.16, radius: 0.05, color: BLUE },
  { x: 0.16, y: 0.16, w: 0.68, h: 0.06, radius: 0, color: BLUE },
];
for (let row = 0; row < 4; row++) {
  for (let col = 0; col < 3; col++) {
    const x = 0.24 + col * 0.18;
    const y = 0.32 + row * 0.15;
    const changed = row === 1 && col === 1;
    if (changed) reviewShapes.push({ x: x - 0.03, y: y - 0.03, w: 0.2, h: 0.16, radius: 0.03, color: AMBER });
    reviewShapes.push({ x, y, w: 0.14, h: 0.1, radius: 0.015, color: changed ? TEAL : [205, 213, 224] });
  }
}

function draw(size, layers = shapes) {
  const out = Buffer.alloc(size * size * 4);
  const ss = 4; // supersampling per axis
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const x = (px + (sx + 0.5) / ss) / size;
          const y = (py + (sy + 0.5) / ss) / size;
          let color = null;
          for (const s of layers) if (inRoundRect(x, y, s)) color = s.color;
          if (color) {
            r += color[0];
            g += color[1];
            b += color[2];
            a += 1;
          }
        }
      }
      const i = (py * size + px) * 4;
      out[i] = a ? Math.round(r / a) : 0;
      out[i + 1] = a ? Math.round(g / a) : 0;
      out[i + 2] = a ? Math.round(b / a) : 0;
      out[i + 3] = Math.round((a / (ss * ss)) * 255);
    }
  }
  return png(size, out);
}

function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size;
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4); // planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

const sizes = [16, 24, 32, 48, 64, 128, 256, 512];
const images = new Map(sizes.map((s) => [s, draw(s)]));
mkdirSync(path.join(here, 'icons'), { recursive: true });
for (const [size, data] of images) writeFileSync(path.join(here, 'icons', `${size}x${size}.png`), data);
writeFileSync(path.join(here, 'icon.png'), images.get(512));
writeFileSync(
  path.join(here, 'icon.ico'),
  ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, data: images.get(size) }))),
);

/** Apple's icon container: PNG entries by type code (ic07 128 px, ic08 256 px, ic09 512 px). */
function icns(images) {
  const entries = images.map(({ type, data }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(8 + data.length, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + entries.reduce((n, e) => n + e.length, 0), 4);
  return Buffer.concat([head, ...entries]);
}

const review = new Map([16, 24, 32, 48, 64, 128, 256, 512].map((s) => [s, draw(s, reviewShapes)]));
writeFileSync(
  path.join(here, 'review.ico'),
  ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, data: review.get(size) }))),
);
writeFileSync(
  path.join(here, 'review.icns'),
  icns([
    { type: 'ic07', data: review.get(128) },
    { type: 'ic08', data: review.get(256) },
    { type: 'ic09', data: review.get(512) },
  ]),
);
console.log(`icons: ${sizes.join(', ')} px, icon.ico with 7 sizes; review.ico and review.icns for review files`);

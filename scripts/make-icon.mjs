// Draws media/icon.png (the 128x128 marketplace icon) from the same rocket geometry as
// media/liftoff.svg, with no dependencies: shapes are sampled 4x4 per pixel and written as an RGBA PNG.
// Run: node scripts/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;
const SCALE = 4.6; // icon units (24x24, as in the SVG) -> pixels
const OFFSET = SIZE / 2 - 12 * SCALE;

/** Quadratic Bezier from p0 through control c to p1, as points (excluding p0). */
function quad(p0, c, p1, steps = 24) {
  const pts = [];
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    pts.push([u * u * p0[0] + 2 * u * t * c[0] + t * t * p1[0], u * u * p0[1] + 2 * u * t * c[1] + t * t * p1[1]]);
  }
  return pts;
}

// The same outline as the SVG's body path: nose at (12, 1.5), flat bottom at y = 16.5.
const body = [
  [12, 1.5],
  ...quad([12, 1.5], [7.5, 4.5], [7.5, 11]),
  [7.5, 16.5],
  [16.5, 16.5],
  [16.5, 11],
  ...quad([16.5, 11], [16.5, 4.5], [12, 1.5]),
];
const finLeft = [
  [7, 11.5],
  [3.5, 15.5],
  [3.5, 19.5],
  [7, 17.7],
];
const finRight = [
  [17, 11.5],
  [20.5, 15.5],
  [20.5, 19.5],
  [17, 17.7],
];
const flame = [
  [9.8, 17.5],
  [14.2, 17.5],
  [12, 22.5],
];

const WHITE = [255, 255, 255];
const FIN = [255, 94, 98];
const FLAME = [255, 170, 51];
const WINDOW = [46, 76, 160];

function inPolygon(poly, x, y) {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Background: a rounded square with a vertical night-sky gradient. */
function background(px, py) {
  const r = 26;
  const cx = Math.min(Math.max(px, r), SIZE - r);
  const cy = Math.min(Math.max(py, r), SIZE - r);
  if ((px - cx) ** 2 + (py - cy) ** 2 > r * r) return undefined;
  const t = py / SIZE;
  return [Math.round(24 + 40 * t), Math.round(32 + 20 * t), Math.round(84 + 60 * t)];
}

/** Colour of one sample point in pixel space, painter's order; undefined is transparent. */
function sample(px, py) {
  const x = (px - OFFSET) / SCALE;
  const y = (py - OFFSET) / SCALE;
  if ((x - 12) ** 2 + (y - 9.2) ** 2 <= 1.8 ** 2) return WINDOW;
  if (inPolygon(body, x, y)) return WHITE;
  if (inPolygon(finLeft, x, y) || inPolygon(finRight, x, y)) return FIN;
  if (inPolygon(flame, x, y)) return FLAME;
  return background(px, py);
}

function render() {
  const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    rows[y * (SIZE * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const c = sample(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES);
          if (!c) continue;
          acc[0] += c[0];
          acc[1] += c[1];
          acc[2] += c[2];
          acc[3] += 1;
        }
      }
      const o = y * (SIZE * 4 + 1) + 1 + x * 4;
      const n = acc[3] || 1;
      rows[o] = Math.round(acc[0] / n);
      rows[o + 1] = Math.round(acc[1] / n);
      rows[o + 2] = Math.round(acc[2] / n);
      rows[o + 3] = Math.round((255 * acc[3]) / (SAMPLES * SAMPLES));
    }
  }
  return rows;
}

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

const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(render(), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = new URL('../media/icon.png', import.meta.url);
writeFileSync(out, png);
console.log(`wrote ${out.pathname} (${png.length} bytes)`);

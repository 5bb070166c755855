// Generates the placeholder app and tray icons (simple geometric marks) without any image
// library: a raw RGBA buffer, zlib-deflated into a minimal PNG; the Windows .ico and macOS .icns
// wrap PNGs (both formats accept PNG-compressed entries: ICO since Vista, ICNS types ic07-ic10).
// Run `node scripts/make-icons.mjs` from the repository root; the outputs are committed.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

function crc32(buf) {
  let c;
  const table = [];
  for (let n = 0; n < 256; n++) {
    c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  let crc = 0xffffffff;
  for (const b of buf) crc = table[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

export function png(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x / size, y / size), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// Two offset arcs (the hedged pair) on a dark rounded square.
function mark(accent) {
  return (u, v) => {
    const dx = u - 0.5;
    const dy = v - 0.5;
    const r = Math.hypot(dx, dy);
    const inSquare = Math.max(Math.abs(dx), Math.abs(dy)) < 0.46;
    if (!inSquare) return [0, 0, 0, 0];
    const ring1 = Math.abs(Math.hypot(u - 0.42, v - 0.5) - 0.2) < 0.045;
    const ring2 = Math.abs(Math.hypot(u - 0.58, v - 0.5) - 0.2) < 0.045;
    if (ring1) return [77, 159, 255, 255];
    if (ring2) return [...accent, 255];
    return r < 0.6 ? [18, 23, 32, 255] : [0, 0, 0, 0];
  };
}

/** ICO: ICONDIR (reserved 0, type 1, count) + one 16-byte ICONDIRENTRY per image + the PNGs.
 *  Width/height 0 in an entry means 256. */
export function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size;
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

/** ICNS: 'icns' + total length (big-endian), then per image a 4-char type + length + PNG. */
export function icns(images) {
  const parts = images.map(({ type, data }) => {
    const h = Buffer.alloc(8);
    h.write(type, 0, 'latin1');
    h.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([h, data]);
  });
  const total = 8 + parts.reduce((n, p) => n + p.length, 0);
  const h = Buffer.alloc(8);
  h.write('icns', 0, 'latin1');
  h.writeUInt32BE(total, 4);
  return Buffer.concat([h, ...parts]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const appMark = mark([46, 189, 133]);
  writeFileSync('build/icon.ico', ico([16, 32, 48, 256].map((size) => ({ size, data: png(size, appMark) }))));
  // ic07 128 px, ic08 256 px, ic09 512 px, ic10 1024 px (512@2x).
  writeFileSync('build/icon.icns', icns([['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024]].map(([type, size]) => ({ type, data: png(size, appMark) }))));
  writeFileSync('build/icon.png', png(512, mark([46, 189, 133])));
  writeFileSync('build/tray-active.png', png(32, mark([46, 189, 133])));
  writeFileSync('build/tray-reducing.png', png(32, mark([242, 177, 52])));
  writeFileSync('build/tray-halted.png', png(32, mark([240, 97, 109])));
  console.log('icons written');
}

// Generates the placeholder app and tray icons (simple geometric marks) as PNGs without any
// image library: a raw RGBA buffer, zlib-deflated into a minimal PNG.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

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

function png(size, pixel) {
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

writeFileSync('build/icon.png', png(512, mark([46, 189, 133])));
writeFileSync('build/tray-active.png', png(32, mark([46, 189, 133])));
writeFileSync('build/tray-reducing.png', png(32, mark([242, 177, 52])));
writeFileSync('build/tray-halted.png', png(32, mark([240, 97, 109])));
console.log('icons written');

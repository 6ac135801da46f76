import { deflateSync } from 'node:zlib';

// zlib.crc32 arrived in Node 22.2 and 20.15; the engines range includes 22.0, so the PNG chunk checksum (CRC-32,
// IEEE polynomial, reflected) is computed here from its 256-entry table.
const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * Encodes a real, valid RGB PNG (8-bit, no interlace) of `width` × `height`: a diagonal gradient between two colours
 * taken from `seed`, so different prompts give visibly different images.
 */
export function renderPng(width: number, height: number, seed: number): Buffer {
  const from = [seed & 0xff, (seed >>> 8) & 0xff, (seed >>> 16) & 0xff];
  const to = [255 - (from[0] as number), (seed >>> 24) & 0xff, 128];
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    raw[row] = 0;
    for (let x = 0; x < width; x++) {
      const t = (x + y) / (width + height);
      const offset = row + 1 + x * 3;
      raw[offset] = (from[0] as number) + ((to[0] as number) - (from[0] as number)) * t;
      raw[offset + 1] = (from[1] as number) + ((to[1] as number) - (from[1] as number)) * t;
      raw[offset + 2] = (from[2] as number) + ((to[2] as number) - (from[2] as number)) * t;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

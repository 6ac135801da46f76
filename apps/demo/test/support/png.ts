import { inflateSync } from 'node:zlib';

/** What a decoded PNG says about itself. */
export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  /** Bytes of the inflated image data (filter byte + pixels per row). */
  inflatedBytes: number;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Checks a PNG the hard way: the signature, an IHDR first, the IDAT chunks inflated with node:zlib, and the
 * inflated size equal to what the header's width, height, depth and colour type call for. Throws when any fails.
 */
export function decodePng(bytes: Uint8Array): PngInfo {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  SIGNATURE.forEach((byte, index) => {
    if (buffer[index] !== byte) throw new Error('Not a PNG signature.');
  });
  let offset = 8;
  let header: Omit<PngInfo, 'inflatedBytes'> | undefined;
  const idat: Buffer[] = [];
  while (offset + 8 <= buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('ascii', offset + 4, offset + 8);
    const data = buffer.subarray(offset + 8, offset + 8 + length);
    if (!header && type !== 'IHDR') throw new Error('The first chunk is not IHDR.');
    if (type === 'IHDR') {
      header = {
        width: data.readUInt32BE(0),
        height: data.readUInt32BE(4),
        bitDepth: data[8] as number,
        colorType: data[9] as number,
      };
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (!header) throw new Error('No IHDR chunk.');
  const inflated = inflateSync(Buffer.concat(idat));
  const bitsPerPixel = header.bitDepth * (CHANNELS[header.colorType] ?? 0);
  const expected = header.height * (1 + Math.ceil((header.width * bitsPerPixel) / 8));
  if (inflated.length !== expected) throw new Error(`Inflated ${inflated.length} bytes, expected ${expected}.`);
  return { ...header, inflatedBytes: inflated.length };
}

// How a raw block's bytes are compressed. Blocks written since schema 3 were raw deflate; blocks
// are now Brotli (quality 3: on Claude Code transcripts about 2.4× faster than deflate's default
// level and 10% smaller), marked by a first byte of 0xFE. That byte can never start a raw deflate
// stream (its block type bits would be 11, which deflate reserves), so old and new blocks sit side
// by side in one store and need no migration.
import { brotliCompressSync, brotliDecompressSync, constants, inflateRawSync } from 'node:zlib';

const BROTLI = 0xfe;
const QUALITY = 3;

export function encodeBlock(data: Buffer): Buffer {
  const packed = brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
  const out = Buffer.allocUnsafe(packed.length + 1);
  out[0] = BROTLI;
  packed.copy(out, 1);
  return out;
}

export function decodeBlock(stored: Buffer): Buffer {
  return stored[0] === BROTLI ? brotliDecompressSync(stored.subarray(1)) : inflateRawSync(stored);
}

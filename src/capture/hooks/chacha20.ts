// ChaCha20 (RFC 8439, section 2.4) in plain JavaScript, for the hook's hot path: loading Node's
// crypto module costs a tool hook more time (about 5 ms, with the stream machinery it pulls in)
// than everything else it does, and a spooled payload needs only a stream cipher to rest on disk
// unreadable. Output is byte for byte Node's own `chacha20` cipher with a 16-byte IV of a zero
// block counter then the 12-byte nonce — what the drain decrypts with (spool-crypt.ts); the test
// holds the two equal. The rounds work on sixteen local int32 variables, not an array: that keeps
// them small integers that V8 runs fast even before it optimizes (a hook process is short-lived).

/** The 64-byte keystream block of `state` (16 words) into `out`, as 16 int32 words. */
function block(state: Int32Array, out: Int32Array): void {
  let x0 = state[0]!, x1 = state[1]!, x2 = state[2]!, x3 = state[3]!; // prettier-ignore
  let x4 = state[4]!, x5 = state[5]!, x6 = state[6]!, x7 = state[7]!; // prettier-ignore
  let x8 = state[8]!, x9 = state[9]!, x10 = state[10]!, x11 = state[11]!; // prettier-ignore
  let x12 = state[12]!, x13 = state[13]!, x14 = state[14]!, x15 = state[15]!; // prettier-ignore
  let t: number;
  for (let i = 0; i < 10; i++) {
    // Columns, then diagonals: each line is one quarter round's add, xor, rotate.
    x0 = (x0 + x4) | 0;
    t = x12 ^ x0;
    x12 = (t << 16) | (t >>> 16); // prettier-ignore
    x8 = (x8 + x12) | 0;
    t = x4 ^ x8;
    x4 = (t << 12) | (t >>> 20); // prettier-ignore
    x0 = (x0 + x4) | 0;
    t = x12 ^ x0;
    x12 = (t << 8) | (t >>> 24); // prettier-ignore
    x8 = (x8 + x12) | 0;
    t = x4 ^ x8;
    x4 = (t << 7) | (t >>> 25); // prettier-ignore
    x1 = (x1 + x5) | 0;
    t = x13 ^ x1;
    x13 = (t << 16) | (t >>> 16); // prettier-ignore
    x9 = (x9 + x13) | 0;
    t = x5 ^ x9;
    x5 = (t << 12) | (t >>> 20); // prettier-ignore
    x1 = (x1 + x5) | 0;
    t = x13 ^ x1;
    x13 = (t << 8) | (t >>> 24); // prettier-ignore
    x9 = (x9 + x13) | 0;
    t = x5 ^ x9;
    x5 = (t << 7) | (t >>> 25); // prettier-ignore
    x2 = (x2 + x6) | 0;
    t = x14 ^ x2;
    x14 = (t << 16) | (t >>> 16); // prettier-ignore
    x10 = (x10 + x14) | 0;
    t = x6 ^ x10;
    x6 = (t << 12) | (t >>> 20); // prettier-ignore
    x2 = (x2 + x6) | 0;
    t = x14 ^ x2;
    x14 = (t << 8) | (t >>> 24); // prettier-ignore
    x10 = (x10 + x14) | 0;
    t = x6 ^ x10;
    x6 = (t << 7) | (t >>> 25); // prettier-ignore
    x3 = (x3 + x7) | 0;
    t = x15 ^ x3;
    x15 = (t << 16) | (t >>> 16); // prettier-ignore
    x11 = (x11 + x15) | 0;
    t = x7 ^ x11;
    x7 = (t << 12) | (t >>> 20); // prettier-ignore
    x3 = (x3 + x7) | 0;
    t = x15 ^ x3;
    x15 = (t << 8) | (t >>> 24); // prettier-ignore
    x11 = (x11 + x15) | 0;
    t = x7 ^ x11;
    x7 = (t << 7) | (t >>> 25); // prettier-ignore
    x0 = (x0 + x5) | 0;
    t = x15 ^ x0;
    x15 = (t << 16) | (t >>> 16); // prettier-ignore
    x10 = (x10 + x15) | 0;
    t = x5 ^ x10;
    x5 = (t << 12) | (t >>> 20); // prettier-ignore
    x0 = (x0 + x5) | 0;
    t = x15 ^ x0;
    x15 = (t << 8) | (t >>> 24); // prettier-ignore
    x10 = (x10 + x15) | 0;
    t = x5 ^ x10;
    x5 = (t << 7) | (t >>> 25); // prettier-ignore
    x1 = (x1 + x6) | 0;
    t = x12 ^ x1;
    x12 = (t << 16) | (t >>> 16); // prettier-ignore
    x11 = (x11 + x12) | 0;
    t = x6 ^ x11;
    x6 = (t << 12) | (t >>> 20); // prettier-ignore
    x1 = (x1 + x6) | 0;
    t = x12 ^ x1;
    x12 = (t << 8) | (t >>> 24); // prettier-ignore
    x11 = (x11 + x12) | 0;
    t = x6 ^ x11;
    x6 = (t << 7) | (t >>> 25); // prettier-ignore
    x2 = (x2 + x7) | 0;
    t = x13 ^ x2;
    x13 = (t << 16) | (t >>> 16); // prettier-ignore
    x8 = (x8 + x13) | 0;
    t = x7 ^ x8;
    x7 = (t << 12) | (t >>> 20); // prettier-ignore
    x2 = (x2 + x7) | 0;
    t = x13 ^ x2;
    x13 = (t << 8) | (t >>> 24); // prettier-ignore
    x8 = (x8 + x13) | 0;
    t = x7 ^ x8;
    x7 = (t << 7) | (t >>> 25); // prettier-ignore
    x3 = (x3 + x4) | 0;
    t = x14 ^ x3;
    x14 = (t << 16) | (t >>> 16); // prettier-ignore
    x9 = (x9 + x14) | 0;
    t = x4 ^ x9;
    x4 = (t << 12) | (t >>> 20); // prettier-ignore
    x3 = (x3 + x4) | 0;
    t = x14 ^ x3;
    x14 = (t << 8) | (t >>> 24); // prettier-ignore
    x9 = (x9 + x14) | 0;
    t = x4 ^ x9;
    x4 = (t << 7) | (t >>> 25); // prettier-ignore
  }
  out[0] = x0 + state[0]!;
  out[1] = x1 + state[1]!;
  out[2] = x2 + state[2]!;
  out[3] = x3 + state[3]!; // prettier-ignore
  out[4] = x4 + state[4]!;
  out[5] = x5 + state[5]!;
  out[6] = x6 + state[6]!;
  out[7] = x7 + state[7]!; // prettier-ignore
  out[8] = x8 + state[8]!;
  out[9] = x9 + state[9]!;
  out[10] = x10 + state[10]!;
  out[11] = x11 + state[11]!; // prettier-ignore
  out[12] = x12 + state[12]!;
  out[13] = x13 + state[13]!;
  out[14] = x14 + state[14]!;
  out[15] = x15 + state[15]!; // prettier-ignore
}

const word = (b: Uint8Array, at: number) =>
  b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24);

/**
 * `data` XOR the ChaCha20 keystream of `key` (32 bytes) and `nonce` (12 bytes), block counter
 * from 0. Encrypts and decrypts alike; a nonce must never be used twice with one key.
 */
export function chacha20(key: Uint8Array, nonce: Uint8Array, data: Uint8Array): Uint8Array {
  if (key.length !== 32 || nonce.length !== 12) throw new Error('chacha20: bad key or nonce size');
  // "expand 32-byte k", then the key, the block counter and the nonce.
  const state = Int32Array.of(0x61707865, 0x3320646e, 0x79622d32, 0x6b206574);
  const full = new Int32Array(16);
  full.set(state);
  for (let i = 0; i < 8; i++) full[4 + i] = word(key, i * 4);
  for (let i = 0; i < 3; i++) full[13 + i] = word(nonce, i * 4);
  const stream = new Int32Array(16);
  const out = new Uint8Array(data.length);
  for (let at = 0; at < data.length; at += 64) {
    block(full, stream);
    full[12] = (full[12]! + 1) | 0;
    const end = Math.min(64, data.length - at);
    // Each word's bytes little-endian first, whatever the machine's own order.
    for (let i = 0; i < end; i++) out[at + i] = data[at + i]! ^ (stream[i >> 2]! >>> ((i & 3) * 8));
  }
  return out;
}

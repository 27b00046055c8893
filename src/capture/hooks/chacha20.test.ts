// Pins the hot path's ChaCha20 to RFC 8439's test vector and to Node's own `chacha20` cipher, which
// the drain decrypts spooled payloads with.
import fc from 'fast-check';
import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chacha20 } from './chacha20.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('chacha20', () => {
  it('gives RFC 8439’s section 2.4.2 ciphertext (its counter 1 is our second block)', () => {
    const key = Uint8Array.from({ length: 32 }, (_, i) => i);
    const nonce = Buffer.from('000000000000004a00000000', 'hex');
    const text =
      "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.";
    const padded = Buffer.concat([Buffer.alloc(64), Buffer.from(text)]);
    const out = chacha20(key, nonce, padded).subarray(64);
    expect(hex(out)).toBe(
      '6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b' +
        'f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8' +
        '07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736' +
        '5af90bbf74a35be6b40b8eedf2785e42874d',
    );
  });

  it('equals Node’s chacha20 with a zero counter, and undoes itself', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 12, maxLength: 12 }),
        fc.uint8Array({ maxLength: 700 }),
        (key, nonce, data) => {
          const iv = Buffer.concat([Buffer.alloc(4), nonce]);
          const node = createCipheriv('chacha20', key, iv);
          const expected = Buffer.concat([node.update(data), node.final()]);
          const ours = chacha20(key, nonce, data);
          expect(hex(ours)).toBe(hex(expected));
          expect(hex(chacha20(key, nonce, ours))).toBe(hex(data));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a key or nonce of the wrong size', () => {
    expect(() => chacha20(new Uint8Array(16), new Uint8Array(12), new Uint8Array(1))).toThrow();
    expect(() => chacha20(new Uint8Array(32), new Uint8Array(8), new Uint8Array(1))).toThrow();
  });
});

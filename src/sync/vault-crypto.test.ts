// Pins the sealing of records: a round trip, a wrong key, a flipped byte, a record moved to
// another id or vault, key files (0600) and exported keys, and passphrase keys that repeat.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deriveKey, keyCheck, open, seal, verifyKey } from './vault-crypto.js';
import {
  exportKey,
  generateKey,
  keyFilePath,
  parseExportedKey,
  readKeyFile,
  writeKeyFile,
} from './vault-key.js';

const at = { vault: 'team', kind: 'todo', id: 'todo:abc' };
const text = Buffer.from('a secretless sentence about herons');

describe('seal and open', () => {
  it('round-trips and hides the text', () => {
    const key = generateKey();
    const sealed = seal(key, at, text);
    expect(sealed.includes(Buffer.from('herons'))).toBe(false);
    expect(open(key, at, sealed).equals(text)).toBe(true);
  });

  it('fails clearly with a wrong key', () => {
    const sealed = seal(generateKey(), at, text);
    expect(() => open(generateKey(), at, sealed)).toThrow(/failed authentication/);
  });

  it('rejects a flipped byte anywhere', () => {
    const key = generateKey();
    const sealed = seal(key, at, text);
    for (const i of [1, 13, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[i] = bad[i]! ^ 0x01;
      expect(() => open(key, at, bad)).toThrow(/failed authentication/);
    }
  });

  it('binds the record to its id and vault', () => {
    const key = generateKey();
    const sealed = seal(key, at, text);
    expect(() => open(key, { ...at, id: 'todo:other' }, sealed)).toThrow(/authentication/);
    expect(() => open(key, { ...at, vault: 'other' }, sealed)).toThrow(/authentication/);
  });

  it('tells a wrong vault key apart with the key check', () => {
    const key = generateKey();
    const check = keyCheck(key, 'team');
    expect(() => verifyKey(key, 'team', check)).not.toThrow();
    expect(() => verifyKey(generateKey(), 'team', check)).toThrow(/does not open vault team/);
  });
});

describe('vault keys', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps a key file owner-only and reads it back', () => {
    dir = mkdtempSync(join(tmpdir(), 'baton-key-'));
    const path = keyFilePath(join(dir, 'keys'), 'team');
    const key = generateKey();
    writeKeyFile(path, key);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readKeyFile(path, 'team').equals(key)).toBe(true);
    expect(() => readKeyFile(join(dir, 'none.key'), 'x')).toThrow(/no key for vault x/);
  });

  it('exports a key as one line bound to its vault', () => {
    const key = generateKey();
    const line = exportKey('team', key);
    expect(line).not.toContain('\n');
    const back = parseExportedKey(line);
    expect(back.vault).toBe('team');
    expect(back.key.equals(key)).toBe(true);
    expect(() => parseExportedKey('nonsense')).toThrow(/not a key/);
  });

  it('derives the same key from the same passphrase and salt, another from another', async () => {
    const params = { N: 2 ** 10, r: 8, p: 1 };
    const salt = Buffer.alloc(16, 7);
    const k1 = await deriveKey('correct horse battery', salt, params);
    const k2 = await deriveKey('correct horse battery', salt, params);
    const k3 = await deriveKey('correct horse battery!', salt, params);
    expect(k1.equals(k2)).toBe(true);
    expect(k1.equals(k3)).toBe(false);
    await expect(deriveKey('short', salt, params)).rejects.toThrow(/at least 8/);
  });

  it('never gives two records the same nonce, across refills of the nonce pool', () => {
    const key = generateKey();
    const nonces = new Set<string>();
    for (let i = 0; i < 10_000; i += 1) {
      const sealed = seal(key, { vault: 'v', kind: 'event', id: String(i) }, Buffer.from('x'));
      nonces.add(sealed.subarray(1, 13).toString('hex'));
      if (i % 997 === 0) {
        expect(open(key, { vault: 'v', kind: 'event', id: String(i) }, sealed).toString()).toBe(
          'x',
        );
      }
    }
    expect(nonces.size).toBe(10_000);
  });
});

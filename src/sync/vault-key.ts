// The vault key on this machine: 32 bytes in a file of its own (0600, in a 0700 folder), moved to
// another machine as one line of text (`baton sync key export` → `baton sync key import`).
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BatonError } from '../core/index.js';
import { KEY_BYTES } from './vault-crypto.js';

const EXPORT_PREFIX = 'baton-vault-key-v1';

export function generateKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

export function keyFilePath(folder: string, vault: string): string {
  return join(folder, `${vault}.key`);
}

export function writeKeyFile(path: string, key: Buffer): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, key.toString('base64') + '\n', { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}

export function readKeyFile(path: string, vault: string): Buffer {
  if (!existsSync(path)) {
    throw new BatonError('NOT_FOUND', `no key for vault ${vault} on this machine`, {
      hint: 'run `baton sync key export` on a machine that has it, then `baton sync key import`',
    });
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) {
    throw new BatonError(
      'INVALID_INPUT',
      `the key file ${path} does not hold a ${KEY_BYTES}-byte key`,
    );
  }
  return key;
}

/** One line that carries the vault's name with its key, so it cannot be imported for another. */
export function exportKey(vault: string, key: Buffer): string {
  return `${EXPORT_PREFIX}:${vault}:${key.toString('base64url')}`;
}

export function parseExportedKey(text: string): { vault: string; key: Buffer } {
  const [prefix, vault, encoded, ...rest] = text.trim().split(':');
  const key = Buffer.from(encoded ?? '', 'base64url');
  if (prefix !== EXPORT_PREFIX || !vault || rest.length > 0 || key.length !== KEY_BYTES) {
    throw new BatonError('INVALID_INPUT', 'that is not a key from `baton sync key export`', {
      hint: `an exported key is one line starting with ${EXPORT_PREFIX}:`,
    });
  }
  return { vault, key };
}

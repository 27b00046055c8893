// Every record leaves the machine sealed with AES-256-GCM under the vault key. The record's vault,
// kind and id are the associated data: the server cannot move a sealed record to another id or
// vault without the open failing. A sealed record is: version byte, 12-byte nonce, ciphertext,
// 16-byte tag. Nonces are random: at 2^32 records per key the chance of a repeat stays negligible.
import { createCipheriv, createDecipheriv, randomFillSync, scrypt } from 'node:crypto';
import { BatonError } from '../core/index.js';

export const KEY_BYTES = 32;
const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface RecordAddress {
  vault: string;
  kind: string;
  id: string;
}

const associatedData = (a: RecordAddress) =>
  Buffer.from(`baton-sync-v${VERSION}\0${a.vault}\0${a.kind}\0${a.id}`, 'utf8');

/**
 * Nonces come from the system's CSPRNG as before, but drawn 4,096 at a time: one call per record
 * cost more than the encryption itself. Each nonce is handed out once and never reused.
 */
const POOL_NONCES = 4096;
let pool = Buffer.alloc(0);
let pooled = 0;

function nextNonce(): Buffer {
  if (pooled === 0) {
    pool = randomFillSync(Buffer.allocUnsafe(NONCE_BYTES * POOL_NONCES));
    pooled = POOL_NONCES;
  }
  pooled -= 1;
  return pool.subarray(pooled * NONCE_BYTES, (pooled + 1) * NONCE_BYTES);
}

export function seal(key: Buffer, address: RecordAddress, plaintext: Buffer): Buffer {
  const nonce = nextNonce();
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(associatedData(address));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), nonce, body, cipher.getAuthTag()]);
}

export function open(key: Buffer, address: RecordAddress, sealed: Buffer): Buffer {
  if (sealed.length < 1 + NONCE_BYTES + TAG_BYTES || sealed[0] !== VERSION) {
    throw new BatonError(
      'INVALID_INPUT',
      `vault record ${address.id} is not a Baton sealed record`,
    );
  }
  const nonce = sealed.subarray(1, 1 + NONCE_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const body = sealed.subarray(1 + NONCE_BYTES, sealed.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(associatedData(address));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch (error) {
    throw new BatonError(
      'INVALID_INPUT',
      `vault record ${address.kind} ${address.id} failed authentication (wrong vault key, or the data was altered)`,
      { hint: 'import the right key with `baton sync key import`', cause: error },
    );
  }
}

/** A fixed text sealed at `init`: opening it tells a wrong key apart before anything is applied. */
const CHECK_TEXT = Buffer.from('baton vault key check', 'utf8');

export function keyCheck(key: Buffer, vault: string): Buffer {
  return seal(key, { vault, kind: 'key-check', id: vault }, CHECK_TEXT);
}

export function verifyKey(key: Buffer, vault: string, check: Buffer): void {
  try {
    const text = open(key, { vault, kind: 'key-check', id: vault }, check);
    if (text.equals(CHECK_TEXT)) return;
  } catch {
    // reported below with the advice that fits
  }
  throw new BatonError('INVALID_INPUT', `the vault key does not open vault ${vault}`, {
    hint: 'import the key this vault was made with: `baton sync key import` on this machine',
  });
}

/**
 * scrypt is memory-hard: each guess at a passphrase costs 128 × N × r bytes of memory
 * (128 MiB with the defaults), which makes guessing on GPUs and ASICs expensive, and it ships
 * with Node, so no native dependency is needed.
 */
export interface KdfParams {
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_KDF: KdfParams = { N: 2 ** 17, r: 8, p: 1 };

export function deriveKey(passphrase: string, salt: Buffer, params = DEFAULT_KDF): Promise<Buffer> {
  if (passphrase.length < 8) {
    return Promise.reject(
      new BatonError('INVALID_INPUT', 'a vault passphrase needs at least 8 characters'),
    );
  }
  const maxmem = 256 * params.N * params.r;
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFKC'), salt, KEY_BYTES, { ...params, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

// Spooled payloads are the agent's raw hook input (prompts, tool output, secrets in both) and wait
// on disk until the next drain. Redacting them needs the store's key, which the hot path must not
// open SQLite to read, so the spool is encrypted at rest instead, with a key of its own in
// $BATON_HOME/spool.key (0600, made on first use). This half runs on every tool call, so it loads
// nothing but the file system: the cipher is ChaCha20 in plain JavaScript (chacha20.ts) and the
// key's random bytes come from /dev/urandom. The drain's half is spool-crypt.ts.
// Plain JavaScript is the cheaper cipher only for what a short-lived process runs before V8
// optimizes it: past SEAL_IN_JS_MAX bytes (a large tool output) Node's own ChaCha20 is loaded —
// the same bytes out, for the module's few milliseconds.
import { closeSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chacha20 } from './chacha20.js';

export const spoolKeyPath = (home: string) => join(home, 'spool.key');
export const SPOOL_CIPHER = 'chacha20';
export const SEAL_IN_JS_MAX = 16 * 1024;

function randomKey(): Uint8Array {
  const key = new Uint8Array(32);
  try {
    const fd = openSync('/dev/urandom', 'r');
    try {
      if (readSync(fd, key, 0, 32, null) === 32) return key;
    } finally {
      closeSync(fd);
    }
  } catch {
    // No /dev/urandom (Windows): Web Crypto's generator, loaded only here.
  }
  return globalThis.crypto.getRandomValues(key);
}

/** The spool's key, made (0600) when there is none yet. */
export function spoolKey(home: string): Uint8Array {
  const path = spoolKeyPath(home);
  try {
    return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  } catch {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    try {
      writeFileSync(path, Buffer.from(randomKey()).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch {
      // Another hook made it first: read theirs.
    }
    return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  }
}

/**
 * A nonce never used twice with the key: the time in ms, the process id and a per-process count
 * cannot repeat together (two live processes never share a pid); one random byte besides.
 */
export function spoolNonce(receivedAt: number, pid: number, count: number): Uint8Array {
  const nonce = new Uint8Array(12);
  let t = Math.max(0, Math.floor(receivedAt));
  for (let i = 5; i >= 0; i--, t = Math.floor(t / 256)) nonce[i] = t % 256;
  nonce[6] = (pid >>> 16) & 0xff;
  nonce[7] = (pid >>> 8) & 0xff;
  nonce[8] = pid & 0xff;
  nonce[9] = (count >>> 8) & 0xff;
  nonce[10] = count & 0xff;
  nonce[11] = Math.floor(Math.random() * 256);
  return nonce;
}

/** The spool file's text: a header line (agent, time, cipher, nonce) and the encrypted payload. */
export function sealSpooled(
  key: Uint8Array,
  nonce: Uint8Array,
  agent: string,
  receivedAt: number,
  payloadText: string,
  note?: Record<string, unknown>,
): string {
  const plain = Buffer.from(payloadText, 'utf8');
  let body: Uint8Array;
  if (plain.length <= SEAL_IN_JS_MAX) body = chacha20(key, nonce, plain);
  else {
    const { createCipheriv } = process.getBuiltinModule('node:crypto');
    const cipher = createCipheriv('chacha20', key, Buffer.concat([Buffer.alloc(4), nonce]));
    body = Buffer.concat([cipher.update(plain), cipher.final()]);
  }
  const header = {
    agent,
    receivedAt,
    cipher: SPOOL_CIPHER,
    nonce: Buffer.from(nonce).toString('base64'),
    ...(note !== undefined && { note }),
  };
  return `${JSON.stringify(header)}\n${Buffer.from(body.buffer, body.byteOffset, body.length).toString('base64')}`;
}

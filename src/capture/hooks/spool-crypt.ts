// The drain's half of the spool's encryption at rest (the hot path's half, and why, is in
// spool-seal.ts): Node's own ChaCha20 decrypts what the hook's plain-JavaScript one sealed. Files
// spooled by earlier versions are read too: AES-256-GCM with the same key, or a plain payload.
import { createDecipheriv } from 'node:crypto';
import { SPOOL_CIPHER, spoolKey } from './spool-seal.js';

interface SpoolHeader {
  agent?: string;
  receivedAt?: number;
  cipher?: string;
  nonce?: string;
  iv?: string;
  tag?: string;
  note?: Record<string, unknown>;
}

function decrypt(home: string, header: SpoolHeader, body: string): string {
  const sealed = Buffer.from(body, 'base64');
  if (header.cipher === SPOOL_CIPHER && header.nonce !== undefined) {
    const iv = Buffer.concat([Buffer.alloc(4), Buffer.from(header.nonce, 'base64')]);
    const decipher = createDecipheriv('chacha20', spoolKey(home), iv);
    return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
  }
  if (header.iv !== undefined && header.tag !== undefined) {
    const iv = Buffer.from(header.iv, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', spoolKey(home), iv);
    decipher.setAuthTag(Buffer.from(header.tag, 'base64'));
    return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
  }
  return body;
}

/** A spool file's agent, time and parsed payload; throws when it cannot be read. */
export function openSpooled(
  home: string,
  text: string,
): { agent: string; receivedAt: number; payload: unknown; note?: Record<string, unknown> } {
  const newline = text.indexOf('\n');
  const header = JSON.parse(newline < 0 ? text : text.slice(0, newline)) as SpoolHeader;
  const payloadText = decrypt(home, header, text.slice(newline + 1));
  let payload: unknown;
  try {
    payload = JSON.parse(payloadText);
  } catch {
    throw new Error(`spooled payload is not JSON (${payloadText.length} bytes)`);
  }
  return {
    agent: header.agent ?? '',
    receivedAt: header.receivedAt ?? Date.now(),
    payload,
    ...(isRecord(header.note) && { note: header.note }),
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

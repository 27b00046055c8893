// Spooled payloads are the agent's raw hook input (prompts, tool output, secrets in both) and wait
// on disk until the next drain. Redacting needs the store's key, which the hot path must not open
// SQLite to read, so the spool is encrypted at rest instead (AES-256-GCM) with a key of its own in
// $BATON_HOME/spool.key (0600, made on first use). A file from before this has a plain payload.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ALGORITHM = 'aes-256-gcm';
export const spoolKeyPath = (home: string) => join(home, 'spool.key');

function spoolKey(home: string): Buffer {
  const path = spoolKeyPath(home);
  try {
    return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  } catch {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    try {
      writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch {
      // Another hook made it first: read theirs.
    }
    return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  }
}

/** The spool file's text: a header line (agent, time, iv, tag) and the encrypted payload. */
export function sealSpooled(
  home: string,
  agent: string,
  receivedAt: number,
  payloadText: string,
): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, spoolKey(home), iv);
  const body = Buffer.concat([cipher.update(payloadText, 'utf8'), cipher.final()]);
  const header = {
    agent,
    receivedAt,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
  return `${JSON.stringify(header)}\n${body.toString('base64')}`;
}

/** A spool file's agent, time and parsed payload; throws when it cannot be read. */
export function openSpooled(
  home: string,
  text: string,
): { agent: string; receivedAt: number; payload: unknown } {
  const newline = text.indexOf('\n');
  const header = JSON.parse(newline < 0 ? text : text.slice(0, newline)) as {
    agent?: string;
    receivedAt?: number;
    iv?: string;
    tag?: string;
  };
  let payloadText = text.slice(newline + 1);
  if (header.iv !== undefined && header.tag !== undefined) {
    const decipher = createDecipheriv(ALGORITHM, spoolKey(home), Buffer.from(header.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(header.tag, 'base64'));
    payloadText = Buffer.concat([
      decipher.update(Buffer.from(payloadText, 'base64')),
      decipher.final(),
    ]).toString('utf8');
  }
  let payload: unknown;
  try {
    payload = JSON.parse(payloadText);
  } catch {
    throw new Error(`spooled payload is not JSON (${payloadText.length} bytes)`);
  }
  return { agent: header.agent ?? '', receivedAt: header.receivedAt ?? Date.now(), payload };
}

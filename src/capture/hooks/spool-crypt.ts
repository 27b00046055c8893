// The drain's half of the spool's encryption at rest (the hot path's half, and why, is in
// spool-seal.ts): Node's own ChaCha20 decrypts what the hook's plain-JavaScript one sealed. Files
// spooled by earlier versions are read too: AES-256-GCM with the same key, or a plain payload —
// the form the shell writes today (spool-command.ts), which a drain seals before keeping it.
import { createDecipheriv } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { SPOOL_CIPHER, sealSpooled, spoolKey, spoolNonce } from './spool-seal.js';
import { nextSpoolCount } from './spool-write.js';
import { payloadFromHookCall } from '../claude-code/mcp-hook.js';

/**
 * The header's `from` of a file written by the MCP server's shell front (src/cli/mcp-entry/):
 * its body is the client's whole `tools/call` line of the hook tool, read as the payload the Node
 * front would have spooled for it.
 */
export const SPOOLED_MCP_CALL = 'sh-mcp';

/** The payload text a plain body stands for (a hook call's line becomes its payload). */
function plainPayload(header: SpoolHeader | null, body: string): string {
  if (header?.from !== SPOOLED_MCP_CALL) return body;
  const payload = payloadFromHookCall(body);
  if (payload === undefined) throw new Error('spooled MCP line is not a call of the hook tool');
  return payload;
}

interface SpoolHeader {
  agent?: string;
  receivedAt?: number;
  cipher?: string;
  nonce?: string;
  iv?: string;
  tag?: string;
  note?: Record<string, unknown>;
  from?: string;
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
  return plainPayload(header, body);
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

/**
 * Seals a spool file written in plain text (by the shell, or an old version) in place, before a
 * drain puts it back or keeps it in failed/: nothing that waits stays unencrypted. Its agent, time
 * and note stay in the header; a header that cannot be read is sealed with the rest of the text
 * (the file stays unreadable, as it was, and is still counted). False when it was sealed already.
 */
export function sealPlainSpooled(home: string, path: string): boolean {
  const text = readFileSync(path, 'utf8');
  const newline = text.indexOf('\n');
  let header: SpoolHeader | null = null;
  try {
    const parsed: unknown = JSON.parse(newline < 0 ? text : text.slice(0, newline));
    if (isRecord(parsed)) header = parsed;
  } catch {
    // Garbled: sealed whole.
  }
  if (header && (header.cipher !== undefined || header.iv !== undefined)) return false;
  const receivedAt =
    typeof header?.receivedAt === 'number' ? header.receivedAt : Math.floor(statSync(path).mtimeMs);
  let body = header && newline >= 0 ? text.slice(newline + 1) : text;
  try {
    body = plainPayload(header, body);
  } catch {
    // Sealed as it is: its drain reports it.
  }
  const nonce = spoolNonce(Date.now(), process.pid, nextSpoolCount());
  const agent = typeof header?.agent === 'string' ? header.agent : '';
  const note = isRecord(header?.note) ? header.note : undefined;
  const sealed = sealSpooled(spoolKey(home), nonce, agent, receivedAt, body, note);
  const tmp = join(dirname(path), `.seal-${process.pid}-${nextSpoolCount()}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, sealed);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  return true;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

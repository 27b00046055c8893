// Pins the spool's encryption at rest: what the hot path seals (in JavaScript for a small payload,
// with Node's cipher for a large one) the drain opens; the key is the user's alone; no two files
// share a nonce; files from the AES-GCM version still open.
import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSpooled } from './spool-crypt.js';
import { SEAL_IN_JS_MAX, sealSpooled, spoolKey, spoolKeyPath, spoolNonce } from './spool-seal.js';

let home: string;
beforeEach(() => {
  home = join(mkdtempSync(join(tmpdir(), 'baton-spool-seal-')), 'home');
});
afterEach(() => rmSync(join(home, '..'), { recursive: true, force: true }));

const SECRET = 'AKIAIOSFODNN7EXAMPLE';

describe('the spool cipher', () => {
  it.each([
    ['small, sealed in JavaScript', 200],
    ['large, sealed by Node', SEAL_IN_JS_MAX * 3],
  ])('%s: the file hides the payload and opens back to it', (_, size) => {
    const payload = { hook_event_name: 'PostToolUse', out: `${SECRET} ${'é'.repeat(size)}` };
    const text = sealSpooled(
      spoolKey(home),
      spoolNonce(1_700_000_000_000, 4242, 1),
      'claude-code',
      1_700_000_000_000,
      JSON.stringify(payload),
    );
    expect(text).not.toContain(SECRET);
    expect(openSpooled(home, text)).toEqual({
      agent: 'claude-code',
      receivedAt: 1_700_000_000_000,
      payload,
    });
  });

  it('keeps its key in a 0600 file, made once', () => {
    const key = spoolKey(home);
    expect(key).toHaveLength(32);
    expect(statSync(spoolKeyPath(home)).mode & 0o777).toBe(0o600);
    expect(Buffer.from(spoolKey(home)).equals(Buffer.from(key))).toBe(true);
    expect(readFileSync(spoolKeyPath(home), 'utf8')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives every time, process and count a nonce of its own', () => {
    const seen = new Set<string>();
    for (const t of [0, 1, 255, 256, 1_700_000_000_000])
      for (const pid of [1, 2, 65_536, 4_194_303])
        for (const count of [1, 2, 256]) {
          const nonce = Buffer.from(spoolNonce(t, pid, count))
            .subarray(0, 11)
            .toString('hex');
          seen.add(nonce);
        }
    expect(seen.size).toBe(5 * 4 * 3);
  });

  it('opens a file written by the AES-256-GCM version', () => {
    const key = spoolKey(home);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update('{"prompt":"old"}', 'utf8'), cipher.final()]);
    const header = {
      agent: 'codex',
      receivedAt: 5,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    };
    const text = `${JSON.stringify(header)}\n${body.toString('base64')}`;
    expect(openSpooled(home, text)).toEqual({
      agent: 'codex',
      receivedAt: 5,
      payload: { prompt: 'old' },
    });
  });
});

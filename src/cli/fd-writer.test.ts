import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fdWriter, isTerminal } from './fd-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'baton-fd-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const noStream = () => {
  throw new Error('the stream was made');
};

/**
 * Runs `body` in a child Node (TypeScript through tsx, fdWriter imported) with stdout a pipe;
 * the parent starts reading only after `delayMs`, and with `closeOnData` closes its end of the
 * pipe at the first data. Resolves with what arrived, the exit code and stderr.
 */
function child(
  body: string,
  { delayMs = 0, closeOnData = false } = {},
): Promise<{ out: Buffer; code: number | null; err: string }> {
  const script =
    `import { fdWriter } from ${JSON.stringify(join(import.meta.dirname, 'fd-writer.ts'))};\n` +
    body;
  const p = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: Buffer[] = [];
  let err = '';
  p.stderr.on('data', (d: Buffer) => (err += d.toString()));
  p.stdout.pause();
  setTimeout(() => {
    p.stdout.on('data', (d: Buffer) => {
      chunks.push(d);
      if (closeOnData) p.stdout.destroy();
    });
    p.stdout.resume();
  }, delayMs);
  return new Promise((resolve) =>
    p.on('close', (code) => resolve({ out: Buffer.concat(chunks), code, err })),
  );
}

describe('fdWriter', () => {
  it('writes text and bytes to its descriptor, whole and in order, without a stream', () => {
    const path = join(dir, 'out.txt');
    const fd = openSync(path, 'w');
    try {
      const out = fdWriter(fd, noStream);
      expect(out.write('héllo ')).toBe(true);
      expect(out.write(Buffer.from('wörld\n'))).toBe(true);
      expect(out.write('x'.repeat(1 << 20))).toBe(true);
    } finally {
      closeSync(fd);
    }
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('héllo wörld\n')).toBe(true);
    expect(text.length).toBe('héllo wörld\n'.length + (1 << 20));
  });

  it('tells a terminal from a file, a pipe and the null device', () => {
    const file = openSync(join(dir, 'plain.txt'), 'w');
    const nul = openSync('/dev/null', 'w');
    // The master side of a new pseudo-terminal: a terminal device like any shell's.
    const pty = openSync('/dev/ptmx', 'r+');
    try {
      expect(isTerminal(file)).toBe(false);
      expect(isTerminal(nul)).toBe(false);
      expect(isTerminal(pty)).toBe(true);
      expect(fdWriter(pty, noStream).isTTY).toBe(true);
      expect(fdWriter(nul, noStream).isTTY).toBe(false);
      expect(isTerminal(987_654)).toBe(false);
    } finally {
      [file, nul, pty].forEach((fd) => closeSync(fd));
    }
  });

  it('hands over to the stream when a non-blocking pipe is full, and nothing is lost or reordered', async () => {
    // process.stdout made first turns the pipe non-blocking (libuv), so a 4 MiB write meets EAGAIN
    // while the parent is not reading yet; the rest and every later write go through the stream.
    const r = await child(
      `void process.stdout;\n` +
        `let made = 0;\n` +
        `const out = fdWriter(1, () => (made++, process.stdout));\n` +
        `for (let i = 0; i < 64; i++) out.write(String(i % 10).repeat(65536));\n` +
        `out.write('end\\n');\n` +
        `process.stderr.write('streams made: ' + made);\n`,
      { delayMs: 300 },
    );
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('streams made: 1');
    const expected = Array.from({ length: 64 }, (_, i) => String(i % 10).repeat(65536)).join('');
    expect(r.out.toString()).toBe(expected + 'end\n');
  });

  it('calls `gone` once when the reader has gone, and writes nothing more', async () => {
    const r = await child(
      `import { spawnSync } from 'node:child_process';\n` +
        `let gone = 0;\n` +
        `const out = fdWriter(1, () => { throw new Error('stream made'); }, () => gone++);\n` +
        `out.write('first\\n');\n` +
        // The parent closes its end of the pipe on the first data; wait for that.
        `spawnSync('sleep', ['0.5']);\n` +
        `const results = [out.write('second\\n'), out.write('third\\n')];\n` +
        `process.stderr.write(JSON.stringify({ gone, results }));\n`,
      { closeOnData: true },
    );
    expect(r.out.toString()).toBe('first\n');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.err)).toEqual({ gone: 1, results: [false, false] });
  });
});

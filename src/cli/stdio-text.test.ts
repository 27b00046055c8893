import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputError } from './stdio-text.js';

describe('outputError', () => {
  it('reads the system error as one line, an IO error', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
    });
    const e = outputError(full);
    expect(e.message).toBe('cannot write the output: no space left on device');
    expect(e.code).toBe('IO');
    expect(e.exitCode).toBe(7);
    expect(e.cause).toBe(full);
    expect(outputError(new Error('something else')).message).toBe(
      'cannot write the output: something else',
    );
  });
});

describe('stdioText', () => {
  it('throws outputError for a write that fails, and writes nothing else', () => {
    const script =
      `import { stdioText } from ${JSON.stringify(join(import.meta.dirname, 'stdio-text.ts'))};\n` +
      `const out = stdioText(1);\n` +
      `try { out.write('hello\\n'); process.stderr.write('no error'); }\n` +
      `catch (e) { process.stderr.write(JSON.stringify({ code: e.code, message: e.message })); }\n`;
    const r = spawnSync(
      'sh',
      ['-c', `'${process.execPath}' --import tsx --input-type=module -e "$SCRIPT" > /dev/full`],
      { encoding: 'utf8', env: { ...process.env, SCRIPT: script } },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stderr)).toEqual({
      code: 'IO',
      message: 'cannot write the output: no space left on device',
    });
  });
});

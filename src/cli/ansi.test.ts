import { describe, expect, it } from 'vitest';
import { ansi } from './ansi.js';

describe('ansi styles', () => {
  it('wraps a text in its opening and closing codes', () => {
    expect(ansi.bold('hit')).toBe('\x1b[1mhit\x1b[22m');
    expect(ansi.cyan('SESSION-1')).toBe('\x1b[36mSESSION-1\x1b[39m');
    expect(ansi.green('ok')).toBe('\x1b[32mok\x1b[39m');
  });

  it('nests: a style inside another of the same closing code leaves the outer one on after it', () => {
    // dim and bold both end with 22: after the dim part, bold is opened again for " tail".
    expect(ansi.bold(`${ansi.dim('dim')} tail`)).toBe(
      '\x1b[1m\x1b[2mdim\x1b[22m\x1b[1m tail\x1b[22m',
    );
    expect(ansi.bold(ansi.yellow('word'))).toBe('\x1b[1m\x1b[33mword\x1b[39m\x1b[22m');
  });

  it('leaves an empty text styled but empty', () => {
    expect(ansi.dim('')).toBe('\x1b[2m\x1b[22m');
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { searchTieringFlags } from './v8-tiering.js';

/** What V8 prints when this Node's process is given the flags after it started. */
function setFlagsStderr(flags: string[]): string {
  const code = `for (const f of ${JSON.stringify(flags)}) require('node:v8').setFlagsFromString(f)`;
  return spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' }).stderr;
}

describe('the search process’s V8 tiering', () => {
  it('delays TurboFan on V8 11 (Node 20) and leaves newer V8s at their defaults', () => {
    expect(searchTieringFlags('11.3.244.8-node.38')).toEqual([
      '--ticks-before-optimization=24',
      '--max-bytecode-size-for-early-opt=0',
    ]);
    expect(searchTieringFlags('12.4.254.21-node.33')).toEqual([]);
    expect(searchTieringFlags('13.6.233.10-node.28')).toEqual([]);
  });

  it('asks only for flags this Node’s V8 knows: nothing reaches the search’s stderr', () => {
    const flags = searchTieringFlags(process.versions.v8);
    const known = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
    for (const flag of flags) expect(known).toContain(`  ${flag.split('=')[0]} (`);
    expect(setFlagsStderr(flags)).toBe('');
    // The check sees what an unknown flag would do.
    expect(setFlagsStderr(['--no-such-v8-flag-at-all'])).not.toBe('');
  });
});

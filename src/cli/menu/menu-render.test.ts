// Pins the menu's drawing: lines fitted to the terminal width without breaking colour codes,
// the cursor on the highlighted item, and the checkpoint columns (time, events, size, label).
import { describe, expect, it } from 'vitest';
import type { Checkpoint, Project } from '../../core/index.js';
import { createOutput } from '../output.js';
import { fitLine, render } from './menu-render.js';

const plain = createOutput({
  env: {},
  cwd: '/',
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  clock: { now: () => 0 },
});
const project = { id: 'P', name: 'webshop', root: '/work/webshop' } as Project;
const checkpoint = {
  handle: 'RECOVERY-SESSION-260302-001-091500',
  size: 2048,
  label: 'before deploy',
  trigger: 'manual',
  createdAt: Date.parse('2026-03-02T09:15:00'),
} as Checkpoint;

describe('fitLine', () => {
  it('cuts visible characters only and closes colour it cut through', () => {
    expect(fitLine('abcdef', 4)).toBe('abcd');
    expect(fitLine('\x1b[1mbold text\x1b[22m', 4)).toBe('\x1b[1mbold\x1b[0m');
    expect(fitLine('\x1b[36mab\x1b[39m', 10)).toBe('\x1b[36mab\x1b[39m');
  });
});

describe('render', () => {
  it('draws the main screen with checkpoints and the cursor', () => {
    const lines = render(
      plain,
      { name: 'main', cursor: 2, notice: null },
      { project, session: null, checkpoints: [{ checkpoint, events: 42 }] },
      { columns: 200, rows: 30 },
    );
    expect(lines).toContain(
      '  2026-03-02 09:15  RECOVERY-SESSION-260302-001-091500  42 events  2.0 KB  before deploy',
    );
    expect(lines).toContain('› [V] View recent messages');
    expect(lines).toContain('  [L] Load checkpoint');
    expect(lines[2]).toBe('session  none yet');
  });

  it('never draws more lines than the terminal has, or wider ones', () => {
    const many = Array.from({ length: 50 }, () => ({ checkpoint, events: 1 }));
    const lines = render(
      plain,
      { name: 'main', cursor: 0, notice: null },
      { project, session: null, checkpoints: many },
      { columns: 40, rows: 20 },
    );
    expect(lines.length).toBeLessThanOrEqual(20);
    expect(lines.every((l) => l.length <= 40)).toBe(true);
    expect(lines.join('\n')).toContain('more under Load');
  });
});

import { describe, expect, it } from 'vitest';
import { codexHookHash, codexHookTrust, trustAdvice } from './hook-trust.js';
import { codexHookSet } from './hook-entries.js';

const command = '"/usr/bin/node" "/work/wt-agents/bin/baton.js" hook codex';
const file = '/home/u/.codex/hooks.json';
const hooksJson = JSON.stringify({
  hooks: {
    PreToolUse: [
      { matcher: 'Bash', hooks: [{ type: 'command', command: 'other-tool' }] },
      { hooks: [{ type: 'command', command, timeout: 10 }] },
    ],
    SessionEnd: [{ hooks: [{ type: 'command', command, timeout: 10 }] }],
  },
});
const set = codexHookSet('baton');

describe('Codex hook trust', () => {
  it("hashes a handler as Codex 0.171 does (values Codex's app-server reported)", () => {
    expect(codexHookHash('PreToolUse', { command, timeout: 10 }, undefined)).toBe(
      'sha256:64c6ad2e020d8d0d438b449dcc8aa42e07ce0d28d5fe91ad8208f17d17f04b05',
    );
    // Codex caps SessionEnd's timeout at 3 s before hashing.
    expect(codexHookHash('SessionEnd', { command, timeout: 10 }, undefined)).toBe(
      'sha256:53fcd91e82c24dedd940c299cd6b0627576aea25645a97f33bbf7fec28b8b9cb',
    );
  });

  it("finds Baton's handlers untrusted, trusted or changed by config.toml's hooks.state", () => {
    const preKey = `${file}:pre_tool_use:1:0`;
    const endKey = `${file}:session_end:0:0`;
    const preHash = codexHookHash('PreToolUse', { command, timeout: 10 }, undefined);
    const toml = [
      `[hooks.state.${JSON.stringify(preKey)}]`,
      `trusted_hash = "${preHash}"`,
      `[hooks.state.${JSON.stringify(endKey)}]`,
      'trusted_hash = "sha256:0000"',
    ].join('\n');
    const trust = codexHookTrust(file, hooksJson, toml, set);
    expect(trust.map((t) => [t.key, t.state])).toEqual([
      [preKey, 'trusted'],
      [endKey, 'changed'],
    ]);
    expect(trustAdvice(trust)).toContain('1 changed since you trusted them');
    const none = codexHookTrust(file, hooksJson, null, set);
    expect(none.map((t) => t.state)).toEqual(['untrusted', 'untrusted']);
    expect(trustAdvice(none)).toContain('2 not yet trusted');
  });

  it('gives no advice when every hook is trusted, and reads a file with a BOM', () => {
    const lines = codexHookTrust(file, hooksJson, null, set).map(
      (t) => `[hooks.state.${JSON.stringify(t.key)}]\ntrusted_hash = "${t.currentHash}"`,
    );
    const trust = codexHookTrust(file, hooksJson, `\uFEFF${lines.join('\n')}`, set);
    expect(trust.every((t) => t.state === 'trusted')).toBe(true);
    expect(trustAdvice(trust)).toBeNull();
  });
});

// A spool file written by the MCP server's shell front (`"from":"sh-mcp"`: the client's whole
// `tools/call` line of the hook tool) reads as the payload the Node front spools for that call,
// also once a drain has sealed it (the seal keeps no `from`, so it seals the payload).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { payloadFromToolArguments } from '../claude-code/mcp-hook.js';
import { SPOOLED_MCP_CALL, openSpooled, sealPlainSpooled } from './spool-crypt.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const args = {
  hook_event_name: 'PostToolUse',
  session_id: 's1',
  tool_name: 'Bash',
  tool_input: '{"command":"echo \\"hi\\""}',
  tool_response: '{"stdout":"hi\\n","stderr":""}',
  tool_use_id: 'toolu_1',
  error: '',
  duration_ms: '12',
};
const line = JSON.stringify({
  method: 'tools/call',
  params: { name: 'hook_event', arguments: args },
  jsonrpc: '2.0',
  id: 7,
});
const header = `{"agent":"claude-code","receivedAt":1700000000123,"from":"${SPOOLED_MCP_CALL}"}`;

describe('a hook call spooled by the shell front', () => {
  it('opens as the payload the Node front spools, before and after a drain seals it', () => {
    const home = mkdtempSync(join(tmpdir(), 'baton-spool-mcp-'));
    dirs.push(home);
    const expected = JSON.parse(payloadFromToolArguments(args)!) as unknown;
    const text = `${header}\n${line}\n`;
    expect(openSpooled(home, text)).toEqual({
      agent: 'claude-code',
      receivedAt: 1700000000123,
      payload: expected,
    });
    const file = join(home, 'x.hook');
    writeFileSync(file, text);
    expect(sealPlainSpooled(home, file)).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain('toolu_1');
    expect(openSpooled(home, readFileSync(file, 'utf8'))).toEqual({
      agent: 'claude-code',
      receivedAt: 1700000000123,
      payload: expected,
    });
  });

  it('is refused when its line is not a call of the hook tool', () => {
    const home = mkdtempSync(join(tmpdir(), 'baton-spool-mcp-'));
    dirs.push(home);
    for (const bad of [
      line.replace('"hook_event"', '"todo_list"'),
      line.replace('"tools/call"', '"tools/list"'),
      '{"method":"tools/call"',
    ])
      expect(() => openSpooled(home, `${header}\n${bad}\n`)).toThrow(/not a call of the hook tool/);
  });
});

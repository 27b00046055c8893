// Pins `baton search` as a user runs it: natural-language questions and identifiers over a real
// store, every flag, exclusions typed as bare arguments, the published --json shape, and clear
// one-line errors (exit 2 or 3) for bad queries — never an SQL error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, T0, loadConversation } from '../../src/search/conversation.fixture.js';
import type { Conversation } from '../../src/search/conversation.fixture.js';
import { searchResultShape } from '../../src/schemas/index.js';
import { baton, openStore, sandbox } from './cli-process.js';
import type { Sandbox } from './cli-process.js';

let box: Sandbox;
let c: Conversation;

beforeAll(() => {
  box = sandbox();
  const { store } = openStore(box, T0 + 4 * DAY);
  c = loadConversation(store);
  store.close();
});
afterAll(() => box.dispose());

function hits(args: string[]) {
  const r = baton(box, ['search', ...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return searchResultShape.parse(JSON.parse(r.stdout));
}
const ids = (args: string[]) => hits(args).hits.map((h) => h.event?.id ?? h.record?.id);

describe('baton search', () => {
  it('answers a question in plain words, printing the published shape', () => {
    const result = hits(['why', 'did', 'the', 'staging', 'deployment', 'fail?', '--all-projects']);
    expect(result.query).toBe('why did the staging deployment fail?');
    expect(result.hits.slice(0, 3).map((h) => h.event?.id)).toContain(c.ids.deployAnswer);
    const hit = result.hits.find((h) => h.event?.id === c.ids.deployAnswer)!;
    expect(hit.session).toEqual({
      id: c.sessionA.id,
      handle: c.sessionA.handle,
      agent: 'claude-code',
      agentSessionId: 'cc-1111',
    });
    expect(hit.event?.ts).toBe(new Date(T0 + 3 * 60_000).toISOString());
  });

  it('finds identifiers and paths by their parts', () => {
    expect(ids(['session', '--all-projects'])).toEqual(
      expect.arrayContaining([c.ids.readSession, c.ids.flakyAnswer]),
    );
    expect(ids(['ratelimit.ts', '--all-projects'])).toHaveLength(3);
  });

  it('takes -word as an exclusion, not an option', () => {
    const all = ids(['staging', '--all-projects']);
    const without = ids(['staging', '-kubectl', '--all-projects']);
    expect(without.length).toBe(all.length - 1);
  });

  it('scopes to the current folder’s project unless told otherwise', () => {
    expect(ids(['staging'])).toEqual([]);
    expect(baton(box, ['search', 'staging']).stdout).toContain(
      'search every project: --all-projects',
    );
    expect(ids(['deploying', '--project', 'blog'])).toHaveLength(2);
  });

  it('applies --agent, --session, --kind, --since, --until, --limit, --offset and --total', () => {
    expect(
      hits(['staging', '--all-projects', '--agent', 'codex']).hits.every(
        (h) => h.session?.agent === 'codex',
      ),
    ).toBe(true);
    expect(
      hits(['staging', '--all-projects', '--session', 'cx-2222']).hits.every(
        (h) => h.session?.id === c.sessionB.id,
      ),
    ).toBe(true);
    expect(ids(['staging', '--all-projects', '--kind', 'tool_result,fact'])).toEqual(
      expect.arrayContaining([c.ids.deployedResult, c.records.fact]),
    );
    expect(
      ids(['staging', '--all-projects', '--kind', 'tool_result', '--kind', 'fact']),
    ).toHaveLength(2);
    const since = new Date(T0 + DAY).toISOString();
    const until = new Date(T0 + 2 * DAY + DAY / 2).toISOString();
    expect(
      hits(['staging', '--all-projects', '--since', since, '--until', until]).hits.every(
        (h) => h.session?.id === c.sessionB.id,
      ),
    ).toBe(true);
    const page1 = ids(['staging', '--all-projects', '--limit', '2']);
    const page2 = ids(['staging', '--all-projects', '--limit', '2', '--offset', '2']);
    expect([...page1, ...page2]).toEqual(ids(['staging', '--all-projects']).slice(0, 4));
    expect(hits(['staging', '--all-projects', '--total']).total).toBe(
      ids(['staging', '--all-projects']).length,
    );
  });

  it('prints hits readably: where, when, what, and the snippet', () => {
    const r = baton(box, ['search', 'kubectl', '--all-projects']);
    expect(r.stdout).toMatch(
      / {2}1\. SESSION-\d{6}-001 {2}claude-code {2}\d{4}-\d\d-\d\d \d\d:\d\d {2}tool_call Bash {2}#\d+/,
    );
    expect(r.stdout).toContain('     kubectl logs deploy/webshop-api -n staging');
  });

  it('reads any query as words where operators do not fit, and refuses bad flags, never SQL', () => {
    const cases: [string[], number, RegExp][] = [
      [['"unclosed'], 0, /^$/],
      [['--', '-only'], 0, /^$/],
      [['kind:banana'], 0, /^$/],
      [['x', '--kind', 'banana'], 2, /unknown kind "banana"/],
      [
        ['x', '--session', 'SESSION-990101-001', '--all-projects'],
        3,
        /no session "SESSION-990101-001"/,
      ],
      [['x', '--limit', '0'], 2, /--limit must be a whole number/],
      [['NEAR(a', 'b)', 'AND', 'OR', '{x}', '^', '--all-projects'], 0, /^$/],
      [['*'], 0, /^$/],
    ];
    for (const [args, code, message] of cases) {
      const r = baton(box, ['search', ...args]);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/sqlite|fts5|syntax error/i);
      expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(1);
    }
  });

  it('publishes the hit shape as JSON Schema', () => {
    const r = baton(box, ['schema', 'search-hit']);
    const schema = JSON.parse(r.stdout) as { properties: Record<string, unknown>; $id: string };
    expect(schema.$id).toBe('urn:baton:schema:search-hit');
    expect(Object.keys(schema.properties)).toEqual([
      'score',
      'match',
      'projectId',
      'session',
      'event',
      'record',
    ]);
  });
});

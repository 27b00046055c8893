// Pins the MCP server as an agent sees it through the SDK's own client, in memory: what it lists,
// every tool with valid and invalid arguments, resources, prompts, and that a failure inside a
// tool is a tool error while the server goes on.
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../store/index.js';
import { closeClients, resourceText, setup, textOf } from './in-memory-client.fixture.js';
import { toolCases } from './tool-cases.fixture.js';
import { ALL_TOOLS } from './tools/all-tools.js';

afterEach(closeClients);

describe('MCP server listing', () => {
  it('lists every tool with a description, an input schema and annotations', async () => {
    const { client, seeded } = await setup();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(Object.keys(toolCases(seeded)).sort());
    for (const tool of tools) {
      expect(tool.description?.length, tool.name).toBeGreaterThan(80);
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.annotations?.readOnlyHint !== undefined, tool.name).toBe(true);
    }
  });

  it('lists the brief as a resource, sessions and checkpoints as templates, and two prompts', async () => {
    const { client } = await setup();
    // The same for every project (the small MCP entry answers it without the store).
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(['baton://brief']);
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual([
      'baton://checkpoint/{handle}',
      'baton://session/{handle}',
    ]);
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['emergency_resume', 'resume']);
  });
});

describe('every tool', () => {
  it('answers a valid call with text and structured content of its output shape', async () => {
    const { call, seeded } = await setup();
    for (const [name, c] of Object.entries(toolCases(seeded))) {
      const result = await call(name, c.valid);
      expect(result.isError, `${name}: ${textOf(result)}`).toBeFalsy();
      expect(textOf(result).length, name).toBeGreaterThan(0);
      const shape = ALL_TOOLS.find((t) => t.name === name)!.output;
      const parsed = shape.strict().safeParse(result.structuredContent);
      expect(parsed.error, name).toBeUndefined();
    }
  });

  it('answers an invalid call with a tool error that says what to fix', async () => {
    const { call, seeded } = await setup();
    for (const [name, c] of Object.entries(toolCases(seeded))) {
      const result = await call(name, c.invalid);
      expect(result.isError, name).toBe(true);
      expect(textOf(result), name).toMatch(c.error);
    }
  });

  it('rejects arguments it does not know, naming them', async () => {
    const { call } = await setup();
    const result = await call('todo_list', { statuses: ['pending'] });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/statuses/);
  });
});

/** The store, except that raw reads (search's ranking queries) fail as a broken disk would. */
function withFailingReads(store: Store): Store {
  return new Proxy(store, {
    get(target, key) {
      if (key === 'query')
        return () => {
          throw new Error('disk on fire');
        };
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}

describe('failures', () => {
  it('turns an internal failure into a tool error and keeps serving', async () => {
    const { call } = await setup({}, withFailingReads);
    const failed = await call('search', { query: 'x' });
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toMatch(/internal error in Baton: disk on fire/);
    const next = await call('todo_list');
    expect(next.isError).toBeFalsy();
  });

  it('passes a BatonError hint through to the model', async () => {
    const { call } = await setup();
    const r = await call('timeline', { event: 'no-such-event' });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toBe(
      'no event "no-such-event" — use an event id from a search hit, or a seq (@number) from get_session',
    );
  });
});

describe('resources and prompts', () => {
  it('reads the brief, a session and a checkpoint', async () => {
    const { client, seeded } = await setup();
    const brief = await client.readResource({ uri: 'baton://brief' });
    expect(resourceText(brief)).toMatch(/Deploy the fix to staging/);
    const session = await client.readResource({ uri: `baton://session/${seeded.sessionHandle}` });
    expect(resourceText(session)).toMatch(/Fix the login bug[\s\S]*All auth tests pass now/);
    const checkpoint = await client.readResource({
      uri: `baton://checkpoint/${seeded.checkpointHandle}`,
    });
    const parsed = JSON.parse(resourceText(checkpoint)) as {
      checkpoint: { label: string };
      snapshot: { todos: unknown[] };
    };
    expect(parsed.checkpoint.label).toBe('seeded');
    expect(parsed.snapshot.todos).toHaveLength(2);
    await expect(
      client.readResource({ uri: 'baton://session/SESSION-000000-999' }),
    ).rejects.toThrow(/no session/);
  });

  it('gives the resume and emergency prompts', async () => {
    const { client, seeded } = await setup();
    const resume = await client.getPrompt({ name: 'resume', arguments: {} });
    const text = (resume.messages[0]!.content as { text: string }).text;
    expect(text).toMatch(new RegExp(`resuming work from ${seeded.sessionHandle}`));
    expect(text).toMatch(/Propose the next actions/);
    const emergency = await client.getPrompt({ name: 'emergency_resume', arguments: {} });
    const small = (emergency.messages[0]!.content as { text: string }).text;
    expect(small).toMatch(/Write a regression test/);
    expect(small).not.toMatch(/Last actions/);
  });
});

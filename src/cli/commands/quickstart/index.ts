import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { SqliteStore, storePath } from '../../../store/index.js';
import type { Store } from '../../../store/index.js';
import type { CliContext } from '../../context.js';
import { examples, withJson } from '../../options.js';
import { formatTime, oneLine } from '../../output.js';
import { printHistoryQuickstart, quickstartFromHistory } from './history.js';

export function registerQuickstart(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('quickstart')
    .description(
      "set up the store, import this machine's agent history and show this project's brief (a demo when there is no history)",
    );
  withJson(cmd);
  examples(cmd, ['baton quickstart', 'BATON_HOME=/tmp/baton-try baton quickstart']);
  cmd.action(async (opts: { json?: boolean }) => {
    const store = ctx.store();
    const path = storePath(ctx.home);
    const history = await quickstartFromHistory(ctx);
    if (history) {
      const storeInfo = {
        path,
        schemaVersion: store.info.schemaVersion,
        machineId: store.info.machineId,
      };
      if (opts.json)
        return ctx.out.json({
          store: storeInfo,
          history: history.report,
          project: history.project,
          brief: history.brief || null,
        });
      ctx.out.line(ctx.out.bold('Baton is ready.'));
      ctx.out.line(`  store   ${path}  (SQLite, schema v${store.info.schemaVersion})`);
      return printHistoryQuickstart(ctx, history);
    }
    const demo = runDemo(ctx);
    if (opts.json) {
      return ctx.out.json({
        store: { path, schemaVersion: store.info.schemaVersion, machineId: store.info.machineId },
        demo,
      });
    }
    printDemo(ctx, store, path, demo);
  });
}

/** The demo's story on a terminal: the store, the throw-away session it recorded, what next. */
function printDemo(ctx: CliContext, store: Store, path: string, demo: DemoReport): void {
  const o = ctx.out;
  o.line(o.bold('Baton is ready.'));
  o.line(`  store   ${path}  (SQLite, schema v${store.info.schemaVersion})`);
  o.line(`  holds   ${store.sessions.list({}).length} sessions, ${store.events.count()} events`);
  o.line();
  o.line(
    o.bold('DEMO') +
      o.dim(
        ' — a session recorded into a throw-away store, deleted again; your store is untouched',
      ),
  );
  o.line(`  ${demo.session}  agent=${demo.agent}  project=${demo.project}`);
  for (const e of demo.events) o.line(`  ${o.dim(e.time)}  ${e.kind.padEnd(18)} ${e.text}`);
  o.line();
  o.line(`  todos      ${demo.todos.map((t) => `[${t.status}] ${t.content}`).join('; ')}`);
  o.line(`  decision   ${demo.decision}`);
  o.line(`  fact       ${demo.fact}`);
  o.line(`  redacted   a secret the demo typed was stored as ${demo.redactedAs}`);
  o.line();
  o.line(o.bold('Next'));
  o.line('  baton session start --title "what I am doing"   start recording by hand');
  o.line('  baton todo add "..."  /  baton decision add "..."  /  baton context set KEY VALUE');
  o.line('  baton session list --all-projects                what has been recorded');
  o.line('  baton export --format events > history.jsonl     events, records and checkpoints');
  o.line('  baton --help                                     every command, with examples');
}

interface DemoReport {
  session: string;
  agent: string;
  project: string;
  events: { time: string; kind: string; text: string }[];
  todos: { content: string; status: string }[];
  decision: string;
  fact: string;
  redactedAs: string;
}

/** Records a short scripted session into a temporary store and reads it back. */
function runDemo(ctx: CliContext): DemoReport {
  const dir = mkdtempSync(join(tmpdir(), 'baton-demo-'));
  let store: Store | undefined;
  try {
    store = SqliteStore.open({ path: join(dir, 'demo.db'), clock: ctx.world.clock });
    return script(store, ctx.now);
  } finally {
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function script(store: Store, now: number): DemoReport {
  const project = store.projects.ensure({
    key: 'path:/demo/webshop',
    root: '/demo/webshop',
    remoteUrl: null,
    name: 'webshop',
  });
  const session = store.sessions.start({
    agent: 'demo-agent',
    projectId: project.id,
    title: 'Demo: fix checkout rounding',
    startedAt: now - 60_000,
  });
  const secret = 'sk-proj-' + 'DEMO0123456789abcdefghijklmnopqrstuv';
  store.events.append([
    {
      sessionId: session.id,
      ts: now - 50_000,
      kind: 'user_message',
      role: 'user',
      text: 'Checkout totals are off by a cent; fix the rounding in cart.ts',
      source: 'api',
    },
    {
      sessionId: session.id,
      ts: now - 40_000,
      kind: 'tool_call',
      tool: 'Read',
      text: 'Read src/cart.ts',
      data: { file: 'src/cart.ts' },
      source: 'api',
    },
    {
      sessionId: session.id,
      ts: now - 30_000,
      kind: 'tool_call',
      tool: 'Bash',
      text: `OPENAI_API_KEY=${secret} npm test`,
      source: 'api',
    },
    {
      sessionId: session.id,
      ts: now - 25_000,
      kind: 'error',
      tool: 'Bash',
      text: 'FAIL cart.test.ts: expected 10.01, got 10.00',
      source: 'api',
    },
    {
      sessionId: session.id,
      ts: now - 10_000,
      kind: 'assistant_message',
      role: 'assistant',
      text: 'Switched totals to integer cents; all tests pass.',
      source: 'api',
    },
  ]);
  const t1 = store.todos.add({
    projectId: project.id,
    content: 'Fix rounding in cart totals',
    originSessionId: session.id,
  });
  store.todos.update(t1.id, { status: 'completed' });
  store.todos.add({
    projectId: project.id,
    content: 'Add a property test for totals',
    originSessionId: session.id,
  });
  const d = store.decisions.add({
    projectId: project.id,
    decision: 'Store money as integer cents',
    reasoning: 'floats lose cents',
    sessionId: session.id,
  });
  store.facts.set({
    projectId: project.id,
    key: 'test.command',
    value: 'npm test',
    priority: 'high',
  });
  store.sessions.update(session.id, { status: 'ended', endedAt: now, endReason: 'demo finished' });

  const events = store.events.list({ sessionId: session.id });
  const redacted = events.find((e) => e.tool === 'Bash' && e.kind === 'tool_call')?.text ?? '';
  return {
    session: store.sessions.get(session.id)!.handle,
    agent: 'demo-agent',
    project: project.name,
    events: events.map((e) => ({
      time: formatTime(e.ts),
      kind: e.tool ? `${e.kind}:${e.tool}` : e.kind,
      text: oneLine(e.text, 70),
    })),
    todos: store.todos
      .list({ projectId: project.id })
      .map((t) => ({ content: t.content, status: t.status })),
    decision: `${d.decision} — ${d.reasoning ?? ''}`,
    fact: 'test.command = "npm test" (high)',
    redactedAs: /\[REDACTED:[^\]]+\]/.exec(redacted)?.[0] ?? '(nothing found)',
  };
}

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { exportEvents, exportRecords } from '../../capture/index.js';
import type { EventsExportFilter } from '../../capture/index.js';
import { BatonError } from '../../core/index.js';
import type { CliContext } from '../context.js';
import { examples, withProject } from '../options.js';

export function registerExport(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('export')
    .description(
      'write history out as Events JSONL v1: events, then todos, decisions, facts, components and checkpoints (import gives them back)',
    )
    .requiredOption('-f, --format <format>', 'output format: events')
    .option('-s, --session <session>', 'only this session (id or handle)')
    .option('-A, --all-projects', 'every project, not just this one')
    .option('-o, --output <file>', 'write to a file instead of standard output');
  withProject(cmd);
  examples(cmd, [
    'baton export --format events > project.jsonl',
    'baton export --format events --all-projects -o everything.jsonl',
    'baton export --format events --session SESSION-261123-001',
  ]);
  cmd.action((opts: ExportOpts) => runExport(ctx, opts));
}

interface ExportOpts {
  format: string;
  session?: string;
  allProjects?: boolean;
  output?: string;
  project?: string;
}

/**
 * The events, then the records of the project (or of every project, global facts included); a
 * session's export holds its events only, records being the project's.
 */
function* exportLines(
  store: ReturnType<CliContext['store']>,
  filter: EventsExportFilter,
): Generator<string> {
  yield* exportEvents(store, filter);
  if (filter.sessionId === undefined) yield* exportRecords(store, filter.projectId ?? null);
}

/** Streams the chosen events as JSONL to the file or standard output, in 64 KiB writes. */
async function runExport(ctx: CliContext, opts: ExportOpts): Promise<void> {
  if (opts.format !== 'events') {
    throw new BatonError('USAGE', `unknown format "${opts.format}"`, {
      hint: 'the format is: events',
    });
  }
  const store = ctx.store();
  const filter: EventsExportFilter = {};
  if (opts.session) {
    const s = store.sessions.get(opts.session);
    if (!s) throw new BatonError('NOT_FOUND', `no session "${opts.session}"`);
    filter.sessionId = s.id;
  } else if (!opts.allProjects) {
    filter.projectId = ctx.project(opts.project).id;
  }
  let lines = 0;
  const out: Writable = opts.output
    ? createWriteStream(resolve(ctx.world.cwd, opts.output), { mode: 0o600 })
    : ctx.world.stdout;
  let chunk = '';
  for (const line of exportLines(store, filter)) {
    lines += 1;
    chunk += line;
    if (chunk.length >= 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  if (chunk) out.write(chunk);
  if (opts.output) {
    out.end();
    await once(out, 'finish');
  }
  // An empty output is easy to take for a lost history: say what was looked in.
  if (lines === 0 && filter.projectId !== undefined) {
    const project = ctx.project(opts.project);
    ctx.out.error(
      `baton: nothing to export: no events in project "${project.name}" (${project.root}); --all-projects exports every project`,
    );
  }
}

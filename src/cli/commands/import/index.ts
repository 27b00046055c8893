import { createReadStream, openSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import { CAPTURE_ADAPTERS, adapterFor, importEvents } from '../../../capture/index.js';
import type { EventsImportResult } from '../../../capture/index.js';
import { BatonError } from '../../../core/index.js';
import { lowerBulkPriority } from '../../../store/index.js';
import type { CliContext } from '../../context.js';
import { examples, withJson } from '../../options.js';
import { printable } from '../../output.js';
import { createProgress } from '../../views/progress.js';
import { importAgents, printAgentImport } from './agents.js';

const FORMATS = ['events'] as const;
const MAX_LISTED = 20;

export function registerImport(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('import')
    .description(
      'bring history into Baton: every agent transcript on this machine, or Events JSONL v1 files',
    )
    .argument(
      '[source...]',
      `an agent (${CAPTURE_ADAPTERS.map((a) => a.agent).join(', ')}) and optional transcript files or folders; with --format events, files (- for standard input)`,
    )
    .option('-f, --format <format>', `input format: ${FORMATS.join(', ')}`);
  withJson(cmd);
  examples(cmd, [
    'baton import                                    # every agent found (claude-code, codex, gemini)',
    'baton import claude-code                        # all of ~/.claude/projects, incrementally',
    'baton import claude-code ~/.claude/projects/-home-me-app --json',
    'baton import codex                              # every rollout under $CODEX_HOME/sessions',
    'baton import gemini                             # every chat under ~/.gemini/tmp',
    'baton import --format events backup.jsonl',
    'cat a.jsonl b.jsonl | baton import --format events -',
    'baton import --format events history.jsonl --json   # summary for scripts',
  ]);
  cmd.action(async (files: string[], opts: { format?: string; json?: boolean }) => {
    // Bulk work: hooks that agents wait on get the cores first (store/bulk-priority.ts).
    lowerBulkPriority(ctx.world.env);
    if (opts.format === undefined) {
      const [agent, ...paths] = files;
      const adapters = agent === undefined ? CAPTURE_ADAPTERS : [adapterFor(agent)];
      printAgentImport(ctx, await importAgents(ctx, adapters, paths), opts.json ?? false);
      return;
    }
    await importEventFiles(ctx, files, opts);
  });
}

/** `--format events`: each file (or standard input) through the Events JSONL importer. */
async function importEventFiles(
  ctx: CliContext,
  files: string[],
  opts: { format?: string; json?: boolean },
): Promise<void> {
  if (opts.format !== 'events') {
    throw new BatonError('USAGE', `unknown format "${opts.format}"`, {
      hint: 'baton import --format events FILE|-',
    });
  }
  if (files.length === 0)
    throw new BatonError('USAGE', 'name a file to import, or - for standard input');
  const store = ctx.store();
  const total: EventsImportResult & { files: number } = {
    files: 0,
    lines: 0,
    imported: 0,
    duplicates: 0,
    malformed: [],
    sessions: 0,
    records: {},
    unknownRecords: {},
  };
  const problems: string[] = [];
  for (const file of files) {
    // One file that cannot be read is reported with the rest; the others are still imported.
    // When the only file named cannot be read, that is the error itself (exit 7, not 1).
    let opened: ReturnType<typeof open>;
    try {
      opened = open(ctx, file);
    } catch (error) {
      if (files.length === 1) throw error;
      problems.push(`${file}: ${(error as Error).message}`);
      continue;
    }
    const { input, size, name } = opened;
    const progress = createProgress(ctx, name, size);
    const counted = input.pipe(countBytes((n) => progress.bytes(n)));
    // Loaded on use: the line schema is zod, which no other common command needs.
    const { eventLineV1: schema } = await import('../../../schemas/index.js');
    const r = await importEvents(store, counted, {
      schema,
      onProgress: (p) => progress.update(p.imported + p.duplicates),
    });
    progress.done();
    total.files += 1;
    total.lines += r.lines;
    total.imported += r.imported;
    total.duplicates += r.duplicates;
    total.sessions += r.sessions;
    total.malformed.push(...r.malformed);
    for (const [k, n] of Object.entries(r.records)) {
      const type = k as keyof typeof total.records;
      total.records[type] = (total.records[type] ?? 0) + n;
    }
    for (const [k, n] of Object.entries(r.unknownRecords)) {
      total.unknownRecords[k] = (total.unknownRecords[k] ?? 0) + n;
    }
    for (const m of r.malformed) problems.push(`${name}:${m.line}: ${m.message}`);
  }
  report(ctx, total, problems, opts.json ?? false);
}

/** The totals; malformed lines on stderr and, if any, a PARTIAL error (exit 1). */
function report(
  ctx: CliContext,
  total: EventsImportResult & { files: number },
  problems: string[],
  json: boolean,
): void {
  if (json) {
    ctx.out.json({
      files: total.files,
      lines: total.lines,
      imported: total.imported,
      duplicates: total.duplicates,
      sessions: total.sessions,
      records: total.records,
      unknownRecords: total.unknownRecords,
      malformed: problems.length,
      problems: problems.slice(0, 1000),
    });
  } else {
    ctx.out.line(
      `imported ${total.imported} events into ${total.sessions} new sessions from ${total.files} file(s); ` +
        `${total.duplicates} already present, ${problems.length} malformed`,
    );
    const records = Object.entries(total.records).map(([k, n]) => `${n} ${k}(s)`);
    if (records.length) ctx.out.line(`records: ${records.join(', ')}`);
  }
  // A newer Baton's record types are not an error: said once each, and the rest imports.
  for (const [k, n] of Object.entries(total.unknownRecords)) {
    ctx.out.error(
      `baton: skipped ${n} record line(s) of type ${printable(k)}, unknown to this Baton`,
    );
  }
  if (problems.length) {
    for (const p of problems.slice(0, MAX_LISTED)) ctx.out.error(`baton: skipped ${printable(p)}`);
    if (problems.length > MAX_LISTED)
      ctx.out.error(`baton: …and ${problems.length - MAX_LISTED} more malformed lines`);
    throw new BatonError(
      'PARTIAL',
      `${problems.length} line(s) or file(s) could not be imported; the rest was kept`,
    );
  }
}

function open(
  ctx: CliContext,
  file: string,
): { input: Readable; size: number | null; name: string } {
  if (file === '-') return { input: ctx.world.stdin, size: null, name: 'stdin' };
  const path = resolve(ctx.world.cwd, file);
  let size: number;
  let fd: number;
  try {
    // Refused before it is opened: opening a FIFO blocks until something writes to it.
    const st = statSync(path);
    if (!st.isFile())
      throw new Error(`not a regular file${st.isFIFO() ? ' (a FIFO)' : ''}: refused`);
    size = st.size;
    fd = openSync(path, 'r');
  } catch (error) {
    throw new BatonError('IO', `cannot read ${file}: ${(error as Error).message}`);
  }
  // Large reads: the events import hands each chunk to its worker, and fewer, larger chunks cost
  // it less (64 KiB is Node's default).
  return { input: createReadStream('', { fd, highWaterMark: 1 << 20 }), size, name: file };
}

function countBytes(onBytes: (n: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
}

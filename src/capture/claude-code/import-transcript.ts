// Reads one Claude Code transcript into the store, from where the last run stopped: parse the new
// lines (pure), then per batch, in one transaction, resolve sessions, append events (refs make a
// re-read add nothing), apply plan tools to todos for results that are new, and save the cursor
// with the parser's state, so a crash mid-file resumes exactly.
import { fstatSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { JsonObject } from '../../core/index.js';
import type { EventInput, Store } from '../../store/index.js';
import type { FileImportResult, TranscriptFile, TranscriptImportOptions } from '../adapter.js';
import { fingerprint, planTail, readLines, withFile } from '../jsonl-tail.js';
import { applyPlanEffect } from '../plan-sync.js';
import type { EventDraft } from './draft.js';
import { describeTranscriptPath } from './paths.js';
import { PLAN_TOOLS, planEffect } from './plan-effects.js';
import { AGENT } from './refs.js';
import { isRec } from '../json-fields.js';
import { SessionLinker } from './session-linker.js';
import { TranscriptParser, emptyParserState } from './transcript-parser.js';
import type { FileContext, ParserState } from './transcript-parser.js';

/** Drafts per store transaction: large enough to amortise the commit, small enough to report. */
const BATCH = 4000;

interface CursorState extends JsonObject {
  parser: ParserState;
  lineNo: number;
}

export function importClaudeTranscript(
  store: Store,
  file: TranscriptFile,
  options: TranscriptImportOptions = {},
): FileImportResult {
  const path = resolve(file.path);
  return withFile(path, (fd) => {
    const stat = fstatSync(fd);
    const cursor = store.getCursor(path);
    const tail = planTail(fd, stat.size, cursor);
    const result: FileImportResult = {
      path,
      unchanged: tail.unchanged,
      bytes: 0,
      lines: 0,
      imported: 0,
      duplicates: 0,
      newSessions: 0,
      malformed: [],
      unknownTypes: {},
    };
    if (tail.unchanged) return result;
    const saved = !tail.reset && cursor ? (cursor.state as Partial<CursorState>) : {};
    const state = isRec(saved.parser) ? saved.parser : emptyParserState();
    const startLine = typeof saved.lineNo === 'number' ? saved.lineNo : 0;
    const parser = new TranscriptParser(fileContext(path), state, startLine + 1);
    const linker = new SessionLinker(store, stat.mtimeMs);

    const flush = (offset: number) => {
      store.transaction(() => {
        const drafts = parser.take();
        const counts = appendDrafts(store, parser, linker, drafts, stat.mtimeMs, options);
        result.imported += counts.inserted;
        result.duplicates += counts.duplicates;
        store.setCursor({
          path,
          agent: AGENT,
          offset,
          size: stat.size,
          mtimeMs: stat.mtimeMs,
          fingerprint: fingerprint(fd, Math.max(offset, 1)),
          state: { parser: state, lineNo: startLine + parser.lines } satisfies CursorState,
        });
      });
      result.bytes = offset - tail.offset;
      options.onProgress?.({ bytes: result.bytes, events: result.imported + result.duplicates });
    };

    let pending = 0;
    const end = readLines(fd, tail.offset, stat.size, {
      line: (text, offset) => {
        parser.line(text, offset);
        pending += 1;
      },
      chunkEnd: (offset) => {
        if (pending >= BATCH) {
          flush(offset);
          pending = 0;
        }
      },
      acceptUnterminated: (text) => isCompleteRecord(text),
    });
    parser.finish();
    flush(end);
    store.transaction(() => linker.settle(parser.sessions.values()));
    result.lines = parser.lines;
    result.newSessions = linker.newSessions;
    result.malformed = parser.malformed;
    result.unknownTypes = parser.unknownTypes;
    return result;
  });
}

function isCompleteRecord(text: string): boolean {
  if (!text.trimEnd().endsWith('}')) return false;
  try {
    return isRec(JSON.parse(text));
  } catch {
    return false;
  }
}

function fileContext(path: string): FileContext {
  const described = describeTranscriptPath(path);
  let subagentMeta: JsonObject | null = null;
  if (described.layout === 'subagent') {
    try {
      const parsed: unknown = JSON.parse(
        readFileSync(path.replace(/\.jsonl$/, '.meta.json'), 'utf8'),
      );
      if (isRec(parsed)) subagentMeta = parsed;
    } catch {
      // No sidecar (older 2.1.x) or an unreadable one: the rows still link the subagent.
    }
  }
  return {
    fileKey: described.fileKey,
    sessionId: described.sessionId,
    agentId: described.agentId,
    subagentMeta,
  };
}

function appendDrafts(
  store: Store,
  parser: TranscriptParser,
  linker: SessionLinker,
  drafts: EventDraft[],
  fallbackTs: number,
  options: TranscriptImportOptions,
): { inserted: number; duplicates: number } {
  if (drafts.length === 0) return { inserted: 0, duplicates: 0 };
  const inputs: EventInput[] = [];
  const sessionIds: string[] = [];
  for (const d of drafts) {
    const sessionId = linker.idFor(parser.sessions.get(d.sessionKey)!);
    sessionIds.push(sessionId);
    if (d.callRef !== undefined && d.tool === null) joinEarlierCall(store, sessionId, d);
    const input: EventInput = {
      sessionId,
      ts: d.ts ?? fallbackTs,
      kind: d.kind,
      role: d.role,
      tool: d.tool,
      text: d.text,
      data: d.data,
      source: 'transcript',
      ref: d.ref,
    };
    if (d.raw !== undefined) input.raw = d.raw;
    inputs.push(input);
  }
  const appended = store.events.append(inputs);
  drafts.forEach((d, i) => {
    if (d.plan && appended.seqs[i] !== null) applyPlan(store, d, sessionIds[i]!, options);
  });
  return { inserted: appended.inserted, duplicates: appended.duplicates };
}

/** A result whose call was read in an earlier run: take the call's tool name (and input) from the store. */
function joinEarlierCall(store: Store, sessionId: string, d: EventDraft): void {
  const [row] = store.query<{ tool: string | null; data: string | null }>(
    'SELECT tool, data FROM events WHERE session_id = ? AND ref = ?',
    [sessionId, d.callRef],
  );
  if (!row) return;
  d.tool = row.tool;
  if (d.plan) {
    d.plan.tool = row.tool;
    const data = row.data === null ? null : (JSON.parse(row.data) as JsonObject);
    d.plan.input = data?.input ?? undefined;
  }
}

function applyPlan(
  store: Store,
  d: EventDraft,
  sessionId: string,
  options: TranscriptImportOptions,
) {
  const plan = d.plan!;
  if (plan.tool === null || !PLAN_TOOLS.has(plan.tool)) return;
  const effect = planEffect(plan.tool, plan.input, plan.result, plan.claudeSessionId);
  const projectId = store.sessions.get(sessionId)?.projectId ?? null;
  if (effect === null || projectId === null) return;
  const synced = applyPlanEffect(store, projectId, sessionId, effect);
  if (synced.completed.length && options.onTrigger)
    void options.onTrigger('todo_completed', sessionId);
}

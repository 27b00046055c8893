// Reads one Claude Code transcript into the store, from where the last run stopped (the batching,
// cursor and resumption are ../jsonl-tail-import's): the pure parser reads the new lines, and per
// batch each draft's session is resolved (a file holds its subagents' sessions too), events are
// appended (refs make a re-read add nothing) and plan tools applied to todos for new results.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { JsonObject } from '../../core/index.js';
import type { EventInput, Store } from '../../store/index.js';
import type { FileImportResult, TranscriptFile, TranscriptImportOptions } from '../adapter.js';
import { isRec } from '../json-fields.js';
import { importJsonlTail } from '../jsonl-tail-import.js';
import type { TailImporter } from '../jsonl-tail-import.js';
import { applyPlanEffect } from '../plan-sync.js';
import type { EventDraft } from './draft.js';
import { describeTranscriptPath } from './paths.js';
import { PLAN_TOOLS, planEffect } from './plan-effects.js';
import { AGENT } from './refs.js';
import { SessionLinker } from './session-linker.js';
import { TranscriptParser, emptyParserState } from './transcript-parser.js';
import type { FileContext, ParserState } from './transcript-parser.js';

export function importClaudeTranscript(
  store: Store,
  file: TranscriptFile,
  options: TranscriptImportOptions = {},
): FileImportResult {
  const path = resolve(file.path);
  return importJsonlTail(
    store,
    path,
    AGENT,
    (saved, firstLine, fallbackTs) =>
      claudeImporter(store, path, saved, firstLine, fallbackTs, options),
    options,
  );
}

function claudeImporter(
  store: Store,
  path: string,
  saved: JsonObject | null,
  firstLine: number,
  fallbackTs: number,
  options: TranscriptImportOptions,
): TailImporter {
  const state = saved ? (saved as ParserState) : emptyParserState();
  const parser = new TranscriptParser(fileContext(path), state, firstLine);
  const linker = new SessionLinker(store, fallbackTs);
  return {
    line: (text, offset, bytes) => parser.line(text, offset, bytes),
    finish: () => parser.finish(),
    appendPending: () => appendDrafts(store, parser, linker, parser.take(), fallbackTs, options),
    settle: () => linker.settle(parser.sessions.values()),
    get lines() {
      return parser.lines;
    },
    state,
    get report() {
      const { malformed, unknownTypes } = parser;
      return { newSessions: linker.newSessions, malformed, unknownTypes };
    },
  };
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
    if (d.raw !== undefined) {
      input.raw = d.raw;
      const bytes = parser.rawBytes.of(d.raw);
      if (bytes !== undefined) input.rawBytes = bytes;
    }
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
  const row = store.events.findByRef(sessionId, d.callRef!);
  if (!row) return;
  d.tool = row.tool;
  if (d.plan) {
    d.plan.tool = row.tool;
    d.plan.input = row.data?.input ?? undefined;
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

// Reads one Claude Code transcript into the store, from where the last run stopped (the batching,
// cursor and resumption are ../transcripts/jsonl-tail-import.ts): the pure parser reads the new
// lines, and per batch each draft's session is resolved (a file holds its subagents' sessions too),
// events are appended (refs make a re-read add nothing) and plan tools applied to todos for new
// results.
import { resolve } from 'node:path';
import type { JsonObject } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import type { FileImportResult, TranscriptFile, TranscriptImportOptions } from '../adapter.js';
import { importJsonlTail } from '../transcripts/jsonl-tail-import.js';
import type { TailImporter } from '../transcripts/jsonl-tail-import.js';
import { appendDrafts } from '../transcripts/draft-append.js';
import { ForkCopies } from '../transcripts/fork-copies.js';
import type { AppendRules } from '../transcripts/draft-append.js';
import { SessionLinker } from '../transcripts/session-linker.js';
import type { LinkRules } from '../transcripts/session-linker.js';
import type { PreparedRules } from '../transcripts/prepared-append.js';
import { fileContext } from './file-context.js';
import { PLAN_TOOLS, planEffect } from './plan-effects.js';
import type { PlanCall } from './plan-effects.js';
import { AGENT } from './refs.js';
import { TranscriptParser, emptyParserState } from './transcript-parser.js';
import type { ParserState } from './transcript-parser.js';

/** A file names its sessions several ways (ranked); a subagent's parent is what its rows tell. */
const LINK_RULES: LinkRules = { agent: AGENT, titles: 'ranked', parents: 'sighted' };

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
  const linker = new SessionLinker(store, LINK_RULES, fallbackTs);
  const forks = new ForkCopies(store, AGENT);
  const rules = appendRules(parser, linker);
  return {
    line: (text, offset, bytes) => parser.line(text, offset, bytes),
    finish: () => parser.finish(),
    appendPending: () =>
      appendDrafts(
        store,
        forks.keep(parser.take(), (d) => rules.sessionOf(d)),
        fallbackTs,
        rules,
        options,
      ),
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

/** How Claude Code's drafts meet the store: one file holds a session and its subagents. */
function appendRules(parser: TranscriptParser, linker: SessionLinker): AppendRules<PlanCall> {
  return {
    sessionOf: (d) => linker.idFor(parser.sessions.get(d.sessionKey)!),
    carryTs: false,
    rawBytes: parser.rawBytes,
    // A plan tool's result read without its call: the call's input comes from the store too.
    joinEarlierCall: (d, call) => {
      if (!d.plan) return;
      d.plan.tool = d.tool;
      d.plan.input = call.data?.input ?? undefined;
    },
    planEffect: ({ plan }) =>
      plan === undefined || plan.tool === null || !PLAN_TOOLS.has(plan.tool)
        ? null
        : planEffect(plan.tool, plan.input, plan.result, plan.claudeSessionId),
  };
}

/** The same rules for drafts a worker prepared (../transcripts/prepared-append.ts). */
export const CLAUDE_PREPARED_RULES: PreparedRules = {
  links: LINK_RULES,
  forks: true,
  joinEarlierCall: (d, call) => {
    const plan = d.plan as PlanCall | undefined;
    if (!plan) return;
    plan.tool = d.tool;
    plan.input = (call.data as { input?: PlanCall['input'] } | null)?.input ?? undefined;
  },
  planEffect: (d) => {
    const plan = d.plan as PlanCall | undefined;
    return plan === undefined || plan.tool === null || !PLAN_TOOLS.has(plan.tool)
      ? null
      : planEffect(plan.tool, plan.input, plan.result, plan.claudeSessionId);
  },
};

// Gemini CLI chats → the store: discovery under ~/.gemini/tmp, the incremental import of a JSONL
// chat, and the whole-file import of a legacy JSON chat (rewritten in place on every update, so it
// is read again when its size or time changes; the message ids make that add only what is new).
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Store } from '../../store/index.js';
import type {
  AgentEnv,
  FileImportResult,
  TranscriptFile,
  TranscriptImportOptions,
} from '../adapter.js';
import { appendDrafts } from '../transcripts/draft-append.js';
import { emptyImportResult } from '../transcripts/jsonl-tail-import.js';
import {
  importJsonlTranscript,
  wholeFileAppend,
  wholeFileLinks,
} from '../transcripts/jsonl-transcript-import.js';
import { SessionLinker } from '../transcripts/session-linker.js';
import { findTranscripts } from '../transcripts/transcript-walk.js';
import { GeminiChatParser } from './chat-parser.js';
import type { ChatContext, GeminiParserState } from './chat-parser.js';
import { splitLegacyChat } from './legacy-chat.js';
import { describeChatPath, geminiTmpDir, isChatFile } from './paths.js';
import { resolveProjectRoot, rootFromChatText } from './project-map.js';
import { AGENT } from './refs.js';

/** Main chats before subagents' chats, so a parent is usually read before its children. */
export function discoverChats(env: AgentEnv, paths: string[] = []): TranscriptFile[] {
  const files = findTranscripts([geminiTmpDir(env.env)], paths, env.cwd, isChatFile).map(
    (path) => ({
      path,
      role:
        describeChatPath(path).parentKey === null ? ('session' as const) : ('subagent' as const),
    }),
  );
  return [
    ...files.filter((f) => f.role === 'session'),
    ...files.filter((f) => f.role === 'subagent'),
  ];
}

export function importGeminiChat(
  store: Store,
  file: TranscriptFile,
  options: TranscriptImportOptions = {},
): FileImportResult {
  const context = chatContext(store, file.path);
  if (file.path.endsWith('.json')) return importLegacyChat(store, file.path, context, options);
  return importJsonlTranscript(
    store,
    file.path,
    AGENT,
    (saved, firstLine) =>
      new GeminiChatParser(context, (saved as GeminiParserState | null) ?? undefined, firstLine),
    options,
  );
}

function chatContext(store: Store, path: string): ChatContext {
  const described = describeChatPath(path);
  const roots = store.projects.list().map((p) => p.root);
  const dir = described.projectDir;
  return {
    fallbackKey: described.fallbackKey,
    parentKey: described.parentKey,
    projectRoot: dir
      ? (resolveProjectRoot(dir, roots) ?? rootFromChatText(dir, readHead(path)))
      : null,
    sessionOfChat,
  };
}

/** The session id a chat file's metadata names (its first line, or a legacy chat's object). */
function sessionOfChat(path: string): string | null {
  const head = readHead(path, 64 * 1024);
  const first = head.slice(0, head.indexOf('\n') < 0 ? head.length : head.indexOf('\n'));
  for (const text of [first, head]) {
    try {
      const meta = JSON.parse(text) as { sessionId?: unknown };
      if (typeof meta.sessionId === 'string') return meta.sessionId;
    } catch {
      // Not this shape: try the next, then give up (the fork keeps its copies).
    }
  }
  return null;
}

/** The start of a chat, where its first tool calls are (the whole of most chats). */
function readHead(path: string, bytes = 4 * 1024 * 1024): string {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(Math.min(bytes, fstatSync(fd).size));
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

function importLegacyChat(
  store: Store,
  file: string,
  context: ChatContext,
  options: TranscriptImportOptions,
): FileImportResult {
  const path = resolve(file);
  const result = emptyImportResult(path);
  const stat = statSync(path);
  const cursor = store.getCursor(path);
  if (cursor && cursor.size === stat.size && cursor.mtimeMs === stat.mtimeMs) {
    result.unchanged = true;
    return result;
  }
  const text = readFileSync(path, 'utf8');
  // Gemini CLI creates a chat's file before it writes the chat: an empty file is a chat with
  // nothing in it yet (no cursor saved, so it is read again once written), not a broken one.
  if (text.trim() === '') return result;
  result.lines = text.split('\n').length;
  const chat = splitLegacyChat(text);
  if (!chat.ok) {
    // A chat caught half-rewritten reads as broken JSON: reported, and read again next time.
    result.malformed.push({ line: 1, reason: 'json', message: chat.message });
    return result;
  }
  const parser = new GeminiChatParser(context);
  parser.record(chat.metadata, 0);
  chat.messages.forEach((m, i) => parser.record(m, i + 1));
  const linker = new SessionLinker(store, wholeFileLinks(AGENT), stat.mtimeMs);
  store.transaction(() => {
    const sessionId = linker.idFor(parser.sighting);
    const rules = wholeFileAppend(() => sessionId);
    const counts = appendDrafts(store, parser.take(), stat.mtimeMs, rules, options);
    result.imported = counts.inserted;
    result.duplicates = counts.duplicates;
    linker.settle([parser.sighting]);
    store.setCursor({
      path,
      agent: AGENT,
      offset: stat.size,
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      fingerprint: null,
      state: {},
    });
  });
  result.bytes = stat.size;
  result.newSessions = linker.newSessions;
  result.unknownTypes = parser.counts.unknownTypes;
  options.onProgress?.({ bytes: result.bytes, events: result.imported + result.duplicates });
  return result;
}

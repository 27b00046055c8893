// Codex rollouts → the store: discovery under $CODEX_HOME and the incremental import of one file.
import type {
  AgentEnv,
  FileImportResult,
  TranscriptFile,
  TranscriptImportOptions,
} from '../adapter.js';
import { importJsonlTranscript } from '../transcripts/jsonl-transcript-import.js';
import { findTranscripts } from '../transcripts/transcript-walk.js';
import { codexSessionsDirs, isRolloutFile, rolloutIdFromPath } from './paths.js';
import { AGENT } from './refs.js';
import { CodexRolloutParser } from './rollout-parser.js';
import type { CodexParserState } from './rollout-parser.js';

export function discoverRollouts(env: AgentEnv, paths: string[] = []): TranscriptFile[] {
  const isTranscript = paths.length === 0 ? isRolloutFile : (p: string) => p.endsWith('.jsonl');
  return findTranscripts(codexSessionsDirs(env.env), paths, env.cwd, isTranscript).map((path) => ({
    path,
    role: 'session' as const,
  }));
}

export function importCodexRollout(
  store: Parameters<typeof importJsonlTranscript>[0],
  file: TranscriptFile,
  options: TranscriptImportOptions = {},
): FileImportResult {
  return importJsonlTranscript(
    store,
    file.path,
    AGENT,
    (saved, firstLine) =>
      new CodexRolloutParser(
        rolloutIdFromPath(file.path),
        (saved as CodexParserState | null) ?? undefined,
        firstLine,
      ),
    options,
  );
}

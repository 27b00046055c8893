// What a Claude Code transcript's path (and a subagent's sidecar file) says about it: read by the
// importer on whichever thread parses the file.
import { readFileSync } from 'node:fs';
import type { JsonObject } from '../../core/index.js';
import { isRec } from '../json-fields.js';
import { describeTranscriptPath } from './paths.js';
import type { FileContext } from './transcript-parser.js';

export function fileContext(path: string): FileContext {
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

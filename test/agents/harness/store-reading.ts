// Reading the stored journal as a test wants it: tool calls paired with their results.
import type { StoredEvent } from './agent-sandbox.js';

export interface ToolPair {
  tool: string;
  callId: string;
  input: unknown;
  callIndex: number;
  resultIndex: number;
  result: string;
  failed: boolean;
}

/** Each tool call with its result (matched by call id), in call order; -1 when a side is missing. */
export function toolPairs(events: StoredEvent[]): ToolPair[] {
  const pairs: ToolPair[] = [];
  const byId = new Map<string, ToolPair>();
  const idOf = (e: StoredEvent) => {
    const id = e.data?.callId ?? e.data?.toolUseId;
    return typeof id === 'string' ? id : e.ref.replace(/^[a-z_]+:/, '');
  };
  events.forEach((e, index) => {
    if (e.kind !== 'tool_call') return;
    const pair: ToolPair = {
      tool: e.tool ?? '',
      callId: idOf(e),
      input: e.data?.input,
      callIndex: index,
      resultIndex: -1,
      result: '',
      failed: false,
    };
    byId.set(pair.callId, pair);
    pairs.push(pair);
  });
  events.forEach((e, index) => {
    if (e.kind !== 'tool_result' && e.kind !== 'error') return;
    const pair = byId.get(idOf(e));
    if (!pair || pair.resultIndex >= 0) return;
    pair.resultIndex = index;
    pair.result = e.text ?? '';
    pair.failed = e.kind === 'error' || e.data?.isError === true || e.data?.is_error === true;
  });
  return pairs;
}

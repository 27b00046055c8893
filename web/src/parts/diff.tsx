// Edits shown as diffs: an agent's edit tool names the text it replaced and its replacement
// (Claude Code's and Gemini's old_string/new_string, MultiEdit's edits, Write's content), and
// Codex sends a patch; either becomes lines marked removed, added or kept.
import type { Json, JsonObject } from '../types.js';

export interface DiffLine {
  mark: '-' | '+' | ' ' | '@';
  text: string;
}

/** Lines of `a` and `b` compared by their longest common subsequence (small inputs only). */
export function lineDiff(a: string, b: string): DiffLine[] {
  const x = a.split('\n');
  const y = b.split('\n');
  if (x.length * y.length > 400_000) {
    return [
      ...x.map((text) => ({ mark: '-' as const, text })),
      ...y.map((text) => ({ mark: '+' as const, text })),
    ];
  }
  const n = x.length;
  const m = y.length;
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lcs[i * (m + 1) + j] =
        x[i] === y[j]
          ? lcs[(i + 1) * (m + 1) + j + 1]! + 1
          : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      out.push({ mark: ' ', text: x[i]! });
      i += 1;
      j += 1;
    } else if (i < n && (j === m || lcs[(i + 1) * (m + 1) + j]! >= lcs[i * (m + 1) + j + 1]!)) {
      out.push({ mark: '-', text: x[i]! });
      i += 1;
    } else {
      out.push({ mark: '+', text: y[j]! });
      j += 1;
    }
  }
  return out;
}

const str = (o: JsonObject, k: string): string | null => {
  const v = o[k];
  return typeof v === 'string' ? v : null;
};
const isObj = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The diff a tool call's input describes, or null when it is not an edit. */
export function editDiff(input: Json | undefined): DiffLine[] | null {
  if (typeof input === 'string') return patchLines(input);
  if (!isObj(input)) return null;
  const oldText = str(input, 'old_string');
  const newText = str(input, 'new_string');
  if (oldText !== null && newText !== null) return lineDiff(oldText, newText);
  const edits = input.edits;
  if (Array.isArray(edits)) {
    return edits
      .filter(isObj)
      .flatMap((e, k) => [
        { mark: '@' as const, text: `edit ${k + 1}` },
        ...lineDiff(str(e, 'old_string') ?? '', str(e, 'new_string') ?? ''),
      ]);
  }
  const content = str(input, 'content');
  if (content !== null && str(input, 'file_path') !== null) return lineDiff('', content);
  for (const key of ['patch', 'input', 'diff']) {
    const v = str(input, key);
    if (v !== null) return patchLines(v);
  }
  return null;
}

function patchLines(text: string): DiffLine[] | null {
  if (!/^(\*\*\* Begin Patch|diff --git|--- |@@ )/m.test(text)) return null;
  return text.split('\n').map((line) => {
    const c = line[0];
    if (line.startsWith('@@') || line.startsWith('***')) return { mark: '@', text: line };
    if (c === '+' || c === '-') return { mark: c, text: line.slice(1) };
    return { mark: ' ', text: line.startsWith(' ') ? line.slice(1) : line };
  });
}

export function Diff({ lines, label }: { lines: DiffLine[]; label: string }) {
  return (
    <pre class="diff" aria-label={label}>
      {lines.map((l, i) => (
        <div
          key={i}
          class={`d${l.mark === ' ' ? 'k' : l.mark === '+' ? 'a' : l.mark === '-' ? 'r' : 'h'}`}
        >
          <span class="dm" aria-hidden="true">
            {l.mark === '@' ? ' ' : l.mark}
          </span>
          {l.text}
        </div>
      ))}
    </pre>
  );
}

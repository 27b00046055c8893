// One event of a session, readably: prompts and answers in full (Markdown, rendered safely),
// thinking folded, a tool call folded to one line with its input (an edit as a diff) and its
// result one click away, errors and compactions marked.
import { memo } from 'preact/compat';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { clock, oneLine } from '../format.js';
import type { BatonEvent, Json } from '../types.js';
import { Diff, editDiff } from './diff.js';
import { Markdown } from './markdown.js';

export interface RowProps {
  event: BatonEvent;
  /** The result of this tool call, when it is one and its result was recorded. */
  result?: BatonEvent | undefined;
  open: boolean;
  /** Called with the event's seq: one stable function serves every row. */
  onToggle: (seq: number) => void;
  current: boolean;
}

const LABELS: Record<string, string> = {
  user_message: 'You',
  assistant_message: 'Assistant',
  tool_call: 'Tool',
  tool_result: 'Result',
  error: 'Error',
  compaction: 'Compacted',
  file_change: 'File',
  command: 'Command',
  note: 'Note',
  system: 'System',
};

/** Re-rendered only when its own event, result, fold or replay mark changes. */
export const EventRow = memo(function EventRow(props: RowProps) {
  const { event: e } = props;
  const bad = failed(e) || (props.result !== undefined && failed(props.result));
  const cls = `ev ev-${e.kind}${props.current ? ' ev-current' : ''}${bad ? ' ev-failed' : ''}`;
  return (
    <article
      class={cls}
      id={`ev-${e.seq}`}
      aria-label={`${LABELS[e.kind] ?? e.kind} at ${clock(e.ts)}`}
    >
      <header class="ev-head">
        <span class="ev-kind">{LABELS[e.kind] ?? e.kind}</span>
        {e.tool && <span class="ev-tool">{e.tool}</span>}
        <time dateTime={e.ts}>{clock(e.ts)}</time>
        <span class="ev-seq">#{e.seq}</span>
      </header>
      <Body {...props} />
    </article>
  );
});

function failed(e: BatonEvent): boolean {
  return e.kind === 'error' || e.data?.isError === true || e.data?.is_error === true;
}

function Body(props: RowProps) {
  const e = props.event;
  switch (e.kind) {
    case 'user_message':
    case 'assistant_message':
      return (
        <div class="ev-body">
          {typeof e.data?.thinkingChars === 'number' && (
            <Thinking event={e} chars={e.data.thinkingChars} />
          )}
          {e.text ? <Markdown text={e.text} /> : <p class="muted">(no text)</p>}
        </div>
      );
    case 'tool_call':
    case 'tool_result':
      return <Folded {...props} />;
    case 'compaction':
      return (
        <p class="ev-body compaction">
          — the conversation was compacted here — {oneLine(e.text, 300)}
        </p>
      );
    default:
      return e.text ? <pre class="ev-body ev-text">{e.text}</pre> : null;
  }
}

function Folded({ event: e, result, open, onToggle }: RowProps) {
  const summary = oneLine(e.text) || e.tool || e.kind;
  return (
    <div class="ev-body">
      <button type="button" class="fold" aria-expanded={open} onClick={() => onToggle(e.seq)}>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> {summary}
        {result && failed(result) && <span class="badge bad">failed</span>}
      </button>
      {open && (
        <div class="fold-body">
          {e.kind === 'tool_call' && <Input input={e.data?.input} />}
          {e.kind === 'tool_result' && <pre class="ev-text">{e.text ?? '(no output)'}</pre>}
          {e.kind === 'tool_call' && (
            <section aria-label="result">
              <h4>Result</h4>
              {result ? (
                <pre class={`ev-text${failed(result) ? ' bad' : ''}`}>
                  {result.text ?? '(no output)'}
                </pre>
              ) : (
                <p class="muted">no result recorded</p>
              )}
            </section>
          )}
        </div>
      )}
    </div>
  );
}

function Input({ input }: { input: Json | undefined }) {
  const diff = editDiff(input);
  if (diff) return <Diff lines={diff} label="edit" />;
  if (input === undefined || input === null) return null;
  return (
    <pre class="ev-text">{typeof input === 'string' ? input : JSON.stringify(input, null, 2)}</pre>
  );
}

/** The thinking itself stays in the raw record the store kept; fetched when unfolded. */
function Thinking({ event, chars }: { event: BatonEvent; chars: number }) {
  const [text, setText] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const toggle = () => {
    setOpen(!open);
    if (text === null) {
      api.get<{ raw: string | null }>(`/events/${event.seq}/raw`).then(
        (r) => setText(thinkingOf(r.raw) ?? '(the raw record holds no thinking text)'),
        () => setText('(the raw record could not be read)'),
      );
    }
  };
  return (
    <div class="thinking">
      <button type="button" class="fold" aria-expanded={open} onClick={toggle}>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> thinking · {chars.toLocaleString()}{' '}
        characters
      </button>
      {open && <pre class="ev-text muted">{text ?? 'loading…'}</pre>}
    </div>
  );
}

function thinkingOf(raw: string | null): string | null {
  if (!raw) return null;
  const found: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'thinking' && typeof o.thinking === 'string') found.push(o.thinking);
      else Object.values(o).forEach(walk);
    }
  };
  try {
    walk(JSON.parse(raw));
  } catch {
    return null;
  }
  return found.length ? found.join('\n\n') : null;
}

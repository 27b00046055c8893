// The replay control: off, the whole session shows; on, the session shows up to a cursor that
// steps back and forth or plays on by itself.
import { useEffect, useState } from 'preact/hooks';

interface Props {
  count: number;
  cursor: number | null;
  onMove: (index: number | null) => void;
}

const STEP_MS = 700;

export function Replay({ count, cursor, onMove }: Props) {
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    if (!playing || cursor === null) return;
    if (cursor >= count - 1) {
      setPlaying(false);
      return;
    }
    const t = setTimeout(() => onMove(cursor + 1), STEP_MS);
    return () => clearTimeout(t);
  }, [playing, cursor, count]);
  if (cursor === null) {
    return (
      <div class="replay" role="group" aria-label="replay">
        <button type="button" onClick={() => onMove(0)} disabled={count === 0}>
          Replay
        </button>
      </div>
    );
  }
  const to = (i: number) => onMove(Math.max(0, Math.min(count - 1, i)));
  return (
    <div class="replay" role="group" aria-label="replay">
      <button
        type="button"
        onClick={() => to(cursor - 1)}
        aria-label="step back"
        disabled={cursor === 0}
      >
        ◀ Step
      </button>
      <button type="button" onClick={() => setPlaying(!playing)} aria-pressed={playing}>
        {playing ? 'Pause' : 'Play'}
      </button>
      <button
        type="button"
        onClick={() => to(cursor + 1)}
        aria-label="step forward"
        disabled={cursor >= count - 1}
      >
        Step ▶
      </button>
      <label>
        <span class="sr-only">position</span>
        <input
          type="range"
          min={0}
          max={Math.max(0, count - 1)}
          value={cursor}
          onInput={(e) => to(Number((e.target as HTMLInputElement).value))}
        />
      </label>
      <output aria-live="polite">
        {cursor + 1} / {count}
      </output>
      <button type="button" onClick={() => (setPlaying(false), onMove(null))}>
        Exit replay
      </button>
    </div>
  );
}

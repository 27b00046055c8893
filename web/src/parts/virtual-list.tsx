// A list that renders only the rows in view (and a few around), so a session of 100,000 events
// scrolls like one of 100. Rows have different heights: each starts at an estimate, is measured
// once rendered, and the running offsets are rebuilt from the measured heights; a row measured
// above the viewport moves the scroll position by its change, so what is on screen stays put.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';

interface Props<T> {
  items: readonly T[];
  keyOf: (item: T) => string | number;
  render: (item: T, index: number) => ComponentChildren;
  estimate?: number;
  /** Scrolls so the item at `index` is at the top; a new `nonce` scrolls again. */
  scrollTo?: { index: number; nonce: number } | null;
  label: string;
}

const OVERSCAN_PX = 600;

export function VirtualList<T>(props: Props<T>) {
  const { items, keyOf, render, estimate = 48 } = props;
  const box = useRef<HTMLDivElement>(null);
  const heights = useRef(new Map<string | number, number>());
  const [, setVersion] = useState(0);
  const [view, setView] = useState({ top: 0, height: 800 });

  // Built whole only for new items; a measured height then shifts the offsets after it in place
  // (a pass over a typed array, not 100,000 lookups by key on every frame of a scroll), and
  // a version bump re-renders with them.
  const offsets = useMemo(() => {
    const out = new Float64Array(items.length + 1);
    for (let i = 0; i < items.length; i += 1) {
      out[i + 1] = out[i]! + (heights.current.get(keyOf(items[i]!)) ?? estimate);
    }
    return out;
  }, [items, estimate, keyOf]);

  const first = Math.max(0, lowerBound(offsets, view.top - OVERSCAN_PX) - 1);
  const last = Math.min(
    items.length,
    lowerBound(offsets, view.top + view.height + OVERSCAN_PX) + 1,
  );

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const on = () => setView({ top: el.scrollTop, height: el.clientHeight });
    on();
    el.addEventListener('scroll', on, { passive: true });
    const ro = new ResizeObserver(on);
    ro.observe(el);
    return () => {
      el.removeEventListener('scroll', on);
      ro.disconnect();
    };
  }, []);

  // Measure what was rendered; keep the rows in view where they are.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const changes: { index: number; delta: number }[] = [];
    let shift = 0;
    for (const row of el.querySelectorAll<HTMLElement>('[data-vi]')) {
      const i = Number(row.dataset.vi);
      const key = keyOf(items[i]!);
      const h = row.offsetHeight;
      const before = heights.current.get(key) ?? estimate;
      if (h > 0 && Math.abs(h - before) > 0.5) {
        heights.current.set(key, h);
        changes.push({ index: i, delta: h - before });
        if (offsets[i + 1]! <= el.scrollTop) shift += h - before;
      }
    }
    if (changes.length > 0) {
      shiftOffsets(offsets, changes);
      if (shift) el.scrollTop += shift;
      setVersion((v) => v + 1);
    }
  });

  const target = props.scrollTo;
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || !target) return;
    el.scrollTop = offsets[Math.min(target.index, items.length)] ?? 0;
    // Once more after the rows around the target are measured.
    const again = requestAnimationFrame(() => {
      el.scrollTop = offsets[Math.min(target.index, items.length)] ?? 0;
    });
    return () => cancelAnimationFrame(again);
    // Only a new target scrolls; later measurements must not pull the view back.
  }, [target?.nonce, target?.index]);

  const rows: ComponentChildren[] = [];
  for (let i = first; i < last; i += 1) {
    const item = items[i]!;
    rows.push(
      <div key={keyOf(item)} data-vi={i} class="vrow" role="listitem">
        {render(item, i)}
      </div>,
    );
  }
  return (
    <div ref={box} class="vlist" tabIndex={0} role="list" aria-label={props.label}>
      <div class="vspace" style={{ height: `${offsets[items.length]}px` }}>
        <div class="vwindow" style={{ transform: `translateY(${offsets[first]}px)` }}>
          {rows}
        </div>
      </div>
    </div>
  );
}

/** The first index whose offset is at least `y`. */
function lowerBound(offsets: Float64Array, y: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! < y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Moves every offset after each changed row by that row's change in height, in one pass. */
function shiftOffsets(offsets: Float64Array, changes: { index: number; delta: number }[]): void {
  changes.sort((a, b) => a.index - b.index);
  let k = 0;
  let running = 0;
  for (let j = changes[0]!.index; j < offsets.length - 1; j += 1) {
    while (k < changes.length && changes[k]!.index === j) running += changes[k++]!.delta;
    offsets[j + 1]! += running;
  }
}

// A list that renders only the rows in view (and a few around), so a session of 100,000 events
// scrolls like one of 100. Rows have different heights: each starts at an estimate and is measured
// by a ResizeObserver once laid out — never by reading offsetHeight after a render, which made the
// browser lay the page out again in the middle of every frame — and the offsets after it shift by
// the change; a row measured above the viewport moves the scroll position by its change, so what
// is on screen stays put. A scroll renders again only when the view nears the edge of the rows
// already there, and offsets are extended, not rebuilt, when a page of items is appended.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useMemo, useReducer, useRef } from 'preact/hooks';

interface Props<T> {
  items: readonly T[];
  keyOf: (item: T) => string | number;
  render: (item: T, index: number) => ComponentChildren;
  estimate?: number;
  /** Scrolls so the item at `index` is at the top; a new `nonce` scrolls again. */
  scrollTo?: { index: number; nonce: number } | null;
  label: string;
}

/** Rows rendered beyond each edge of the view. */
const OVERSCAN_PX = 800;
/** A scroll renders again once the view is this close to the edge of the rendered rows. */
const MARGIN_PX = 300;

type Key = string | number;

interface Built<T> {
  items: readonly T[];
  offsets: Float64Array;
  estimate: number;
  keyOf: (item: T) => Key;
}

export function VirtualList<T>(props: Props<T>) {
  const { items, keyOf, render, estimate = 48 } = props;
  const box = useRef<HTMLDivElement>(null);
  const heights = useRef(new Map<Key, number>());
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const view = useRef({ top: 0, height: 800 });
  const built = useRef<Built<T> | null>(null);

  // Offsets of each row's top (and the end): what the previous items share with these is kept —
  // a session's next page is appended, a replay's cursor cuts the end — and only the rest is
  // summed. A measured height shifts the offsets after it in place (shiftOffsets).
  const offsets = useMemo(() => {
    const out = new Float64Array(items.length + 1);
    const prev = built.current;
    let from = 0;
    if (prev && prev.estimate === estimate && prev.keyOf === keyOf) {
      const common = Math.min(prev.items.length, items.length);
      if (
        common > 0 &&
        prev.items[0] === items[0] &&
        prev.items[common - 1] === items[common - 1]
      ) {
        out.set(prev.offsets.subarray(0, common + 1));
        from = common;
      }
    }
    for (let i = from; i < items.length; i += 1) {
      out[i + 1] = out[i]! + (heights.current.get(keyOf(items[i]!)) ?? estimate);
    }
    built.current = { items, offsets: out, estimate, keyOf };
    return out;
  }, [items, estimate, keyOf]);

  const { top, height } = view.current;
  const first = Math.max(0, lowerBound(offsets, top - OVERSCAN_PX) - 1);
  const last = Math.min(items.length, lowerBound(offsets, top + height + OVERSCAN_PX) + 1);
  const rendered = useRef({ first, last });
  rendered.current = { first, last };

  // The latest of everything the observers read, so they are made once.
  const latest = useRef({ items, keyOf, estimate, offsets });
  latest.current = { items, keyOf, estimate, offsets };

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const on = () => {
      view.current = { top: el.scrollTop, height: el.clientHeight };
      const { offsets: o, items: list } = latest.current;
      const { first: f, last: l } = rendered.current;
      const v = view.current;
      // Rendered rows still cover the view with room to spare: nothing to do.
      const coversTop = f === 0 || o[f]! <= v.top - MARGIN_PX;
      const coversEnd = l >= list.length || o[l]! >= v.top + v.height + MARGIN_PX;
      if (!coversTop || !coversEnd) rerender(0);
    };
    on();
    el.addEventListener('scroll', on, { passive: true });
    const ro = new ResizeObserver(() => {
      view.current = { top: el.scrollTop, height: el.clientHeight };
      rerender(0);
    });
    ro.observe(el);
    return () => {
      el.removeEventListener('scroll', on);
      ro.disconnect();
    };
  }, []);

  // Rows are measured as the browser lays them out (and again whenever one changes height: a
  // folded call opened, the window narrowed), in one callback per frame before it paints.
  const rowObserver = useRef<ResizeObserver | null>(null);
  const observed = useRef(new Set<HTMLElement>());
  useLayoutEffect(() => {
    const ro = new ResizeObserver((entries) => {
      const el = box.current;
      if (!el) return;
      const { items: list, keyOf: key, estimate: guess, offsets: o } = latest.current;
      const changes: { index: number; delta: number }[] = [];
      let shift = 0;
      const scrollTop = el.scrollTop;
      for (const entry of entries) {
        const row = entry.target as HTMLElement;
        if (!row.isConnected) continue;
        const i = Number(row.dataset.vi);
        const item = list[i];
        if (item === undefined) continue;
        const h = entry.borderBoxSize[0]?.blockSize ?? row.offsetHeight;
        const k = key(item);
        const before = heights.current.get(k) ?? guess;
        if (h > 0 && Math.abs(h - before) > 0.5) {
          heights.current.set(k, h);
          changes.push({ index: i, delta: h - before });
          if (o[i + 1]! <= scrollTop) shift += h - before;
        }
      }
      if (changes.length === 0) return;
      shiftOffsets(o, changes);
      if (shift) el.scrollTop = scrollTop + shift;
      rerender(0);
    });
    rowObserver.current = ro;
    return () => {
      ro.disconnect();
      rowObserver.current = null;
    };
  }, []);

  // After each render: observe the rows that are new, forget those that left.
  useLayoutEffect(() => {
    const el = box.current;
    const ro = rowObserver.current;
    if (!el || !ro) return;
    const seen = observed.current;
    for (const row of seen) {
      if (!row.isConnected) {
        ro.unobserve(row);
        seen.delete(row);
      }
    }
    for (const row of el.querySelectorAll<HTMLElement>('[data-vi]')) {
      if (seen.has(row)) continue;
      seen.add(row);
      ro.observe(row);
    }
  });

  const target = props.scrollTo;
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || !target) return;
    el.scrollTop = offsets[Math.min(target.index, items.length)] ?? 0;
    // Once more after the rows around the target are measured.
    const again = requestAnimationFrame(() => {
      el.scrollTop = latest.current.offsets[Math.min(target.index, items.length)] ?? 0;
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

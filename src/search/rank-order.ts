// Ordering a thousand candidates without a comparator. A search runs in a new process, and a
// comparator called ten thousand times by Array.prototype.sort runs unoptimised for most of them:
// about 6 ms for the thousand candidates of a common word, against a fraction of that for the
// engine's own sort of numbers. So each candidate's place is packed into one whole number — its
// group, its points, its rank by seq — and a Float64Array of those is sorted natively. The
// order is exactly the comparator's: each test in rank-order.test.ts compares them.

/** Past this a whole number in a double is no longer exact. */
const EXACT = 2 ** 53;

/**
 * Indices of the items best first: `groups` ascending, then `points` descending, then `seqs`
 * descending — all whole numbers, the seqs distinct (the comparator `(a, b) => a.group - b.group
 * || b.points - a.points || b.seq - a.seq`).
 */
export function orderByRank(
  groups: ArrayLike<number>,
  points: ArrayLike<number>,
  seqs: ArrayLike<number>,
): number[] {
  const n = seqs.length;
  if (n === 0) return [];
  const [minSeq, maxSeq] = bounds(seqs);
  const [minPoints, maxPoints] = bounds(points);
  const [minGroup, maxGroup] = bounds(groups);
  const pointSpan = maxPoints - minPoints + 1;
  if (
    minGroup < 0 ||
    (maxSeq - minSeq + 1) * n >= EXACT ||
    (maxGroup + 1) * pointSpan * n >= EXACT
  ) {
    return byComparator(groups, points, seqs);
  }
  // Each item's rank by seq, newest first: seq and index packed together and sorted.
  const bySeq = new Float64Array(n);
  for (let i = 0; i < n; i++) bySeq[i] = (seqs[i]! - minSeq) * n + i;
  bySeq.sort();
  const rank = new Int32Array(n);
  for (let k = 0; k < n; k++) rank[bySeq[k]! % n] = n - 1 - k;
  const keys = new Float64Array(n);
  const byRank = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    keys[i] = (groups[i]! * pointSpan + (maxPoints - points[i]!)) * n + rank[i]!;
    byRank[rank[i]!] = i;
  }
  keys.sort();
  return Array.from(keys, (key) => byRank[key % n]!);
}

/**
 * Indices of the `k` largest values, in index order; of equal values at the cut, the first ones
 * (what a stable sort by value, largest first, cut at `k` holds).
 */
export function largest(values: ArrayLike<number>, k: number): number[] {
  const n = values.length;
  if (n <= k) return Array.from({ length: n }, (_, i) => i);
  if (k <= 0) return [];
  const cut = Float64Array.from(values).sort()[n - k]!;
  let above = 0;
  for (let i = 0; i < n; i++) if (values[i]! > cut) above += 1;
  let ties = k - above;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v > cut) out.push(i);
    else if (v === cut && ties > 0) {
      out.push(i);
      ties -= 1;
    }
  }
  return out;
}

function bounds(xs: ArrayLike<number>): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    if (xs[i]! < min) min = xs[i]!;
    if (xs[i]! > max) max = xs[i]!;
  }
  return [min, max];
}

function byComparator(
  groups: ArrayLike<number>,
  points: ArrayLike<number>,
  seqs: ArrayLike<number>,
): number[] {
  return Array.from({ length: seqs.length }, (_, i) => i).sort(
    (a, b) => groups[a]! - groups[b]! || points[b]! - points[a]! || seqs[b]! - seqs[a]!,
  );
}

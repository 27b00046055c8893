// Two small SVG charts, drawn from data with no library: bars stacked per agent, and a line.
// Each carries a text alternative (a table for screen readers) and uses the theme's colours.
import type { ComponentChildren } from 'preact';

const W = 640;
const H = 180;
const PAD = 28;

export interface Series {
  name: string;
  values: number[];
}

export function StackedBars({
  labels,
  series,
  title,
}: {
  labels: string[];
  series: Series[];
  title: string;
}) {
  const totals = labels.map((_, i) => series.reduce((n, s) => n + (s.values[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const bw = (W - PAD * 2) / Math.max(1, labels.length);
  const bars: ComponentChildren[] = [];
  labels.forEach((label, i) => {
    let y = H - PAD;
    series.forEach((s, k) => {
      const v = s.values[i] ?? 0;
      const h = (v / max) * (H - PAD * 2);
      y -= h;
      bars.push(
        <rect
          key={`${i}-${k}`}
          x={PAD + i * bw + 1}
          y={y}
          width={Math.max(1, bw - 2)}
          height={h}
          class={`c${k % 6}`}
        >
          <title>{`${label} · ${s.name}: ${v}`}</title>
        </rect>,
      );
    });
  });
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${title}: ${labels.length} days, most ${max} in a day`}
      >
        <line x1={PAD} y1={H - PAD} x2={W - PAD} y2={H - PAD} class="axis" />
        <text x={PAD} y={PAD - 8} class="tick">
          {max}
        </text>
        {labels.length > 0 && (
          <text x={PAD} y={H - 8} class="tick">
            {labels[0]}
          </text>
        )}
        {labels.length > 1 && (
          <text x={W - PAD} y={H - 8} class="tick end">
            {labels.at(-1)}
          </text>
        )}
        {bars}
      </svg>
      <ul class="legend">
        {series.map((s, k) => (
          <li key={s.name}>
            <span class={`swatch c${k % 6}`} aria-hidden="true" /> {s.name}
          </li>
        ))}
      </ul>
      <DataTable caption={title} labels={labels} series={series} />
    </figure>
  );
}

export function Line({
  labels,
  values,
  title,
  unit,
}: {
  labels: string[];
  values: number[];
  title: string;
  unit: string;
}) {
  const max = Math.max(1, ...values);
  const step = (W - PAD * 2) / Math.max(1, labels.length - 1);
  const xy = values.map((v, i) => [PAD + i * step, H - PAD - (v / max) * (H - PAD * 2)] as const);
  const points = xy.map(([x, y]) => `${x},${y}`).join(' ');
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${title}: ${values.at(-1) ?? 0} ${unit} now`}
      >
        <line x1={PAD} y1={H - PAD} x2={W - PAD} y2={H - PAD} class="axis" />
        <text x={PAD} y={PAD - 8} class="tick">
          {max.toLocaleString()}
        </text>
        {labels.length > 0 && (
          <text x={PAD} y={H - 8} class="tick">
            {labels[0]}
          </text>
        )}
        {labels.length > 1 && (
          <text x={W - PAD} y={H - 8} class="tick end">
            {labels.at(-1)}
          </text>
        )}
        <polyline points={points} class="line" />
        {xy.map(([x, y], i) => (
          <circle key={i} cx={x} cy={y} r={3} class="dot">
            <title>{`${labels[i]}: ${values[i]?.toLocaleString()} ${unit}`}</title>
          </circle>
        ))}
      </svg>
      <DataTable caption={title} labels={labels} series={[{ name: unit, values }]} />
    </figure>
  );
}

function DataTable({
  caption,
  labels,
  series,
}: {
  caption: string;
  labels: string[];
  series: Series[];
}) {
  return (
    <div class="sr-only">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">day</th>
            {series.map((s) => (
              <th scope="col" key={s.name}>
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((l, i) => (
            <tr key={l}>
              <th scope="row">{l}</th>
              {series.map((s) => (
                <td key={s.name}>{s.values[i] ?? 0}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

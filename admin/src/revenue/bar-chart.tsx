// A bar chart drawn as inline SVG (no chart library): one group of bars per row, one bar per
// series. The picture is an image with a title and a description for screen readers, and the
// same figures follow as a table, so nothing is only in the drawing.
import { useId } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

export interface ChartSeries {
  name: string;
  /** A fill class from admin.css (chart-a, chart-b): colour plus a pattern-free contrast. */
  className: string;
}

export interface ChartRow {
  label: string;
  values: number[];
}

const HEIGHT = 160;
const BAR = 14;
const GAP = 4;
const GROUP_GAP = 18;
const LEFT = 36;
const BOTTOM = 24;

/** Round up to a "nice" axis maximum (1, 2, 5 × 10ⁿ). */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

export function BarChart({
  title,
  description,
  series,
  rows,
  format = (n) => String(n),
  rowHeader,
}: {
  title: string;
  description: string;
  series: ChartSeries[];
  rows: ChartRow[];
  format?: (n: number) => string;
  /** The table's first column heading (month, variant). */
  rowHeader: string;
}) {
  const { t } = useI18n();
  const id = useId();
  const max = niceMax(Math.max(0, ...rows.flatMap((r) => r.values)));
  const groupWidth = series.length * (BAR + GAP) - GAP;
  const width = LEFT + rows.length * (groupWidth + GROUP_GAP) + GROUP_GAP;
  const plot = HEIGHT - BOTTOM;
  const y = (v: number) => plot - (v / max) * (plot - 8);
  return (
    <figure className="chart">
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      <ul className="chart-legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.name}>
            <svg width="12" height="12" focusable="false">
              <rect width="12" height="12" className={s.className} />
            </svg>{' '}
            {s.name}
          </li>
        ))}
      </ul>
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${Math.max(width, 120)} ${HEIGHT}`}
        width={Math.max(width, 120)}
        height={HEIGHT}
        className="chart-svg"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <line x1={LEFT} x2={width} y1={plot} y2={plot} className="chart-axis" />
        <line x1={LEFT} x2={width} y1={y(max)} y2={y(max)} className="chart-grid" />
        <text x={LEFT - 4} y={y(max) + 4} textAnchor="end" className="chart-text">
          {format(max)}
        </text>
        <text x={LEFT - 4} y={plot + 4} textAnchor="end" className="chart-text">
          {format(0)}
        </text>
        {rows.map((row, i) => {
          const x0 = LEFT + GROUP_GAP + i * (groupWidth + GROUP_GAP);
          return (
            <g key={row.label}>
              {row.values.map((v, j) => (
                <rect
                  key={j}
                  x={x0 + j * (BAR + GAP)}
                  y={y(v)}
                  width={BAR}
                  height={Math.max(plot - y(v), v > 0 ? 1 : 0)}
                  className={series[j]?.className}
                  data-value={v}
                />
              ))}
              <text x={x0 + groupWidth / 2} y={HEIGHT - 8} textAnchor="middle" className="chart-text">
                {row.label}
              </text>
            </g>
          );
        })}
      </svg>
      <details>
        <summary>{t('chart.asTable', { title })}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{rowHeader}</th>
              {series.map((s) => (
                <th scope="col" key={s.name}>
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                {row.values.map((v, j) => (
                  <td key={j}>{format(v)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

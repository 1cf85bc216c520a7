// A small horizontal bar chart drawn as inline SVG (no chart library: a handful of bars does not
// need one, and the CSP allows no inline styles, so sizes are SVG attributes). The SVG is one
// image with a text alternative listing every bar; screens put the same numbers in a table next
// to it for people who want the detail.
import { useTranslation } from 'react-i18next';

export type BarTone = 'low' | 'medium' | 'high' | 'neutral';

export interface Bar {
  label: string;
  value: number;
  /** Words for the value, shown at the end of the bar and in the text alternative. */
  valueText: string;
  tone: BarTone;
}

const ROW = 34;
const BAR = 18;
const LABEL_WIDTH = 150;
const VALUE_WIDTH = 110;
const WIDTH = 540;

/**
 * One horizontal bar, drawn the same in every chart: its track, its fill (at least a sliver when
 * the value is above zero) and its value in words after the track. `block` names the chart's
 * classes (`${block}__track`, `${block}__bar ${block}__bar--${modifier}`, `${block}__value`).
 */
export function BarRow({
  block,
  modifier,
  x = 0,
  y,
  length,
  thickness,
  fraction,
  valueText,
}: {
  block: string;
  modifier: string;
  x?: number;
  y: number;
  /** The track's length; the fill is `fraction` of it. */
  length: number;
  thickness: number;
  /** From 0 to 1. */
  fraction: number;
  valueText: string;
}) {
  const rx = Math.round(thickness / 5);
  const width = Math.max(Math.min(Math.max(fraction, 0), 1) * length, fraction > 0 ? 2 : 0);
  return (
    <>
      <rect className={`${block}__track`} x={x} y={y} width={length} height={thickness} rx={rx} />
      <rect
        className={`${block}__bar ${block}__bar--${modifier}`}
        x={x}
        y={y}
        width={width}
        height={thickness}
        rx={rx}
      />
      <text
        className={`${block}__value`}
        x={x + length + 10}
        y={y + thickness / 2}
        dominantBaseline="central"
      >
        {valueText}
      </text>
    </>
  );
}

export function BarChart({ title, bars, max }: { title: string; bars: Bar[]; max: number }) {
  const { t } = useTranslation('common');
  const track = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = bars.length * ROW + 8;
  const description = t('chart.description', {
    bars: bars
      .map((bar) => t('chart.bar', { label: bar.label, value: bar.valueText }))
      .join(t('chart.separator')),
  });
  return (
    <figure className="bar-chart">
      <figcaption className="bar-chart__title">{title}</figcaption>
      <svg
        className="bar-chart__svg"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={description}
        focusable="false"
      >
        {bars.map((bar, index) => {
          const y = index * ROW + 4;
          return (
            <g key={bar.label}>
              <text className="bar-chart__label" x={0} y={y + BAR / 2} dominantBaseline="central">
                {bar.label}
              </text>
              <BarRow
                block="bar-chart"
                modifier={bar.tone}
                x={LABEL_WIDTH}
                y={y}
                length={track}
                thickness={BAR}
                fraction={max > 0 ? Math.min(bar.value, max) / max : 0}
                valueText={bar.valueText}
              />
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

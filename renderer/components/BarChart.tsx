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
          const width =
            max > 0 ? Math.max((Math.min(bar.value, max) / max) * track, bar.value > 0 ? 3 : 0) : 0;
          return (
            <g key={bar.label}>
              <text className="bar-chart__label" x={0} y={y + BAR / 2} dominantBaseline="central">
                {bar.label}
              </text>
              <rect className="bar-chart__track" x={LABEL_WIDTH} y={y} width={track} height={BAR} rx={4} />
              <rect
                className={`bar-chart__bar bar-chart__bar--${bar.tone}`}
                x={LABEL_WIDTH}
                y={y}
                width={width}
                height={BAR}
                rx={4}
              />
              <text
                className="bar-chart__value"
                x={LABEL_WIDTH + track + 10}
                y={y + BAR / 2}
                dominantBaseline="central"
              >
                {bar.valueText}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

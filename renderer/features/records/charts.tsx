// The overview's charts, drawn with visx: completion rates as horizontal bars, review outcomes
// per month as stacked columns, and the median days to a decision as a line. Each chart is one
// image with a one-sentence text alternative, and the exact numbers sit in a table under it.
// Sizes are SVG attributes in a fixed viewBox scaled by CSS, because the CSP allows no inline
// styles (tick labels are drawn by our own tickComponent for the same reason: visx's Text sets one).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AxisBottom, AxisLeft, type TickRendererProps } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { BarStack, LinePath } from '@visx/shape';
import { BarRow } from '../../components/BarChart';
import type { RateRow, ReviewOutcomeMonth } from '../../../electron/core/contract/views/records';
import { formatCount, formatMonth, formatPercent, percent, type RecordsT } from './recordsWords';

const WIDTH = 560;

function tickLabel(className: string) {
  function Tick({ x, y, formattedValue, textAnchor, dy }: TickRendererProps) {
    return (
      <text className={className} x={x} y={y} dy={dy} textAnchor={textAnchor}>
        {formattedValue}
      </text>
    );
  }
  return Tick;
}
const LeftTick = tickLabel('chart__tick chart__tick--left');
const BottomTick = tickLabel('chart__tick');

/** The exact numbers under a chart: one row a bar, column or point, every value a number. */
interface ChartNumbers {
  /** The table's caption, when it says more than the chart's title. */
  caption?: string;
  /** The heading of the first column, which names each row: "Team", "Month". */
  what: string;
  columns: string[];
  rows: { key: string; label: string; values: ReactNode[] }[];
}

function NumbersTable({ caption, what, columns, rows }: ChartNumbers & { caption: string }) {
  return (
    <table className="data-table chart__table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{what}</th>
          {columns.map((column) => (
            <th key={column} scope="col" className="data-table__number">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            {row.values.map((value, index) => (
              <td key={index} className="data-table__number">
                {value}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A chart and its numbers: the figure's caption names both. */
function ChartFigure({
  title,
  summary,
  height,
  children,
  numbers,
  legend,
}: {
  title: string;
  /** The text alternative of the image: what a sighted person takes from it at a glance. */
  summary: string;
  /** The height of the SVG's viewBox (its width is WIDTH). */
  height: number;
  /** The SVG's content. */
  children: ReactNode;
  numbers: ChartNumbers;
  legend?: ReactNode;
}) {
  const { t } = useTranslation('records');
  return (
    <figure className="chart">
      <figcaption className="chart__title">{title}</figcaption>
      {legend}
      <div className="chart__image" role="img" aria-label={summary}>
        <svg className="chart__svg" viewBox={`0 0 ${WIDTH} ${height}`} aria-hidden="true" focusable="false">
          {children}
        </svg>
      </div>
      <details className="chart__numbers">
        <summary>{t('charts.showNumbers')}</summary>
        <NumbersTable {...numbers} caption={numbers.caption ?? title} />
      </details>
    </figure>
  );
}

// ---- completion rates -----------------------------------------------------------------------

const RATE_ROW = 30;
const RATE_BAR = 16;
const RATE_LEFT = 170;
const RATE_RIGHT = 140;
const PERCENT_TICKS = [0, 25, 50, 75, 100];

function clip(label: string, max = 26): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

export function RateChart({
  title,
  rows,
  what,
  empty,
}: {
  title: string;
  rows: RateRow[];
  /** The heading of the table's first column: "Team", "Module". */
  what: string;
  /** The text alternative when there is nothing to chart. */
  empty: string;
}) {
  const { t } = useTranslation('records');
  const height = rows.length * RATE_ROW + 34;
  const innerWidth = WIDTH - RATE_LEFT - RATE_RIGHT;
  const x = scaleLinear<number>({ domain: [0, 100], range: [0, innerWidth] });
  const y = scaleBand<string>({
    domain: rows.map((row) => row.key),
    range: [0, rows.length * RATE_ROW],
    padding: 1 - RATE_BAR / RATE_ROW,
  });
  const labels = new Map(rows.map((row) => [row.key, row.label]));
  const ranked = [...rows].sort((a, b) => percent(a.current, a.required) - percent(b.current, b.required));
  const lowest = ranked[0];
  const summary =
    rows.length === 0 || !lowest
      ? empty
      : t('charts.rate.summary', {
          title,
          rows: rows
            .map((row) =>
              t('charts.rate.row', {
                label: row.label,
                rate: formatPercent(percent(row.current, row.required)),
              }),
            )
            .join(t('charts.rate.rowSeparator')),
          lowest: lowest.label,
        });
  return (
    <ChartFigure
      title={title}
      summary={summary}
      height={height}
      numbers={{
        what,
        columns: [
          t('charts.rate.required'),
          t('charts.rate.current'),
          t('charts.rate.overdue'),
          t('charts.rate.rate'),
        ],
        rows: rows.map((row) => ({
          key: row.key,
          label: row.label,
          values: [
            formatCount(row.required),
            formatCount(row.current),
            formatCount(row.overdue),
            formatPercent(percent(row.current, row.required)),
          ],
        })),
      }}
    >
      <Group left={RATE_LEFT} top={4}>
        {PERCENT_TICKS.map((tick) => (
          <line
            key={tick}
            className="chart__grid"
            x1={x(tick)}
            x2={x(tick)}
            y1={0}
            y2={rows.length * RATE_ROW}
          />
        ))}
        {rows.map((row) => {
          const value = percent(row.current, row.required);
          return (
            <BarRow
              key={row.key}
              block="chart"
              modifier="rate"
              y={y(row.key) ?? 0}
              length={innerWidth}
              thickness={y.bandwidth()}
              fraction={value / 100}
              valueText={t('charts.rate.value', {
                rate: formatPercent(value),
                current: row.current,
                required: row.required,
              })}
            />
          );
        })}
        <AxisLeft
          scale={y}
          hideAxisLine
          hideTicks
          tickFormat={(key) => clip(labels.get(String(key)) ?? String(key))}
          tickComponent={LeftTick}
          tickLabelProps={{ textAnchor: 'end', dy: '0.33em' }}
        />
        <AxisBottom
          top={rows.length * RATE_ROW}
          scale={x}
          tickValues={PERCENT_TICKS}
          tickFormat={(value) => formatPercent(Number(value))}
          tickComponent={BottomTick}
          tickLabelProps={{ textAnchor: 'middle', dy: '0.9em' }}
          axisClassName="chart__axis"
          tickClassName="chart__axis"
        />
      </Group>
    </ChartFigure>
  );
}

// ---- review outcomes per month ---------------------------------------------------------------

export const OUTCOME_KEYS = ['approved', 'approvedWithConditions', 'rejected', 'changesRequested'] as const;
type OutcomeKey = (typeof OUTCOME_KEYS)[number];

export function outcomeLabel(t: RecordsT, key: OutcomeKey): string {
  return t(`charts.outcome.${key}`);
}

const COLUMN_HEIGHT = 200;
const COLUMN_LEFT = 44;
const COLUMN_BOTTOM = 34;
const MONTH_WIDTH = WIDTH - COLUMN_LEFT - 12;
const MONTH_HEIGHT = COLUMN_HEIGHT + COLUMN_BOTTOM + 8;

function Legend() {
  const { t } = useTranslation('records');
  return (
    <ul className="chart__legend">
      {OUTCOME_KEYS.map((key) => (
        <li key={key}>
          <svg className="chart__swatch" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
            <rect className={`chart__bar--${key}`} width="12" height="12" rx="2" />
          </svg>
          {outcomeLabel(t, key)}
        </li>
      ))}
    </ul>
  );
}

function niceMax(value: number): number {
  if (value <= 4) return 4;
  const step = value <= 20 ? 5 : value <= 50 ? 10 : 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / step) * step;
}

/** The months along the bottom of the column and line charts. */
function monthScale(months: ReviewOutcomeMonth[]) {
  return scaleBand<string>({ domain: months.map((m) => m.month), range: [0, MONTH_WIDTH], padding: 0.35 });
}

/** A count scale up to a round number at or above the largest value. */
function countScale(values: number[]) {
  return scaleLinear<number>({ domain: [0, niceMax(Math.max(0, ...values))], range: [COLUMN_HEIGHT, 0] });
}

/** The frame of a chart by month: grid lines, a count axis on the left, the months below. */
function MonthPlot({
  x,
  y,
  children,
}: {
  x: ReturnType<typeof monthScale>;
  y: ReturnType<typeof countScale>;
  children: ReactNode;
}) {
  return (
    <Group left={COLUMN_LEFT} top={8}>
      {y.ticks(4).map((tick) => (
        <line key={tick} className="chart__grid" x1={0} x2={MONTH_WIDTH} y1={y(tick)} y2={y(tick)} />
      ))}
      {children}
      <AxisLeft
        scale={y}
        numTicks={4}
        tickFormat={(value) => formatCount(Number(value))}
        tickComponent={LeftTick}
        tickLabelProps={{ textAnchor: 'end', dy: '0.33em' }}
        axisClassName="chart__axis"
        tickClassName="chart__axis"
      />
      <AxisBottom
        top={COLUMN_HEIGHT}
        scale={x}
        tickFormat={(value) => formatMonth(String(value))}
        tickComponent={BottomTick}
        tickLabelProps={{ textAnchor: 'middle', dy: '0.9em' }}
        axisClassName="chart__axis"
        tickClassName="chart__axis"
      />
    </Group>
  );
}

export function OutcomesChart({ months }: { months: ReviewOutcomeMonth[] }) {
  const { t } = useTranslation('records');
  const total = (m: ReviewOutcomeMonth) => OUTCOME_KEYS.reduce((sum, key) => sum + m[key], 0);
  const x = monthScale(months);
  const y = countScale(months.map(total));
  const totals = OUTCOME_KEYS.map((key) => ({ key, count: months.reduce((sum, m) => sum + m[key], 0) }));
  const summary = t('charts.outcomes.summary', {
    from: formatMonth(months[0]?.month ?? ''),
    to: formatMonth(months.at(-1)?.month ?? ''),
    totals: totals
      .map((total) =>
        t('charts.outcomes.total', { outcome: outcomeLabel(t, total.key).toLowerCase(), n: total.count }),
      )
      .join(t('charts.listSeparator')),
  });
  return (
    <ChartFigure
      title={t('charts.outcomes.title')}
      summary={summary}
      height={MONTH_HEIGHT}
      legend={<Legend />}
      numbers={{
        what: t('charts.outcomes.month'),
        columns: [...OUTCOME_KEYS.map((key) => outcomeLabel(t, key)), t('charts.outcomes.medianDays')],
        rows: months.map((m) => ({
          key: m.month,
          label: formatMonth(m.month),
          values: [
            ...OUTCOME_KEYS.map((key) => formatCount(m[key])),
            m.medianDaysToDecision === null ? '—' : formatCount(m.medianDaysToDecision),
          ],
        })),
      }}
    >
      <MonthPlot x={x} y={y}>
        <BarStack<ReviewOutcomeMonth, OutcomeKey>
          data={months}
          keys={[...OUTCOME_KEYS]}
          x={(m) => m.month}
          xScale={x}
          yScale={y}
          color={() => ''}
        >
          {(stacks) =>
            stacks.map((stack) =>
              stack.bars
                .filter((bar) => bar.height > 0)
                .map((bar) => (
                  <rect
                    key={`${stack.key}-${bar.index}`}
                    className={`chart__bar chart__bar--${stack.key}`}
                    x={bar.x}
                    y={bar.y}
                    width={bar.width}
                    height={bar.height}
                  />
                )),
            )
          }
        </BarStack>
      </MonthPlot>
    </ChartFigure>
  );
}

// ---- median days to decision ----------------------------------------------------------------

export function DecisionTimeChart({ months }: { months: ReviewOutcomeMonth[] }) {
  const { t } = useTranslation('records');
  const x = monthScale(months);
  const y = countScale(
    months.flatMap((m) => (m.medianDaysToDecision === null ? [] : [m.medianDaysToDecision])),
  );
  const centre = (m: ReviewOutcomeMonth) => (x(m.month) ?? 0) + x.bandwidth() / 2;
  const decided = months.filter((m) => m.medianDaysToDecision !== null);
  const latest = decided.at(-1);
  const summary =
    decided.length === 0 || !latest
      ? t('charts.decisionTime.none')
      : t('charts.decisionTime.summary', {
          months: decided
            .map((m) =>
              t('charts.decisionTime.month', {
                month: formatMonth(m.month),
                days: formatCount(m.medianDaysToDecision ?? 0),
              }),
            )
            .join(t('charts.listSeparator')),
          count: latest.medianDaysToDecision ?? 0,
        });
  return (
    <ChartFigure
      title={t('charts.decisionTime.title')}
      summary={summary}
      height={MONTH_HEIGHT}
      numbers={{
        caption: t('charts.decisionTime.caption'),
        what: t('charts.outcomes.month'),
        columns: [t('charts.decisionTime.medianDays')],
        rows: months.map((m) => ({
          key: m.month,
          label: formatMonth(m.month),
          values: [
            m.medianDaysToDecision === null
              ? t('charts.decisionTime.noDecisions')
              : formatCount(m.medianDaysToDecision),
          ],
        })),
      }}
    >
      <MonthPlot x={x} y={y}>
        <LinePath<ReviewOutcomeMonth>
          className="chart__line"
          data={months}
          x={centre}
          y={(m) => y(m.medianDaysToDecision ?? 0)}
          defined={(m) => m.medianDaysToDecision !== null}
        />
        {decided.map((m) => (
          <g key={m.month}>
            <circle className="chart__point" cx={centre(m)} cy={y(m.medianDaysToDecision ?? 0)} r={4} />
            <text
              className="chart__value"
              x={centre(m)}
              y={y(m.medianDaysToDecision ?? 0) - 10}
              textAnchor="middle"
            >
              {formatCount(m.medianDaysToDecision ?? 0)}
            </text>
          </g>
        ))}
      </MonthPlot>
    </ChartFigure>
  );
}

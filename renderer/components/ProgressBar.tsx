// The one progress bar: role=progressbar with its numbers for assistive technology, and the same
// words ("Section 3 of 7") on screen. The fill is an SVG rect sized by attribute, because the CSP
// allows no inline style attributes.
import { useId } from 'react';

export interface ProgressBarProps {
  /** What is measured, e.g. "Reading progress". */
  label: string;
  value: number;
  max: number;
  /** The value in words, shown and announced, e.g. "Section 3 of 7". */
  valueText: string;
  className?: string;
}

export function ProgressBar({ label, value, max, valueText, className }: ProgressBarProps) {
  const labelId = `progress-${useId()}`;
  const clamped = Math.min(Math.max(value, 0), max);
  const percent = max > 0 ? (clamped / max) * 100 : 0;
  return (
    <div className={['progress', className].filter(Boolean).join(' ')}>
      <div className="progress__labels">
        <span className="progress__label" id={labelId}>
          {label}
        </span>
        <span className="progress__value" aria-hidden="true">
          {valueText}
        </span>
      </div>
      <div
        className="progress__track"
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={clamped}
        aria-valuetext={valueText}
      >
        <svg className="progress__fill" width="100%" height="100%" aria-hidden="true" focusable="false">
          <rect className="progress__bar" x="0" y="0" width={`${percent}%`} height="100%" rx="3" />
        </svg>
      </div>
    </div>
  );
}

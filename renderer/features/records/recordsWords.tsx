// How records read on screen: training statuses (the same tones and icons as the training
// screens, the words from records.json), the scope line, export formats, and numbers, percents
// and months as people say them in the interface language.
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ExportFormat, RecordsScope } from '../../../electron/core/contract/views/records';
import type { TrainingStatus } from '../../../electron/core/contract/views/training';
import { Badge } from '../../components/Badge';
import { currentLocale } from '../../i18n';
import { formatNumber } from '../../format';
import { STATUS_LOOK } from '../training/moduleStatus';
import { wholePercent } from '../../../electron/core/records/percent';

export type RecordsT = TFunction<'records'>;

export const TRAINING_STATUSES: readonly TrainingStatus[] = [
  'overdue',
  'expired',
  'updated',
  'dueSoon',
  'inProgress',
  'notStarted',
  'passed',
];

export function statusLabel(t: RecordsT, status: TrainingStatus): string {
  return t(`status.${status}`);
}

export function TrainingStatusBadge({ status }: { status: TrainingStatus }) {
  const { t } = useTranslation('records');
  const look = STATUS_LOOK[status];
  return (
    <Badge tone={look.tone} icon={look.icon}>
      {statusLabel(t, status)}
    </Badge>
  );
}

/** Whose records these are, in the header: "All teams", "Teams: Sales, Support", "Your own records". */
export function scopeLabel(t: RecordsT, scope: RecordsScope): string {
  switch (scope.kind) {
    case 'all':
      return t('scope.all');
    case 'teams':
      return scope.teams.length === 1
        ? t('scope.team', { team: scope.teams[0] })
        : t('scope.teams', { teams: scope.teams.join(', ') });
    case 'self':
      return t('scope.self');
  }
}

export function formatLabel(t: RecordsT, format: ExportFormat): { label: string; hint: string } {
  return { label: t(`formats.${format}.label`), hint: t(`formats.${format}.hint`) };
}

export function formatCount(value: number): string {
  return formatNumber(value);
}

/** Whole percent by the one rule every view and export uses (core's wholePercent: rounded down). */
export function percent(part: number, whole: number): number {
  return wholePercent(part, whole) ?? 0;
}

/** A percent (0–100) as the language writes it: "25%", "25 %". */
export function formatPercent(value: number, maximumFractionDigits = 0): string {
  return formatNumber(value / 100, { style: 'percent', maximumFractionDigits });
}

/** A YYYY-MM month as a short label in the interface language: "Nov 2026", "nov. 2026". */
export function formatMonth(value: string): string {
  const date = new Date(`${value}-15T12:00:00Z`);
  return Number.isNaN(date.getTime())
    ? value
    : new Intl.DateTimeFormat(currentLocale(), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
        date,
      );
}

// How records read on screen: training statuses (the same words and badges as the training
// screens), the scope line, export formats, and numbers as people say them.
import type { ExportFormat, RecordsScope, TrainingStatus } from '../../../electron/core/contract';
import { Badge } from '../../components/Badge';
import { STATUS_LOOK } from '../training/moduleStatus';

export const TRAINING_STATUSES: readonly TrainingStatus[] = [
  'overdue',
  'expired',
  'updated',
  'dueSoon',
  'inProgress',
  'notStarted',
  'passed',
];

export function statusLabel(status: TrainingStatus): string {
  return STATUS_LOOK[status].label;
}

export function TrainingStatusBadge({ status }: { status: TrainingStatus }) {
  const look = STATUS_LOOK[status];
  return (
    <Badge tone={look.tone} icon={look.icon}>
      {look.label}
    </Badge>
  );
}

/** Whose records these are, in the header: "All teams", "Teams: Sales, Support", "Your own records". */
export function scopeLabel(scope: RecordsScope): string {
  switch (scope.kind) {
    case 'all':
      return 'All teams';
    case 'teams':
      return scope.teams.length === 1 ? `Team: ${scope.teams[0]}` : `Teams: ${scope.teams.join(', ')}`;
    case 'self':
      return 'Your own records';
  }
}

export const FORMAT_WORDS: Record<ExportFormat, { label: string; hint: string }> = {
  'csv-matrix': {
    label: 'Completion matrix (CSV)',
    hint: 'One row per person and module: status, completion, score, expiry and due date.',
  },
  'csv-reviews': {
    label: 'Reviews register (CSV)',
    hint: 'One row per review: state, risk, decision, reviewer, conditions and re-review date.',
  },
  json: { label: 'Everything (JSON)', hint: 'The whole dashboard view, for other tools.' },
  xapi: {
    label: 'xAPI statements (JSON)',
    hint: 'Completions as xAPI statements, for a learning record store.',
  },
  'pdf-report': { label: 'Report (PDF)', hint: 'A printable summary with the charts and the lists.' },
  'pdf-certificates': {
    label: 'Certificates (PDF)',
    hint: 'One certificate page per current completion.',
  },
};

export function formatCount(value: number): string {
  return value.toLocaleString();
}

/** Whole percent, rounded down so 99.6% never reads as "100%". */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.floor((part / whole) * 100) : 0;
}

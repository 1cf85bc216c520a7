// How review states, risk levels, decisions and DPIA outcomes read on screen: one word list and
// one badge per kind, so the home lists, the questionnaire and the detail screen say the same
// thing the same way. Words carry the meaning; tone and icon only repeat it.
import type {
  ReviewAssessment,
  ReviewDisplayStatus,
  ReviewSummary,
  RiskLevel,
} from '../../../electron/core/contract';
import { Badge, type BadgeTone } from '../../components/Badge';
import type { IconName } from '../../components/Icon';

interface Look {
  label: string;
  tone: BadgeTone;
  icon?: IconName;
}

export const STATUS_LOOK: Record<ReviewDisplayStatus, Look> = {
  submitted: { label: 'Awaiting decision', tone: 'info', icon: 'clock' },
  changesRequested: { label: 'Changes requested', tone: 'warning', icon: 'warning' },
  approved: { label: 'Approved', tone: 'success', icon: 'check' },
  approvedWithConditions: { label: 'Approved with conditions', tone: 'success', icon: 'check' },
  rejected: { label: 'Rejected', tone: 'error', icon: 'close' },
  withdrawn: { label: 'Withdrawn', tone: 'neutral' },
  reReviewDue: { label: 'Re-review due', tone: 'warning', icon: 'clock' },
};

export const RISK_LOOK: Record<RiskLevel, Look & { word: string }> = {
  low: { label: 'Low risk', word: 'Low', tone: 'neutral' },
  medium: { label: 'Medium risk', word: 'Medium', tone: 'warning' },
  high: { label: 'High risk', word: 'High', tone: 'error', icon: 'warning' },
};

export const DECISION_WORDS: Record<NonNullable<ReviewSummary['decision']>['decision'], string> = {
  approved: 'Approved',
  approvedWithConditions: 'Approved with conditions',
  rejected: 'Rejected',
};

type Recommendation = ReviewAssessment['screening']['recommendation'];

export const DPIA_LOOK: Record<Recommendation, Look & { title: string }> = {
  required: { label: 'DPIA required', title: 'A full DPIA is required', tone: 'error', icon: 'warning' },
  advised: { label: 'DPIA advised', title: 'A DPIA is advised', tone: 'warning', icon: 'info' },
  notIndicated: {
    label: 'DPIA not indicated',
    title: 'A DPIA is not indicated by the screening',
    tone: 'neutral',
  },
};

export function StatusBadge({ status }: { status: ReviewDisplayStatus }) {
  const look = STATUS_LOOK[status];
  return (
    <Badge tone={look.tone} icon={look.icon}>
      {look.label}
    </Badge>
  );
}

export function RiskBadge({ level }: { level: RiskLevel }) {
  const look = RISK_LOOK[level];
  return (
    <Badge tone={look.tone} icon={look.icon}>
      {look.label}
    </Badge>
  );
}

/** The title a review is listed under; drafts may not have one yet. */
export function titleOrPlaceholder(title: string | null | undefined): string {
  return title && title.trim() !== '' ? title : 'Untitled review';
}

// How review states, risk levels, decisions and DPIA outcomes read on screen: one word list
// (review.json, "words") and one badge per kind, so the home lists, the questionnaire, the detail
// screen and the records register say the same thing the same way. Words carry the meaning; tone
// and icon only repeat it.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type {
  AssessmentV1,
  Dimension,
  DpiaVerdict,
  ExemptionBasis,
  ReviewDisplayStatus,
  ScreeningCriterion,
  ReviewPerson,
  ReviewSummary,
  RiskLevel,
} from '../../../electron/core/contract/views/reviews';
import { Badge, type BadgeTone } from '../../components/Badge';
import type { IconName } from '../../components/Icon';

export type ReviewT = TFunction<'review'>;
type Decision = NonNullable<ReviewSummary['decision']>['decision'];
type Recommendation = AssessmentV1['screening']['recommendation'];

interface Tone {
  tone: BadgeTone;
  icon?: IconName;
}

const STATUS_TONE: Record<ReviewDisplayStatus, Tone> = {
  submitted: { tone: 'info', icon: 'clock' },
  changesRequested: { tone: 'warning', icon: 'warning' },
  approved: { tone: 'success', icon: 'check' },
  approvedWithConditions: { tone: 'success', icon: 'check' },
  rejected: { tone: 'error', icon: 'close' },
  withdrawn: { tone: 'neutral' },
  reReviewDue: { tone: 'warning', icon: 'clock' },
};

const RISK_TONE: Record<RiskLevel, Tone> = {
  low: { tone: 'neutral' },
  medium: { tone: 'warning' },
  high: { tone: 'error', icon: 'warning' },
};

export const DPIA_TONE: Record<Recommendation, Tone> = {
  required: { tone: 'error', icon: 'warning' },
  advised: { tone: 'warning', icon: 'info' },
  notIndicated: { tone: 'neutral' },
};

const VERDICT_TONE: Record<DpiaVerdict, Tone> = {
  required: { tone: 'error', icon: 'warning' },
  likely: { tone: 'warning', icon: 'warning' },
  consider: { tone: 'info', icon: 'info' },
  notIndicated: { tone: 'neutral' },
};

// Keys in the review namespace: t(statusKey(status)) with useTranslation('review').
export const statusKey = (status: ReviewDisplayStatus) => `words.status.${status}` as const;
export const riskKey = (level: RiskLevel) => `words.risk.${level}` as const;
export const riskWordKey = (level: RiskLevel) => `words.riskWord.${level}` as const;
export const decisionKey = (decision: Decision) => `words.decision.${decision}` as const;
export const dpiaKey = (recommendation: Recommendation) => `words.dpia.${recommendation}` as const;
export const dpiaTitleKey = (recommendation: Recommendation) => `words.dpiaTitle.${recommendation}` as const;
// Format 2: the verdict as the law has it, the WP248 criteria, the dimensions, the 1–4 scale, exemptions.
export const verdictKey = (verdict: DpiaVerdict) => `words.verdict.${verdict}` as const;
export const verdictTitleKey = (verdict: DpiaVerdict) => `words.verdictTitle.${verdict}` as const;
export const criterionKey = (criterion: ScreeningCriterion) => `words.criterion.${criterion}` as const;
export const dimensionKey = (dimension: Dimension) => `words.dimension.${dimension}` as const;
export const scaleKey = (point: number) =>
  `words.scale.${point === 1 ? 1 : point === 2 ? 2 : point === 3 ? 3 : 4}` as const;
export const basisKey = (basis: ExemptionBasis) => `words.basis.${basis}` as const;

export function VerdictBadge({ verdict }: { verdict: DpiaVerdict }) {
  const { t } = useTranslation('review');
  const look = VERDICT_TONE[verdict];
  return (
    <Badge tone={look.tone} icon={look.icon}>
      {t(verdictKey(verdict))}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: ReviewDisplayStatus }) {
  const { t } = useTranslation('review');
  const look = STATUS_TONE[status];
  return (
    <Badge tone={look.tone} icon={look.icon}>
      {t(statusKey(status))}
    </Badge>
  );
}

export function RiskBadge({ level }: { level: RiskLevel }) {
  const { t } = useTranslation('review');
  const look = RISK_TONE[level];
  return (
    <Badge tone={look.tone} icon={look.icon}>
      {t(riskKey(level))}
    </Badge>
  );
}

/** A person in a table of reviews: one cell, the name with the team under it. */
export function PersonCell({ person }: { person: ReviewPerson }) {
  return (
    <td>
      {person.name}
      <span className="table-subtext">{person.team}</span>
    </td>
  );
}

/** Where a review stands in a table of reviews: two cells, its state and its risk. */
export function StateAndRiskCells({ status, risk }: { status: ReviewDisplayStatus; risk: RiskLevel }) {
  return (
    <>
      <td>
        <StatusBadge status={status} />
      </td>
      <td>
        <RiskBadge level={risk} />
      </td>
    </>
  );
}

/** The title a review is listed under; drafts may not have one yet. */
export function titleOrPlaceholder(title: string | null | undefined, t: ReviewT): string {
  return title && title.trim() !== '' ? title : t('words.untitled');
}

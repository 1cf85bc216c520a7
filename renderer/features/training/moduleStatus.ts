// How a module's status reads and what the learner can do next. Core decides the status (it is a
// projection over the ledger); this file only puts it into words (training.json, through the
// caller's t), picks the tone and the icon, and chooses the catalogue's actions.
import type { TFunction } from 'i18next';
import type { ModuleCard, TrainingStatus } from '../../../electron/core/contract/views/training';
import type { BadgeTone } from '../../components/Badge';
import type { IconName } from '../../components/Icon';
import { formatDate } from '../../format';
import { hrefFor } from '../../routes';

export type TrainingT = TFunction<'training'>;

/** The status's tone and icon; its words are training:status.<status> (see statusLabel). */
export interface StatusLook {
  tone: BadgeTone;
  icon: IconName;
}

export const STATUS_LOOK: Record<TrainingStatus, StatusLook> = {
  notStarted: { tone: 'neutral', icon: 'circle' },
  inProgress: { tone: 'info', icon: 'progress' },
  passed: { tone: 'success', icon: 'check' },
  dueSoon: { tone: 'warning', icon: 'clock' },
  expired: { tone: 'error', icon: 'warning' },
  overdue: { tone: 'error', icon: 'error' },
  updated: { tone: 'warning', icon: 'info' },
};

/** "Not started", "Passed"… in the interface language. */
export function statusLabel(t: TrainingT, status: TrainingStatus): string {
  return t(`status.${status}`);
}

/** The line under a module's title that says when: due, valid until, expired. */
export function statusDateLine(t: TrainingT, card: ModuleCard): string | null {
  const completion = card.lastCompletion;
  switch (card.status) {
    case 'passed':
      return completion ? t('dateLine.validUntil', { date: formatDate(completion.expiresAt) }) : null;
    case 'dueSoon':
      return completion ? t('dateLine.expiresRetake', { date: formatDate(completion.expiresAt) }) : null;
    case 'expired':
      return completion ? t('dateLine.expired', { date: formatDate(completion.expiresAt) }) : null;
    case 'overdue':
      if (completion) return t('dateLine.expiredRetake', { date: formatDate(completion.expiresAt) });
      return card.dueAt ? t('dateLine.wasDue', { date: formatDate(card.dueAt) }) : null;
    case 'updated':
      return completion
        ? t('dateLine.changedSince', { date: formatDate(completion.completedAt) })
        : t('dateLine.changed');
    case 'notStarted':
    case 'inProgress':
      return card.dueAt ? t('dateLine.dueBy', { date: formatDate(card.dueAt) }) : null;
  }
}

/** "Reading section 3 of 7" from core's zero-based reading position. */
export function readingPosition(t: TrainingT, card: ModuleCard): string | null {
  if (card.progress === null || card.progress.sections === 0) return null;
  const current = Math.min(card.progress.section + 1, card.progress.sections);
  return t('readingPosition', { current, total: card.progress.sections });
}

/** Which action; its words are training:action.<kind>. */
export type ModuleActionKind = 'attest' | 'retake' | 'continue' | 'start' | 'certificate';

export interface ModuleAction {
  kind: ModuleActionKind;
  href: string;
  variant: 'primary' | 'secondary';
}

/**
 * What a learner can do with a module, most useful first: sign a passed attempt, start or
 * continue reading, retake an expiring or outdated completion, and see the last certificate.
 */
export function moduleActions(card: ModuleCard): ModuleAction[] {
  const read = hrefFor({ route: 'training-module', moduleId: card.id });
  const certificate = card.lastCompletion
    ? hrefFor({ route: 'certificate', entryHash: card.lastCompletion.entryHash })
    : null;
  const actions: ModuleAction[] = [];
  if (card.readyToAttest) {
    actions.push({
      kind: 'attest',
      href: hrefFor({ route: 'training-attest', moduleId: card.id }),
      variant: 'primary',
    });
  } else if (card.status === 'passed') {
    // Nothing to do until it comes up for recertification.
  } else if (card.lastCompletion !== null) {
    actions.push({ kind: 'retake', href: read, variant: 'primary' });
  } else {
    actions.push({ kind: card.progress ? 'continue' : 'start', href: read, variant: 'primary' });
  }
  if (certificate) {
    actions.push({
      kind: 'certificate',
      href: certificate,
      variant: actions.length === 0 ? 'primary' : 'secondary',
    });
  }
  return actions;
}

/** True when the learner has something to do: everything except a current, passed completion. */
export function needsAction(card: ModuleCard): boolean {
  return card.status !== 'passed';
}

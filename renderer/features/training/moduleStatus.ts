// How a module's status reads and what the learner can do next. Core decides the status (it is a
// projection over the ledger); this file only puts it into words, picks the tone and the icon,
// and chooses the catalogue's actions.
import type { ModuleCard, TrainingStatus } from '../../../electron/core/contract';
import type { BadgeTone } from '../../components/Badge';
import type { IconName } from '../../components/Icon';
import { formatDate } from '../../format';
import { hrefFor } from '../../routes';

export interface StatusLook {
  label: string;
  tone: BadgeTone;
  icon: IconName;
}

export const STATUS_LOOK: Record<TrainingStatus, StatusLook> = {
  notStarted: { label: 'Not started', tone: 'neutral', icon: 'circle' },
  inProgress: { label: 'In progress', tone: 'info', icon: 'progress' },
  passed: { label: 'Passed', tone: 'success', icon: 'check' },
  dueSoon: { label: 'Due soon', tone: 'warning', icon: 'clock' },
  expired: { label: 'Expired', tone: 'error', icon: 'warning' },
  overdue: { label: 'Overdue', tone: 'error', icon: 'error' },
  updated: { label: 'Updated', tone: 'warning', icon: 'info' },
};

/** The line under a module's title that says when: due, valid until, expired. */
export function statusDateLine(card: ModuleCard): string | null {
  const completion = card.lastCompletion;
  switch (card.status) {
    case 'passed':
      return completion ? `Valid until ${formatDate(completion.expiresAt)}` : null;
    case 'dueSoon':
      return completion ? `Expires ${formatDate(completion.expiresAt)}: retake before then` : null;
    case 'expired':
      return completion ? `Expired ${formatDate(completion.expiresAt)}` : null;
    case 'overdue':
      if (completion) return `Expired ${formatDate(completion.expiresAt)}: retake now`;
      return card.dueAt ? `Was due ${formatDate(card.dueAt)}` : null;
    case 'updated':
      return completion
        ? `Content changed since you completed it on ${formatDate(completion.completedAt)}: retake needed`
        : 'Content changed: retake needed';
    case 'notStarted':
    case 'inProgress':
      return card.dueAt ? `Due by ${formatDate(card.dueAt)}` : null;
  }
}

/** "Section 3 of 7" from core's zero-based reading position. */
export function readingPosition(card: ModuleCard): string | null {
  if (card.progress === null || card.progress.sections === 0) return null;
  const current = Math.min(card.progress.section + 1, card.progress.sections);
  return `Reading section ${current} of ${card.progress.sections}`;
}

export interface ModuleAction {
  label: string;
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
      label: 'Sign attestation',
      href: hrefFor({ route: 'training-attest', moduleId: card.id }),
      variant: 'primary',
    });
  } else if (card.status === 'passed') {
    // Nothing to do until it comes up for recertification.
  } else if (card.lastCompletion !== null) {
    actions.push({ label: 'Retake', href: read, variant: 'primary' });
  } else {
    actions.push({ label: card.progress ? 'Continue' : 'Start', href: read, variant: 'primary' });
  }
  if (certificate) {
    actions.push({
      label: 'View certificate',
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

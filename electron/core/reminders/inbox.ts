// The reminders inbox, computed from what the learner's and the reviewer's screens already show
// (the training catalogue, the review lists, the conditions of the viewer's approvals) and the
// policy's due-soon window: nothing here is stored, so the inbox is as current as the ledgers.
// Which reminders may also be raised as OS notifications now (opted in, outside quiet hours, not
// yet raised today) is decided here too, so the one place that raises them cannot be talked into
// more.
import type { NotificationItem, QuietHours } from '../contract/views/reminders';
import type { NotificationKind } from '../contract/enums';
import type { ModuleCard } from '../contract/views/training';
import type { ReviewCondition, ReviewSummary } from '../contract/views/reviews';

const DAY_MS = 86_400_000;

export interface InboxInput {
  now: Date;
  dueSoonDays: number;
  /** The viewer's own modules (the catalogue). */
  modules: readonly ModuleCard[];
  /** Reviews awaiting the viewer's decision (empty unless they may review). */
  queue: readonly ReviewSummary[];
  /** Reviews the viewer submitted. */
  mine: readonly ReviewSummary[];
  /** Reviews the viewer decided (a re-review date concerns the reviewer too). */
  decidedByMe: readonly ReviewSummary[];
  /** The conditions of the viewer's approvals, by review id. */
  conditions: ReadonlyMap<string, readonly ReviewCondition[]>;
}

type Item = Omit<NotificationItem, 'notifyNow'>;

/** The end of a day written YYYY-MM-DD, UTC (a condition due on a day is not late until it is over). */
const endOfDay = (day: string) => Date.parse(`${day}T23:59:59.999Z`);

function dated(dueMs: number, nowMs: number, windowDays: number): 'overdue' | 'soon' | null {
  if (dueMs < nowMs) return 'overdue';
  if (dueMs - nowMs <= windowDays * DAY_MS) return 'soon';
  return null;
}

function trainingItems(input: InboxInput): Item[] {
  const nowMs = input.now.getTime();
  const out: Item[] = [];
  for (const card of input.modules) {
    if (!card.required || card.dueAt === null) continue;
    let kind: NotificationKind | null = null;
    if (card.status === 'overdue' || (card.status === 'updated' && card.update?.late === true)) {
      kind = 'trainingOverdue';
    } else if (card.status === 'dueSoon' || card.status === 'updated') {
      kind = 'trainingDueSoon';
    } else if (card.status === 'notStarted' || card.status === 'inProgress') {
      if (dated(Date.parse(card.dueAt), nowMs, input.dueSoonDays) !== null) kind = 'trainingDueSoon';
    }
    if (kind === null) continue;
    out.push({
      id: `${kind}:${card.id}:${card.dueAt}`,
      kind,
      title: card.title,
      detail: null,
      moduleId: card.id,
      reviewId: null,
      dueAt: card.dueAt,
      overdue: kind === 'trainingOverdue',
      since: null,
    });
  }
  return out;
}

function reviewItems(input: InboxInput): Item[] {
  const nowMs = input.now.getTime();
  const out: Item[] = [];
  for (const r of input.queue) {
    out.push({
      id: `reviewAwaitingDecision:${r.reviewId}:v${r.version}`,
      kind: 'reviewAwaitingDecision',
      title: r.title,
      detail: null,
      moduleId: null,
      reviewId: r.reviewId,
      dueAt: null,
      overdue: false,
      since: r.updatedAt,
    });
  }
  for (const r of input.mine) {
    if (r.status !== 'changesRequested') continue;
    out.push({
      id: `changesRequested:${r.reviewId}:v${r.version}`,
      kind: 'changesRequested',
      title: r.title,
      detail: null,
      moduleId: null,
      reviewId: r.reviewId,
      dueAt: null,
      overdue: false,
      since: r.updatedAt,
    });
  }
  for (const [reviewId, conditions] of input.conditions) {
    const review = input.mine.find((r) => r.reviewId === reviewId);
    if (!review || review.status === 'withdrawn') continue;
    for (const c of conditions) {
      if (c.met !== null) continue;
      const when = dated(endOfDay(c.dueDate), nowMs, input.dueSoonDays);
      if (when === null) continue;
      out.push({
        id: `conditionDue:${reviewId}:${c.id}:${c.dueDate}`,
        kind: 'conditionDue',
        title: review.title,
        detail: c.text,
        moduleId: null,
        reviewId,
        dueAt: c.dueDate,
        overdue: when === 'overdue',
        since: null,
      });
    }
  }
  const seen = new Set<string>();
  for (const r of [...input.mine, ...input.decidedByMe]) {
    const date = r.decision?.reReviewDate ?? null;
    if (date === null || seen.has(r.reviewId) || r.status === 'withdrawn') continue;
    if (r.decision?.decision === 'rejected') continue;
    seen.add(r.reviewId);
    // The re-review is due on its day, not after it: overdue once the day has begun.
    const startMs = Date.parse(`${date}T00:00:00.000Z`);
    const when = startMs <= nowMs ? 'overdue' : dated(startMs, nowMs, input.dueSoonDays);
    if (when === null) continue;
    out.push({
      id: `reReviewDue:${r.reviewId}:${date}`,
      kind: 'reReviewDue',
      title: r.title,
      detail: null,
      moduleId: null,
      reviewId: r.reviewId,
      dueAt: date,
      overdue: when === 'overdue',
      since: null,
    });
  }
  return out;
}

/** The inbox, most pressing first: overdue, then what falls due soonest, then what waits longest. */
export function computeInbox(input: InboxInput): Item[] {
  const dueMs = (i: Item) =>
    i.dueAt === null
      ? Number.POSITIVE_INFINITY
      : Date.parse(i.dueAt.length === 10 ? `${i.dueAt}T00:00:00Z` : i.dueAt);
  return [...trainingItems(input), ...reviewItems(input)].sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      dueMs(a) - dueMs(b) ||
      (a.since ?? '').localeCompare(b.since ?? '') ||
      a.id.localeCompare(b.id),
  );
}

/** Minutes since local midnight of an HH:MM time. */
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `now` (this computer's local time) falls in the quiet hours; from after to spans midnight. */
export function inQuietHours(quiet: QuietHours | null, now: Date): boolean {
  if (quiet === null) return false;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === to) return false;
  const at = now.getHours() * 60 + now.getMinutes();
  return from < to ? at >= from && at < to : at >= from || at < to;
}

/** This computer's local day YYYY-MM-DD: "at most once a day" means the person's day. */
export function localDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export interface NotifyRules {
  canNotify: boolean;
  optOut: readonly NotificationKind[];
  quietHours: QuietHours | null;
  /** `${profileId}|${itemId}` -> the local day it was last raised. */
  notified: Readonly<Record<string, string>>;
  profileId: string;
  now: Date;
}

export const notifiedKey = (profileId: string, itemId: string) => `${profileId}|${itemId}`;

/** Whether an OS notification may be raised for `item` now. */
export function mayNotifyNow(item: Pick<Item, 'id' | 'kind'>, rules: NotifyRules): boolean {
  if (!rules.canNotify) return false;
  if (rules.optOut.includes(item.kind)) return false;
  if (inQuietHours(rules.quietHours, rules.now)) return false;
  return rules.notified[notifiedKey(rules.profileId, item.id)] !== localDay(rules.now);
}

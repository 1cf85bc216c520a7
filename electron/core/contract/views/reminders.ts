// Reminders as the pages see them: the inbox, computed by core from the ledgers and the policy,
// and this computer's notification preferences (kept in the settings store, not the ledger).
// Types only.
import type { NotificationKind } from '../enums';

export type { NotificationKind } from '../enums';

export interface NotificationItem {
  /** Stable for the same thing due on the same date: the key "notified today" is kept under. */
  id: string;
  kind: NotificationKind;
  /** What it is about, as written in the content or the review: a module or review title. */
  title: string;
  /** For a condition: its text. */
  detail: string | null;
  moduleId: string | null;
  reviewId: string | null;
  /** When it is due: an ISO time (training) or a day YYYY-MM-DD (conditions, re-reviews); null when not dated. */
  dueAt: string | null;
  overdue: boolean;
  /** Since when it has been waiting (a review submitted, changes requested); null for dated items. */
  since: string | null;
  /** Whether an OS notification may be raised for it now (kind not opted out, not quiet hours, not yet today). */
  notifyNow: boolean;
}

export interface NotificationsView {
  items: NotificationItem[];
  /** The time the inbox was computed for (the services' clock). */
  asOf: string;
  /** Days ahead that count as "due soon" (policy.yaml dueSoonDays). */
  dueSoonDays: number;
  /** Parts that could not be read (e.g. the review questionnaire is broken); their items are missing. */
  unavailable: ('training' | 'reviews')[];
}

/** Quiet hours in this computer's local time, HH:MM; from after to spans midnight (22:00–07:00). */
export interface QuietHours {
  from: string;
  to: string;
}

export interface ReminderSettings {
  /** Kinds that raise no OS notification on this computer (the inbox still lists them). */
  optOut: NotificationKind[];
  quietHours: QuietHours | null;
  /** Whether this host can raise OS notifications (the desktop app; not the preview or tests). */
  canNotify: boolean;
}

// Words for reminders, shared by the inbox and the OS notifications the shell raises: what kind of
// reminder it is and when it is (or was) due. Core says what and when; this says it in the
// interface language.
import type { TFunction } from 'i18next';
import type { NotificationItem } from '../../../electron/core/contract/views/reminders';
import { formatDate, formatDay } from '../../format';

/** A due date as the page shows it: an ISO time (training) or a day (conditions, re-reviews). */
export function dueDateText(item: Pick<NotificationItem, 'dueAt'>): string | null {
  if (item.dueAt === null) return null;
  return item.dueAt.length === 10 ? formatDay(item.dueAt) : formatDate(item.dueAt);
}

/** An OS notification's title and body for an inbox item (shell namespace: it is bundled). */
export function notificationWords(
  t: TFunction<'shell'>,
  item: NotificationItem,
): { title: string; body: string } {
  const date = dueDateText(item);
  const what = item.detail ? `${item.title}: ${item.detail}` : item.title;
  return {
    title: t(`notify.${item.kind}`),
    body:
      date === null
        ? what
        : item.overdue
          ? t('notify.wasDue', { what, date })
          : t('notify.due', { what, date }),
  };
}

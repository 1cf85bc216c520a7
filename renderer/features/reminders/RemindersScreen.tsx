// The reminders inbox: what is overdue, due soon, or waiting for this person, as core computed it
// from the ledgers and the policy, each with a link to where it is dealt with. Notifications on
// this computer (which kinds, quiet hours) are set in Settings.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { NotificationItem } from '../../../electron/core/contract/views/reminders';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { ButtonLink } from '../../components/ButtonLink';
import { EmptyState } from '../../components/EmptyState';
import type { IconName } from '../../components/Icon';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { formatDate } from '../../format';
import { ErrorMessage } from '../../i18n/reasons';
import { hrefFor } from '../../routes';
import { requestOf } from '../../state/requests';
import { useStewardStore } from '../../state/store';
import { dueDateText } from './reminderWords';

const GROUPS = ['overdue', 'soon', 'waiting'] as const;
type Group = (typeof GROUPS)[number];

function groupOf(item: NotificationItem): Group {
  if (item.overdue) return 'overdue';
  return item.dueAt === null ? 'waiting' : 'soon';
}

const LOOK: Record<Group, { tone: BadgeTone; icon: IconName }> = {
  overdue: { tone: 'error', icon: 'error' },
  soon: { tone: 'warning', icon: 'clock' },
  waiting: { tone: 'info', icon: 'info' },
};

function ReminderItem({ item }: { item: NotificationItem }) {
  const { t } = useTranslation('reminders');
  const group = groupOf(item);
  const date = dueDateText(item);
  const href =
    item.moduleId !== null
      ? hrefFor({ route: 'training-module', moduleId: item.moduleId })
      : item.reviewId !== null
        ? hrefFor({ route: 'review', reviewId: item.reviewId })
        : null;
  return (
    <li className={`reminder reminder--${group}`} data-kind={item.kind}>
      <div className="reminder__main">
        <Badge tone={LOOK[group].tone} icon={LOOK[group].icon}>
          {t(`kind.${item.kind}`)}
        </Badge>
        <p className="reminder__title">{item.title}</p>
        {item.detail ? <p className="reminder__detail">{t('condition', { text: item.detail })}</p> : null}
        <p className="reminder__when text-muted text-small">
          {date !== null
            ? item.overdue
              ? t('wasDue', { date })
              : t('due', { date })
            : item.since !== null
              ? t('since', { date: formatDate(item.since) })
              : null}
        </p>
      </div>
      {href ? (
        <ButtonLink
          href={href}
          size="sm"
          aria-label={t(item.moduleId !== null ? 'openModuleFor' : 'openReviewFor', { title: item.title })}
        >
          {t(item.moduleId !== null ? 'openModule' : 'openReview')}
        </ButtonLink>
      ) : null}
    </li>
  );
}

export function RemindersScreen() {
  const { t } = useTranslation(['reminders', 'common']);
  const { view, request, load } = useStewardStore(
    useShallow((s) => ({
      view: s.notifications,
      request: requestOf(s.requests, 'listNotifications'),
      load: s.loadNotifications,
    })),
  );

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <>
      <ScreenHeader title={t('title')}>
        <p>{t('lead')}</p>
      </ScreenHeader>
      <div className="stack">
        {request.error ? (
          <Banner
            level="error"
            title={t('loadFailed')}
            actions={
              <Button size="sm" onClick={() => void load()}>
                {t('common:actions.tryAgain')}
              </Button>
            }
          >
            <ErrorMessage error={request.error} />
          </Banner>
        ) : null}
        {view === null && request.status !== 'failed' ? <Spinner label={t('loading')} /> : null}
        {view && view.unavailable.length > 0 ? (
          <Banner level="warning" title={t('partialTitle')}>
            <p>{view.unavailable.map((part) => t(`unavailable.${part}`)).join(' ')}</p>
          </Banner>
        ) : null}
        {view && view.items.length === 0 ? (
          <EmptyState icon="bell" title={t('emptyTitle')}>
            <p>{t('emptyText', { days: view.dueSoonDays })}</p>
          </EmptyState>
        ) : null}
        {view
          ? GROUPS.map((group) => {
              const items = view.items.filter((item) => groupOf(item) === group);
              if (items.length === 0) return null;
              const headingId = `reminders-${group}`;
              return (
                <section key={group} className="reminder-group" aria-labelledby={headingId}>
                  <h2 className="reminder-group__title" id={headingId}>
                    {t(`group.${group}`, { count: items.length })}
                  </h2>
                  <ul className="reminder-list">
                    {items.map((item) => (
                      <ReminderItem key={item.id} item={item} />
                    ))}
                  </ul>
                </section>
              );
            })
          : null}
        <p className="text-muted text-small">
          <a href={hrefFor('settings')}>{t('settingsLink')}</a>
        </p>
      </div>
    </>
  );
}

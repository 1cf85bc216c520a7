// Records: the managers' dashboard. "Who is trained, who is overdue, what did we decide about
// which data use, and can we prove it — in a minute." Everything shown is core's projection over
// every ledger in the workspace (and imported bundles), scoped to what this profile may see: all
// teams, a manager's teams, or an employee's own records. Five tabs: overview, completion
// matrix, reviews register, integrity and export. The current tab and every filter live in the
// store, so they are as the person left them when they come back.
import '../../styles/records.css';
import { useEffect } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { RecordsView } from '../../../electron/core/contract/views/records';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { Tabs, type TabItem } from '../../components/Tabs';
import { formatDateTime } from '../../format';
import type { RecordsTab } from '../../state/recordsSlice';
import { useStewardStore } from '../../state/store';
import { ExportTab } from './ExportTab';
import { IntegrityPanel } from './IntegrityPanel';
import { MatrixTab } from './MatrixTab';
import { OverviewTab } from './OverviewTab';
import { scopeLabel, type RecordsT } from './recordsWords';
import { ReviewsRegisterTab } from './ReviewsRegisterTab';
import { requestOf } from '../../state/requests';
import type { IgnoredEntry } from '../../../electron/core/contract/views/records';
import { useWordReason, ErrorMessage, wordError } from '../../i18n/reasons';

function recordsTabs(t: RecordsT, self: boolean): TabItem<RecordsTab>[] {
  return [
    { id: 'overview', label: t('tabs.overview') },
    { id: 'matrix', label: self ? t('tabs.selfMatrix') : t('tabs.matrix') },
    { id: 'reviews', label: self ? t('tabs.selfReviews') : t('tabs.reviews') },
    { id: 'integrity', label: t('tabs.integrity') },
    { id: 'export', label: t('tabs.export') },
  ];
}

function IgnoredEvents({ ignored }: { ignored: IgnoredEntry[] }) {
  const { t } = useTranslation('records');
  const word = useWordReason();
  if (ignored.length === 0) return null;
  return (
    <Banner level="warning" title={t('ignored.title', { count: ignored.length })}>
      <p>{t('ignored.body')}</p>
      <details>
        <summary>{t('ignored.showWhich')}</summary>
        <ul className="plain-list">
          {ignored.slice(0, 100).map((entry) => (
            <li key={entry.entryHash}>
              {t('ignored.entry', {
                type: entry.type,
                name: entry.name,
                hash: entry.entryHash.slice(0, 12),
                reason: word(entry.reason),
              })}
            </li>
          ))}
        </ul>
      </details>
    </Banner>
  );
}

function TabContent({ tab, view }: { tab: RecordsTab; view: RecordsView }) {
  switch (tab) {
    case 'overview':
      return <OverviewTab view={view} />;
    case 'matrix':
      return <MatrixTab view={view} />;
    case 'reviews':
      return <ReviewsRegisterTab view={view} />;
    case 'integrity':
      return <IntegrityPanel />;
    case 'export':
      return <ExportTab view={view} />;
  }
}

export function RecordsScreen() {
  const { t } = useTranslation('records');
  const { view, viewFor, profileId, request, tab, loadRecords, setRecordsTab } = useStewardStore(
    useShallow((s) => ({
      view: s.recordsView,
      viewFor: s.recordsFor,
      profileId: s.profile?.id ?? null,
      request: requestOf(s.requests, 'getRecords'),
      tab: s.recordsTab,
      loadRecords: s.loadRecords,
      setRecordsTab: s.setRecordsTab,
    })),
  );

  useEffect(() => {
    void loadRecords();
  }, [loadRecords]);

  // Never another profile's view, even for the moment before the reload lands.
  const current = view !== null && viewFor === profileId ? view : null;
  const loading = request.status === 'pending';
  const self = current?.scope.kind === 'self';

  return (
    <div className="records-screen">
      <ScreenHeader title={t('screen.title')}>
        <p>{t('screen.intro')}</p>
        {current ? (
          <p className="records-scope">
            <span className="records-scope__who">{scopeLabel(t, current.scope)}</span>
            <span className="records-scope__asof">
              <Trans
                t={t}
                i18nKey="screen.asOf"
                values={{ when: formatDateTime(current.asOf) }}
                components={{ time: <time dateTime={current.asOf} /> }}
              />
            </span>
            <Button
              size="sm"
              variant="ghost"
              busy={loading}
              busyLabel={t('screen.refreshing')}
              onClick={() => void loadRecords()}
            >
              {t('screen.refresh')}
            </Button>
          </p>
        ) : null}
      </ScreenHeader>
      <Tabs label={t('screen.tabs')} tabs={recordsTabs(t, self)} current={tab} onChange={setRecordsTab}>
        {tab === 'integrity' ? (
          <IntegrityPanel />
        ) : current ? (
          <div className="stack">
            {request.error ? (
              <Banner level="error" title={t('screen.refreshFailed')}>
                <p>{t('screen.refreshFailedBody', { message: wordError(request.error) })}</p>
              </Banner>
            ) : null}
            <IgnoredEvents ignored={current.ignored} />
            <TabContent tab={tab} view={current} />
          </div>
        ) : request.error ? (
          <Banner
            level="error"
            title={t('screen.loadFailed')}
            actions={<Button onClick={() => void loadRecords()}>{t('screen.tryAgain')}</Button>}
          >
            <ErrorMessage error={request.error} />
            <p>{t('screen.integrityStillWorks')}</p>
          </Banner>
        ) : (
          <Spinner label={t('screen.loading')} />
        )}
      </Tabs>
    </div>
  );
}

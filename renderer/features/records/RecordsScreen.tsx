// Records: the managers' dashboard. "Who is trained, who is overdue, what did we decide about
// which data use, and can we prove it — in a minute." Everything shown is core's projection over
// every ledger in the workspace (and imported bundles), scoped to what this profile may see: all
// teams, a manager's teams, or an employee's own records. Five tabs: overview, completion
// matrix, reviews register, integrity and export. The current tab and every filter live in the
// store, so they are as the person left them when they come back.
import '../../styles/records.css';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { RecordsView } from '../../../electron/core/contract';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { formatDateTime, plural } from '../../format';
import type { RecordsTab } from '../../state/recordsSlice';
import { useStewardStore } from '../../state/store';
import { ExportTab } from './ExportTab';
import { IntegrityPanel } from './IntegrityPanel';
import { MatrixTab } from './MatrixTab';
import { OverviewTab } from './OverviewTab';
import { scopeLabel } from './recordsWords';
import { ReviewsRegisterTab } from './ReviewsRegisterTab';
import { Tabs, type TabItem } from './Tabs';

const TABS: readonly TabItem<RecordsTab>[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'matrix', label: 'Completion matrix' },
  { id: 'reviews', label: 'Reviews register' },
  { id: 'integrity', label: 'Integrity' },
  { id: 'export', label: 'Export' },
];

const SELF_TABS: readonly TabItem<RecordsTab>[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'matrix', label: 'Your modules' },
  { id: 'reviews', label: 'Your reviews' },
  { id: 'integrity', label: 'Integrity' },
  { id: 'export', label: 'Export' },
];

function IgnoredEvents({ ignored }: { ignored: string[] }) {
  if (ignored.length === 0) return null;
  return (
    <Banner
      level="warning"
      title={`${plural(ignored.length, 'ledger entry', 'ledger entries')} could not be used`}
    >
      <p>They are left out of every view and export. The Integrity tab checks the ledgers they came from.</p>
      <details>
        <summary>Show which</summary>
        <ul className="plain-list">
          {ignored.slice(0, 100).map((reason, index) => (
            <li key={index}>{reason}</li>
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
  const { view, viewFor, profileId, request, tab, loadRecords, setRecordsTab } = useStewardStore(
    useShallow((s) => ({
      view: s.recordsView,
      viewFor: s.recordsFor,
      profileId: s.profile?.id ?? null,
      request: s.recordsRequests.records,
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
      <ScreenHeader title="Records">
        <p>
          Who is trained, who is overdue, what was decided about which use of data — and the signed ledgers
          that prove it.
        </p>
        {current ? (
          <p className="records-scope">
            <span className="records-scope__who">{scopeLabel(current.scope)}</span>
            <span className="records-scope__asof">
              As of <time dateTime={current.asOf}>{formatDateTime(current.asOf)}</time>
            </span>
            <Button
              size="sm"
              variant="ghost"
              busy={loading}
              busyLabel="Refreshing…"
              onClick={() => void loadRecords()}
            >
              Refresh
            </Button>
          </p>
        ) : null}
      </ScreenHeader>
      <Tabs label="Records" tabs={self ? SELF_TABS : TABS} current={tab} onChange={setRecordsTab}>
        {tab === 'integrity' ? (
          <IntegrityPanel />
        ) : current ? (
          <div className="stack">
            {request.error ? (
              <Banner level="error" title="The records could not be refreshed">
                <p>{request.error.message} What you see is from the last refresh.</p>
              </Banner>
            ) : null}
            <IgnoredEvents ignored={current.ignored} />
            <TabContent tab={tab} view={current} />
          </div>
        ) : request.error ? (
          <Banner
            level="error"
            title="The records could not be loaded"
            actions={<Button onClick={() => void loadRecords()}>Try again</Button>}
          >
            <p>{request.error.message}</p>
            <p>The Integrity tab still checks the ledgers themselves.</p>
          </Banner>
        ) : (
          <Spinner label="Reading the ledgers…" />
        )}
      </Tabs>
    </div>
  );
}

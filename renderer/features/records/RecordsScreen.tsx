// Records: the ledgers behind every completion and decision. The integrity check works now;
// completion views and exports arrive with training and reviews.
import { EmptyState } from '../../components/EmptyState';
import { ScreenHeader } from '../../components/ScreenHeader';
import { IntegrityPanel } from './IntegrityPanel';

export function RecordsScreen() {
  return (
    <>
      <ScreenHeader title="Records">
        <p>
          Every training completion and review decision is an entry in a signed, hash-chained ledger — one
          file per person — in your workspace. Here you can check that nothing has been altered or removed.
        </p>
      </ScreenHeader>
      <div className="stack">
        <IntegrityPanel />
        <EmptyState icon="records" title="No completion records yet">
          <p>
            Once people complete training and reviews are decided, managers will see who has completed what
            here, and can export the records as CSV, JSON, PDF or xAPI — each export carrying every ledger's
            head hash, so a later truncation is detectable.
          </p>
        </EmptyState>
      </div>
    </>
  );
}

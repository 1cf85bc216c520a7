// Training: the modules the organisation publishes. This build's contract has no training calls
// yet, so the screen says what will be here rather than showing examples.
import { EmptyState } from '../../components/EmptyState';
import { ScreenHeader } from '../../components/ScreenHeader';

export function TrainingScreen() {
  return (
    <>
      <ScreenHeader title="Training">
        <p>Short modules on using customer data responsibly, kept current by your organisation.</p>
      </ScreenHeader>
      <EmptyState icon="training" title="No training modules yet">
        <p>
          Your organisation's data-ethics modules will be listed here, with the ones your role requires first.
          Each is a short read followed by a knowledge check with a pass mark. When you pass and confirm the
          attestation, the completion is signed into your records.
        </p>
        <p>
          Modules come back for recertification when they expire, and this page will show when each is due.
        </p>
      </EmptyState>
    </>
  );
}

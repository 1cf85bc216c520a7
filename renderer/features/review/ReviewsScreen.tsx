// Reviews: ethical reviews of new uses of customer data. No review calls in the contract yet,
// so this explains the process that will run here instead of showing made-up reviews.
import { EmptyState } from '../../components/EmptyState';
import { ScreenHeader } from '../../components/ScreenHeader';

export function ReviewsScreen() {
  return (
    <>
      <ScreenHeader title="Reviews">
        <p>
          Guided ethical reviews of new uses of customer data, from first question to a reviewer's decision.
        </p>
      </ScreenHeader>
      <EmptyState icon="reviews" title="No reviews yet">
        <p>
          Before a new use of customer data goes ahead, the team behind it submits a review here. A guided
          questionnaire starts with a screening against the nine EDPB criteria, continues into a full review
          when the screening calls for one, scores the risk, and proposes mitigations.
        </p>
        <p>
          A reviewer then approves, approves with conditions, or rejects it. Nobody decides on their own
          submission, and every decision is signed into the ledger.
        </p>
      </EmptyState>
    </>
  );
}

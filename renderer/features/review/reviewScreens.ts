// The review screens, loaded together on demand (see app/screens.tsx): the list leads to a draft's
// questionnaire or a submitted review, which share the assessment and decision components.
export { DraftScreen } from './DraftScreen';
export { ReviewDetailScreen } from './ReviewDetailScreen';
export { ReviewsScreen } from './ReviewsScreen';

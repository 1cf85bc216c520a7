// The training screens past the catalogue, loaded together on demand (see app/screens.tsx): a
// learner goes reader -> knowledge check -> attestation -> certificate, so one chunk serves the
// whole path. The reader brings the Markdown stack (marked + DOMPurify) with it.
export { AttestationScreen } from './AttestationScreen';
export { CertificateScreen } from './CertificateScreen';
export { QuizScreen } from './QuizScreen';
export { ReaderScreen } from './ReaderScreen';

// A certificate for one completion: who, what, which version, when, the score and the expiry —
// and the ledger entry's hash and the signer's key fingerprint, so anyone holding the records can
// check it. `verified` is core's check of that entry against the ledger right now. The page
// prints as a certificate (see the print rules in layout.css).
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Banner } from '../../components/Banner';
import { BrandMark } from '../../app/BrandMark';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { Button } from '../../components/Button';
import { ButtonLink } from '../../components/ButtonLink';
import { Icon } from '../../components/Icon';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { formatDate, formatDateTime } from '../../format';
import { hrefFor } from '../../routes';
import { useStewardStore } from '../../state/store';
import type { Certificate } from '../../../electron/core/contract';

function Verification({ verified }: { verified: boolean }) {
  return verified ? (
    <p className="certificate__verified certificate__verified--ok">
      <Icon name="success" /> Signature verified against the records
    </p>
  ) : (
    <p className="certificate__verified certificate__verified--failed">
      <Icon name="warning" /> Not verified: this entry's signature or hash does not match the records
    </p>
  );
}

function CertificateDocument({ certificate }: { certificate: Certificate }) {
  return (
    <article className="certificate" aria-labelledby="certificate-title">
      <header className="certificate__header">
        <BrandMark />
        <p className="certificate__kind">Certificate of completion</p>
      </header>
      <p className="certificate__intro">This certifies that</p>
      <p className="certificate__name">{certificate.name}</p>
      <p className="certificate__who">
        {certificate.team} · {certificate.email}
      </p>
      <p className="certificate__intro">completed the data-ethics module</p>
      <h2 className="certificate__module" id="certificate-title">
        {certificate.moduleTitle}
      </h2>
      <dl className="certificate__facts">
        <div>
          <dt>Completed</dt>
          <dd>
            <time dateTime={certificate.completedAt}>{formatDate(certificate.completedAt)}</time>
          </dd>
        </div>
        <div>
          <dt>Score</dt>
          <dd>{certificate.score}%</dd>
        </div>
        <div>
          <dt>Valid until</dt>
          <dd>
            <time dateTime={certificate.expiresAt}>{formatDate(certificate.expiresAt)}</time>
          </dd>
        </div>
        <div>
          <dt>Module version</dt>
          <dd>{certificate.version}</dd>
        </div>
      </dl>
      <section className="certificate__proof" aria-labelledby="certificate-proof-title">
        <h3 className="certificate__proof-title" id="certificate-proof-title">
          Record
        </h3>
        <Verification verified={certificate.verified} />
        <dl className="details details--compact">
          <div className="details__row">
            <dt>Ledger entry hash</dt>
            <dd>
              <code className="hash-text">{certificate.entryHash}</code>
            </dd>
          </div>
          <div className="details__row">
            <dt>Signer fingerprint</dt>
            <dd>
              <code className="hash-text">{certificate.signerFingerprint}</code>
            </dd>
          </div>
          <div className="details__row">
            <dt>Content hash</dt>
            <dd>
              <code className="hash-text">{certificate.contentHash}</code>
            </dd>
          </div>
          <div className="details__row">
            <dt>Ledger</dt>
            <dd>
              <code className="hash-text">{certificate.ledgerFile}</code>, entry {certificate.seq} · signed{' '}
              <time dateTime={certificate.completedAt}>{formatDateTime(certificate.completedAt)}</time>
            </dd>
          </div>
        </dl>
      </section>
    </article>
  );
}

export function CertificateScreen() {
  const { entryHash, certificate, request, loadCertificate } = useStewardStore(
    useShallow((s) => ({
      entryHash: s.routeParams.entryHash,
      certificate: s.certificate,
      request: s.requests.certificate,
      loadCertificate: s.loadCertificate,
    })),
  );

  useEffect(() => {
    // Verification is checked against the ledger now, so read it on every visit.
    if (entryHash !== null) void loadCertificate(entryHash);
  }, [entryHash, loadCertificate]);

  const shown = certificate !== null && certificate.entryHash === entryHash ? certificate : null;

  return (
    <>
      <Breadcrumbs items={[{ label: 'Training', href: hrefFor('training') }, { label: 'Certificate' }]} />
      <ScreenHeader title={shown ? `Certificate: ${shown.moduleTitle}` : 'Certificate'}>
        <p>
          A signed record of a completed module. Anyone with access to the records can check it with the entry
          hash and the signer's fingerprint.
        </p>
      </ScreenHeader>
      {request.error && shown === null ? (
        <Banner
          level="error"
          title={
            request.error.code === 'NOT_FOUND' ? 'No such certificate' : 'The certificate could not be loaded'
          }
          actions={<ButtonLink href={hrefFor('training')}>Back to training</ButtonLink>}
        >
          <p>{request.error.message}</p>
        </Banner>
      ) : null}
      {shown === null && !request.error ? <Spinner label="Loading the certificate…" /> : null}
      {shown ? (
        <div className="stack">
          {shown.verified ? null : (
            <Banner level="error" title="This certificate could not be verified">
              <p>
                The ledger entry it points to does not check out against the records: it may have been
                altered, or the signer's key does not match. Ask whoever manages your records to run a full
                check in Records.
              </p>
            </Banner>
          )}
          <CertificateDocument certificate={shown} />
          <div className="button-row no-print">
            <Button variant="primary" icon="printer" onClick={() => window.print()}>
              Print
            </Button>
            <ButtonLink href={hrefFor('training')} icon="arrowLeft">
              Back to training
            </ButtonLink>
          </div>
        </div>
      ) : null}
    </>
  );
}

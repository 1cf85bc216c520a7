// A certificate for one completion: who, what, which version, when, the score and the expiry —
// and the ledger entry's hash and the signer's key fingerprint, so anyone holding the records can
// check it. `verified` is core's check of that entry against the ledger right now. The page
// prints as a certificate (see the print rules in layout.css).
import { useEffect } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
import type { Certificate } from '../../../electron/core/contract/views/training';
import { requestOf } from '../../state/requests';
import { ErrorMessage } from '../../i18n/reasons';

function Verification({ verified }: { verified: boolean }) {
  const { t } = useTranslation('training');
  return verified ? (
    <p className="certificate__verified certificate__verified--ok">
      <Icon name="success" /> {t('certificate.verified')}
    </p>
  ) : (
    <p className="certificate__verified certificate__verified--failed">
      <Icon name="warning" /> {t('certificate.notVerified')}
    </p>
  );
}

function CertificateDocument({ certificate }: { certificate: Certificate }) {
  const { t } = useTranslation('training');
  return (
    <article className="certificate" aria-labelledby="certificate-title">
      <header className="certificate__header">
        <BrandMark />
        <p className="certificate__kind">{t('certificate.kind')}</p>
      </header>
      <p className="certificate__intro">{t('certificate.certifies')}</p>
      <p className="certificate__name">{certificate.name}</p>
      <p className="certificate__who">{`${certificate.team} · ${certificate.email}`}</p>
      <p className="certificate__intro">{t('certificate.completedModule')}</p>
      <h2 className="certificate__module" id="certificate-title">
        {certificate.moduleTitle}
      </h2>
      <dl className="certificate__facts">
        <div>
          <dt>{t('certificate.completed')}</dt>
          <dd>
            <time dateTime={certificate.completedAt}>{formatDate(certificate.completedAt)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('certificate.score')}</dt>
          <dd>{t('certificate.scoreValue', { score: certificate.score })}</dd>
        </div>
        <div>
          <dt>{t('certificate.validUntil')}</dt>
          <dd>
            <time dateTime={certificate.expiresAt}>{formatDate(certificate.expiresAt)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('certificate.moduleVersion')}</dt>
          <dd>{certificate.version}</dd>
        </div>
      </dl>
      <section className="certificate__proof" aria-labelledby="certificate-proof-title">
        <h3 className="certificate__proof-title" id="certificate-proof-title">
          {t('certificate.record')}
        </h3>
        <Verification verified={certificate.verified} />
        <dl className="details details--compact">
          <div className="details__row">
            <dt>{t('certificate.entryHash')}</dt>
            <dd>
              <code className="hash-text">{certificate.entryHash}</code>
            </dd>
          </div>
          <div className="details__row">
            <dt>{t('certificate.signerFingerprint')}</dt>
            <dd>
              <code className="hash-text">{certificate.signerFingerprint}</code>
            </dd>
          </div>
          <div className="details__row">
            <dt>{t('certificate.contentHash')}</dt>
            <dd>
              <code className="hash-text">{certificate.contentHash}</code>
            </dd>
          </div>
          <div className="details__row">
            <dt>{t('certificate.ledger')}</dt>
            <dd>
              <Trans
                t={t}
                i18nKey="certificate.ledgerEntry"
                values={{
                  file: certificate.ledgerFile,
                  seq: certificate.seq,
                  date: formatDateTime(certificate.completedAt),
                }}
                components={{
                  code: <code className="hash-text" />,
                  time: <time dateTime={certificate.completedAt} />,
                }}
              />
            </dd>
          </div>
        </dl>
      </section>
    </article>
  );
}

export function CertificateScreen() {
  const { t } = useTranslation('training');
  const { entryHash, certificate, request, loadCertificate } = useStewardStore(
    useShallow((s) => ({
      entryHash: s.routeParams.entryHash,
      certificate: s.certificate,
      request: requestOf(s.requests, 'getCertificate'),
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
      <Breadcrumbs
        items={[
          { label: t('breadcrumb.training'), href: hrefFor('training') },
          { label: t('certificate.title') },
        ]}
      />
      <ScreenHeader
        title={shown ? t('certificate.titleWith', { module: shown.moduleTitle }) : t('certificate.title')}
      >
        <p>{t('certificate.lead')}</p>
      </ScreenHeader>
      {request.error && shown === null ? (
        <Banner
          level="error"
          title={request.error.code === 'NOT_FOUND' ? t('certificate.notFound') : t('certificate.loadFailed')}
          actions={<ButtonLink href={hrefFor('training')}>{t('certificate.backToTraining')}</ButtonLink>}
        >
          <ErrorMessage error={request.error} />
        </Banner>
      ) : null}
      {shown === null && !request.error ? <Spinner label={t('certificate.loading')} /> : null}
      {shown ? (
        <div className="stack">
          {shown.verified ? null : (
            <Banner level="error" title={t('certificate.unverifiedTitle')}>
              <p>{t('certificate.unverifiedText')}</p>
            </Banner>
          )}
          <CertificateDocument certificate={shown} />
          <div className="button-row no-print">
            <Button variant="primary" icon="printer" onClick={() => window.print()}>
              {t('certificate.print')}
            </Button>
            <ButtonLink href={hrefFor('training')} icon="arrowLeft">
              {t('certificate.backToTraining')}
            </ButtonLink>
          </div>
        </div>
      ) : null}
    </>
  );
}

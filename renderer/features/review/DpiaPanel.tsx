// A review's DPIA as the detail screen shows it: whether one is needed for the latest version and
// how it stands (carried out in the review, exempted, or open — which blocks approval), the
// exemptions recorded with their basis, reason, reference and the DPO's view, and, for a reviewer
// when the DPIA is open, the form that records an exemption (confirmed, then signed).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { EXEMPTION_BASES, type ExemptionBasis } from '../../../electron/core/contract/enums';
import type { ReviewDetail } from '../../../electron/core/contract/views/reviews';
import { Badge } from '../../components/Badge';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { Panel } from '../../components/Panel';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { formatDateTime } from '../../format';
import { ErrorMessage } from '../../i18n/reasons';
import { requestOf } from '../../state/requests';
import { useStewardStore } from '../../state/store';
import { SignDialog } from './SignDialog';
import { basisKey, verdictKey } from './reviewWords';

const STANDING_TONE = { notNeeded: 'neutral', done: 'success', exempted: 'success', open: 'error' } as const;

function ExemptionForm({ detail }: { detail: ReviewDetail }) {
  const { t } = useTranslation('review');
  const { recordDpiaExemption, request, clearRequest } = useStewardStore(
    useShallow((s) => ({
      recordDpiaExemption: s.recordDpiaExemption,
      request: requestOf(s.requests, 'recordDpiaExemption'),
      clearRequest: s.clearRequest,
    })),
  );
  const a = detail.assessment;
  const claim = a.format === 2 ? a.dpia.claim : null;
  const required = a.format === 2 && a.dpia.verdict === 'required';
  const [basis, setBasis] = useState<ExemptionBasis | null>(claim?.basis ?? null);
  const [reason, setReason] = useState(claim?.reason ?? '');
  const [reference, setReference] = useState(claim?.reference ?? '');
  const [dpoView, setDpoView] = useState('');
  const [tried, setTried] = useState(false);
  const [signing, setSigning] = useState(false);
  const missing = {
    basis: basis === null,
    reason: reason.trim() === '',
    reference: reference.trim() === '',
    dpoView: dpoView.trim() === '',
  };

  const ask = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    clearRequest('recordDpiaExemption');
    if (Object.values(missing).some(Boolean)) return;
    setSigning(true);
  };
  const sign = async () => {
    const result = await recordDpiaExemption({
      reviewId: detail.summary.reviewId,
      version: detail.summary.version,
      basis: basis!,
      reason: reason.trim(),
      reference: reference.trim(),
      dpoView: dpoView.trim(),
    });
    if (result !== null) setSigning(false);
  };

  return (
    <form className="form exemption-form" noValidate onSubmit={ask} aria-label={t('detail.exemption.title')}>
      <h3 className="form__title">{t('detail.exemption.title')}</h3>
      <p className="text-muted">{t('detail.exemption.description')}</p>
      {claim ? <p>{t('detail.exemption.claimed', { basis: t(basisKey(claim.basis)) })}</p> : null}
      <ChoiceGroup
        id="exemption-basis"
        name="exemption-basis"
        type="single"
        legend={<span className="choice-group__prompt">{t('detail.exemption.basis')}</span>}
        options={EXEMPTION_BASES.map((id) => ({
          id,
          text: t(basisKey(id)),
          disabled: required && id === 'notLikelyHighRisk',
          hint: required && id === 'notLikelyHighRisk' ? t('detail.exemption.notOpen') : null,
        }))}
        selected={basis ? [basis] : []}
        onChange={(selected) => setBasis((selected[0] as ExemptionBasis) ?? null)}
        error={tried && missing.basis ? t('detail.exemption.errors.basis') : null}
      />
      <TextAreaField
        id="exemption-reason"
        label={t('detail.exemption.reason')}
        hint={t('detail.exemption.reasonHint')}
        required
        rows={3}
        maxLength={4000}
        value={reason}
        onChange={setReason}
        error={tried && missing.reason ? t('detail.exemption.errors.reason') : null}
      />
      <TextField
        id="exemption-reference"
        label={t('detail.exemption.reference')}
        hint={t('detail.exemption.referenceHint')}
        required
        maxLength={300}
        value={reference}
        onChange={setReference}
        error={tried && missing.reference ? t('detail.exemption.errors.reference') : null}
      />
      <TextAreaField
        id="exemption-dpo"
        label={t('detail.exemption.dpoView')}
        hint={t('detail.exemption.dpoViewHint')}
        required
        rows={3}
        maxLength={4000}
        value={dpoView}
        onChange={setDpoView}
        error={tried && missing.dpoView ? t('detail.exemption.errors.dpoView') : null}
      />
      <div className="button-row">
        <Button type="submit" variant="primary">
          {t('detail.exemption.record')}
        </Button>
      </div>
      <SignDialog
        open={signing}
        title={t('sign.exemptionTitle', { version: detail.summary.version })}
        facts={[
          { label: t('sign.facts.title'), value: detail.summary.title },
          { label: t('detail.exemption.basis'), value: basis ? t(basisKey(basis)) : '' },
          { label: t('detail.exemption.reason'), value: reason.trim() },
          { label: t('detail.exemption.reference'), value: reference.trim() },
          { label: t('detail.exemption.dpoView'), value: dpoView.trim() },
        ]}
        confirmLabel={t('sign.exemptionConfirm')}
        busy={request.status === 'pending'}
        error={
          request.error ? (
            <Banner level="error" title={t('detail.exemption.refused')}>
              <ErrorMessage error={request.error} />
            </Banner>
          ) : undefined
        }
        onConfirm={() => void sign()}
        onClose={() => setSigning(false)}
      />
    </form>
  );
}

export function DpiaPanel({ detail }: { detail: ReviewDetail }) {
  const { t } = useTranslation('review');
  const a = detail.assessment;
  if (a.format !== 2 && detail.dpia.exemptions.length === 0) return null;
  const { standing, exemptions } = detail.dpia;
  return (
    <Panel title={t('detail.dpia.title')} description={t('detail.dpia.description')}>
      <div className="stack stack--tight">
        <p>
          <Badge tone={STANDING_TONE[standing]} icon={standing === 'open' ? 'lock' : undefined}>
            {t(`detail.dpia.badge.${standing}`)}
          </Badge>{' '}
          {a.format === 2 ? t(verdictKey(a.dpia.verdict)) : null}
        </p>
        <p>{t(`detail.dpia.standing.${standing}`)}</p>
        {exemptions.length > 0 ? (
          <ul className="exemption-list">
            {exemptions.map((e) => (
              <li key={e.entryHash} className="exemption">
                <p className="exemption__title">
                  {t('detail.dpia.exemptionFor', { version: e.version, basis: t(basisKey(e.basis)) })}
                </p>
                <dl className="details">
                  <div className="details__row">
                    <dt>{t('detail.exemption.reason')}</dt>
                    <dd>{e.reason}</dd>
                  </div>
                  <div className="details__row">
                    <dt>{t('detail.exemption.reference')}</dt>
                    <dd>{e.reference}</dd>
                  </div>
                  <div className="details__row">
                    <dt>{t('detail.exemption.dpoView')}</dt>
                    <dd>{e.dpoView}</dd>
                  </div>
                  <div className="details__row">
                    <dt>{t('detail.dpia.recordedBy')}</dt>
                    <dd>
                      {t('detail.dpia.recordedByValue', { name: e.by.name, date: formatDateTime(e.at) })}
                    </dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
        ) : null}
        {detail.allowed.recordExemption ? <ExemptionForm detail={detail} /> : null}
      </div>
    </Panel>
  );
}

/** Exports the review's record for an authority: the JSON that can be checked, and the PDF to read. */
export function RecordPanel({ detail }: { detail: ReviewDetail }) {
  const { t } = useTranslation('review');
  const { exportReviewRecord, request } = useStewardStore(
    useShallow((s) => ({
      exportReviewRecord: s.exportReviewRecord,
      request: requestOf(s.requests, 'exportReviewRecord'),
    })),
  );
  const [done, setDone] = useState<{ file: string; digest: string } | null>(null);
  const run = async (format: 'json' | 'pdf') => {
    setDone(null);
    const result = await exportReviewRecord(detail.summary.reviewId, format);
    if (result?.file && result.digest) setDone({ file: result.file, digest: result.digest });
  };
  return (
    <Panel title={t('detail.record.title')} description={t('detail.record.description')}>
      <div className="stack stack--tight">
        <div className="button-row">
          <Button
            icon="printer"
            busy={request.status === 'pending'}
            busyLabel={t('detail.record.busy')}
            onClick={() => void run('pdf')}
          >
            {t('detail.record.pdf')}
          </Button>
          <Button
            variant="secondary"
            disabled={request.status === 'pending'}
            onClick={() => void run('json')}
          >
            {t('detail.record.json')}
          </Button>
        </div>
        {done ? (
          <Banner level="success" title={t('detail.record.done', { file: done.file })}>
            <p className="hash">{t('detail.record.digest', { digest: done.digest })}</p>
          </Banner>
        ) : null}
        {request.error ? (
          <Banner level="error" title={t('detail.record.error')}>
            <ErrorMessage error={request.error} />
          </Banner>
        ) : null}
      </div>
    </Panel>
  );
}

// One review: where it stands, what changed since the version the reviewer last saw, core's
// assessment, the answers by section, the timeline of everything recorded about it, and a
// comment box. The actions offered are exactly those core allows this profile now (allowed):
// the submitter revises or withdraws; a reviewer decides; after an approval with conditions,
// the submitter or a reviewer marks each condition met (ConditionsPanel). When deciding is not
// allowed, the reasons core gives are shown where the decision would be.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { ReviewDetail, ReviewTimelineItem } from '../../../electron/core/contract/views/reviews';
import { Badge } from '../../components/Badge';
import { Banner } from '../../components/Banner';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { Button } from '../../components/Button';
import { ButtonLink } from '../../components/ButtonLink';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { TextAreaField } from '../../components/TextAreaField';
import { formatDate, formatDateTime, formatDay } from '../../format';
import { hrefFor } from '../../routes';
import { useStewardStore } from '../../state/store';
import { FlagsPanel, MitigationsReadOnly, RiskPanel, ScreeningPanel } from './AssessmentView';
import { ConditionsPanel } from './ConditionsPanel';
import { DecisionPanel, DECISION_FORM_ID } from './DecisionPanel';
import { decisionKey, dpiaTitleKey, RiskBadge, StatusBadge, type ReviewT } from './reviewWords';
import { requestOf } from '../../state/requests';
import { ReasonList, ErrorMessage } from '../../i18n/reasons';

function SummaryPanel({ detail }: { detail: ReviewDetail }) {
  const { t } = useTranslation('review');
  const { summary, assessment } = detail;
  const dpo = assessment.summary.dpoConsulted;
  return (
    <Panel title={t('detail.summary.title')}>
      <dl className="details">
        <div className="details__row">
          <dt>{t('detail.summary.status')}</dt>
          <dd>
            <StatusBadge status={summary.status} />
          </dd>
        </div>
        <div className="details__row">
          <dt>{t('detail.summary.version')}</dt>
          <dd>{summary.version}</dd>
        </div>
        <div className="details__row">
          <dt>{t('detail.summary.submittedBy')}</dt>
          <dd>
            {t('detail.summary.submittedByValue', {
              name: summary.submitter.name,
              team: summary.submitter.team,
              date: formatDateTime(summary.submittedAt),
            })}
          </dd>
        </div>
        {assessment.summary.summary ? (
          <div className="details__row">
            <dt>{t('detail.summary.use')}</dt>
            <dd>{assessment.summary.summary}</dd>
          </div>
        ) : null}
        {assessment.summary.launchDate ? (
          <div className="details__row">
            <dt>{t('detail.summary.launch')}</dt>
            <dd>{formatDay(assessment.summary.launchDate)}</dd>
          </div>
        ) : null}
        <div className="details__row">
          <dt>{t('detail.summary.overallRisk')}</dt>
          <dd>
            <RiskBadge level={summary.overallRisk} />
          </dd>
        </div>
        <div className="details__row">
          <dt>{t('detail.summary.dpia')}</dt>
          <dd>{t(dpiaTitleKey(assessment.screening.recommendation))}</dd>
        </div>
        <div className="details__row">
          <dt>{t('detail.summary.blockingFlags')}</dt>
          <dd>
            {summary.openBlockingFlags === 0
              ? t('detail.summary.noneOpen')
              : t('detail.summary.open', { count: summary.openBlockingFlags })}
          </dd>
        </div>
        <div className="details__row">
          <dt>{t('detail.summary.dpoConsulted')}</dt>
          <dd>
            {dpo === 'yes' || dpo === 'no' || dpo === 'unsure'
              ? t(`words.${dpo}`)
              : t('detail.summary.notAnswered')}
            {assessment.summary.dpoAdvice ? (
              <p className="details__note">
                {t('detail.summary.advice', { advice: assessment.summary.dpoAdvice })}
              </p>
            ) : null}
          </dd>
        </div>
        <div className="details__row">
          <dt>{t('detail.summary.decision')}</dt>
          <dd>
            {summary.decision
              ? t('detail.summary.decisionValue', {
                  decision: t(decisionKey(summary.decision.decision)),
                  name: summary.decision.by.name,
                  date: formatDate(summary.decision.at),
                })
              : t('detail.summary.noneYet')}
          </dd>
        </div>
        {summary.decision?.reReviewDate ? (
          <div className="details__row">
            <dt>{t('detail.summary.reReview')}</dt>
            <dd>
              {formatDay(summary.decision.reReviewDate)}
              {summary.status === 'reReviewDue' ? ` ${t('detail.summary.dueNow')}` : ''}
            </dd>
          </div>
        ) : null}
      </dl>
    </Panel>
  );
}

export function ChangesPanel({ detail }: { detail: ReviewDetail }) {
  const { t } = useTranslation('review');
  if (detail.changesFromVersion === null) return null;
  return (
    <Panel
      title={t('detail.changes.title', { version: detail.changesFromVersion })}
      description={t('detail.changes.description', {
        version: detail.summary.version,
        previous: detail.changesFromVersion,
      })}
    >
      {detail.changes.length === 0 ? (
        <p className="text-muted">{t('detail.changes.none')}</p>
      ) : (
        <ul className="change-list">
          {detail.changes.map((change) => (
            <li key={change.questionId} className={`change change--${change.kind}`}>
              <div className="change__header">
                <Badge
                  tone={change.kind === 'removed' ? 'error' : change.kind === 'added' ? 'success' : 'info'}
                >
                  {t(`detail.changes.${change.kind}`)}
                </Badge>
                <p className="change__label">{change.label}</p>
              </div>
              <dl className="change__values">
                <div className="change__value change__value--before">
                  <dt>{t('detail.changes.before')}</dt>
                  <dd>
                    {change.before === null ? (
                      <span className="text-muted">{t('detail.changes.noAnswer')}</span>
                    ) : (
                      <del>{change.before}</del>
                    )}
                  </dd>
                </div>
                <div className="change__value change__value--after">
                  <dt>{t('detail.changes.after')}</dt>
                  <dd>
                    {change.after === null ? (
                      <span className="text-muted">{t('detail.changes.noAnswer')}</span>
                    ) : (
                      <ins>{change.after}</ins>
                    )}
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function AnswersPanel({ detail }: { detail: ReviewDetail }) {
  const { t } = useTranslation('review');
  const changed = new Set(detail.changes.map((change) => change.questionId));
  const sections: { title: string; answers: ReviewDetail['answers'] }[] = [];
  for (const answer of detail.answers) {
    const last = sections[sections.length - 1];
    if (last && last.title === answer.section) last.answers.push(answer);
    else sections.push({ title: answer.section, answers: [answer] });
  }
  return (
    <Panel
      title={t('detail.answers.title')}
      description={t('detail.answers.description', { version: detail.summary.version })}
    >
      <div className="answer-sections">
        {sections.map((section) => (
          <div key={section.title} className="answer-section">
            <h3 className="answer-section__title">{section.title}</h3>
            <dl className="details details--answers">
              {section.answers.map((answer) => (
                <div key={answer.questionId} className="details__row">
                  <dt>{answer.label}</dt>
                  <dd>
                    {answer.answer}
                    {changed.has(answer.questionId) ? (
                      <span className="tag">
                        {t('detail.answers.changedIn', { version: detail.summary.version })}
                      </span>
                    ) : null}
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </div>
    </Panel>
  );
}

function timelineTitle(item: ReviewTimelineItem, detail: ReviewDetail, t: ReviewT): string {
  switch (item.kind) {
    case 'submitted':
      return t('detail.timeline.submitted', { version: item.version });
    case 'commented':
      return t('detail.timeline.commented');
    case 'changesRequested':
      return t('detail.timeline.changesRequested', { version: item.version });
    case 'decided': {
      const decision = detail.summary.decision?.decision;
      return decision
        ? t('detail.timeline.decided', { decision: t(decisionKey(decision)), version: item.version })
        : t('detail.timeline.decidedOn', { version: item.version });
    }
    case 'withdrawn':
      return t('detail.timeline.withdrawn');
    case 'conditionMet':
      return t('detail.timeline.conditionMet', { condition: item.conditions[0]?.text ?? '' });
  }
}

function Timeline({ detail }: { detail: ReviewDetail }) {
  const { t } = useTranslation('review');
  const { commentOnReview, commentRequest } = useStewardStore(
    useShallow((s) => ({
      commentOnReview: s.commentOnReview,
      commentRequest: requestOf(s.requests, 'commentOnReview'),
    })),
  );
  const [text, setText] = useState('');
  const [empty, setEmpty] = useState(false);

  const post = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (text.trim() === '') {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    const result = await commentOnReview(detail.summary.reviewId, text.trim());
    if (result !== null) setText('');
  };

  return (
    <Panel title={t('detail.timeline.title')} description={t('detail.timeline.description')}>
      <ol className="timeline">
        {detail.timeline.map((item) => (
          <li key={item.entryHash} className={`timeline__item timeline__item--${item.kind}`}>
            <p className="timeline__title">{timelineTitle(item, detail, t)}</p>
            <p className="timeline__meta">
              {item.by.name} · {formatDateTime(item.at)}
            </p>
            {item.text && item.kind !== 'submitted' ? <p className="timeline__text">{item.text}</p> : null}
            {item.items.length > 0 ? (
              <>
                <p className="timeline__items-label">{t('detail.timeline.changesLabel')}</p>
                <ul className="bullet-list">
                  {item.items.map((entry) => (
                    <li key={entry}>{entry}</li>
                  ))}
                </ul>
              </>
            ) : null}
            {item.kind === 'decided' && item.conditions.length > 0 ? (
              <>
                <p className="timeline__items-label">{t('detail.timeline.conditionsLabel')}</p>
                <ul className="bullet-list">
                  {item.conditions.map((c) => (
                    <li key={`${c.text}-${c.dueDate}`}>
                      {t('detail.timeline.conditionItem', {
                        text: c.text,
                        owner: c.owner,
                        due: formatDay(c.dueDate),
                      })}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </li>
        ))}
      </ol>
      {detail.allowed.comment ? (
        <form className="form comment-form" noValidate onSubmit={(event) => void post(event)}>
          <TextAreaField
            label={t('detail.comment.label')}
            hint={t('detail.comment.hint')}
            required
            rows={3}
            maxLength={4000}
            value={text}
            onChange={setText}
            error={empty ? t('detail.comment.empty') : null}
          />
          {commentRequest.error ? (
            <Banner level="error" title={t('detail.comment.error')}>
              <ErrorMessage error={commentRequest.error} />
            </Banner>
          ) : null}
          <div className="button-row">
            <Button
              type="submit"
              busy={commentRequest.status === 'pending'}
              busyLabel={t('detail.comment.busy')}
            >
              {t('detail.comment.post')}
            </Button>
          </div>
        </form>
      ) : null}
    </Panel>
  );
}

function SubmitterActions({ detail }: { detail: ReviewDetail }) {
  const { t } = useTranslation('review');
  const { startReviewRevision, withdrawReview, navigate, reviseRequest, withdrawRequest } = useStewardStore(
    useShallow((s) => ({
      startReviewRevision: s.startReviewRevision,
      withdrawReview: s.withdrawReview,
      navigate: s.navigate,
      reviseRequest: requestOf(s.requests, 'startReviewRevision'),
      withdrawRequest: requestOf(s.requests, 'withdrawReview'),
    })),
  );
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [noReason, setNoReason] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const withdrawButton = useRef<HTMLButtonElement>(null);
  const { allowed, summary } = detail;

  useEffect(() => {
    if (withdrawing) reasonRef.current?.focus();
  }, [withdrawing]);

  if (!allowed.revise && !allowed.withdraw) return null;

  const revise = async () => {
    const draft = await startReviewRevision(summary.reviewId);
    if (draft !== null) navigate({ route: 'review-draft', draftId: draft.draftId });
  };

  const withdraw = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setNoReason(true);
      reasonRef.current?.focus();
      return;
    }
    setNoReason(false);
    const result = await withdrawReview(summary.reviewId, reason.trim());
    if (result !== null) setWithdrawing(false);
  };

  return (
    <Panel
      title={t('detail.submitter.title')}
      description={
        allowed.revise ? t('detail.submitter.reviseDescription') : t('detail.submitter.withdrawDescription')
      }
    >
      <div className="stack stack--tight">
        <div className="button-row">
          {allowed.revise ? (
            <Button
              variant="primary"
              icon="arrowRight"
              busy={reviseRequest.status === 'pending'}
              busyLabel={t('detail.submitter.reviseBusy')}
              onClick={() => void revise()}
            >
              {t('detail.submitter.revise')}
            </Button>
          ) : null}
          {allowed.withdraw && !withdrawing ? (
            <Button ref={withdrawButton} variant="secondary" onClick={() => setWithdrawing(true)}>
              {t('detail.submitter.withdraw')}
            </Button>
          ) : null}
        </div>
        {reviseRequest.error ? (
          <Banner level="error" title={t('detail.submitter.reviseError')}>
            <ErrorMessage error={reviseRequest.error} />
          </Banner>
        ) : null}
        {withdrawing ? (
          <form
            className="form withdraw-form"
            noValidate
            onSubmit={(event) => void withdraw(event)}
            aria-label={t('detail.submitter.withdrawForm')}
          >
            <TextAreaField
              ref={reasonRef}
              label={t('detail.submitter.reasonLabel')}
              hint={t('detail.submitter.reasonHint')}
              required
              rows={3}
              maxLength={4000}
              value={reason}
              onChange={setReason}
              error={noReason ? t('detail.submitter.reasonEmpty') : null}
            />
            {withdrawRequest.error ? (
              <Banner level="error" title={t('detail.submitter.withdrawError')}>
                <ErrorMessage error={withdrawRequest.error} />
              </Banner>
            ) : null}
            <div className="button-row">
              <Button
                type="submit"
                variant="danger"
                busy={withdrawRequest.status === 'pending'}
                busyLabel={t('detail.submitter.withdrawBusy')}
              >
                {t('detail.submitter.withdraw')}
              </Button>
              <Button
                onClick={() => {
                  setWithdrawing(false);
                  setNoReason(false);
                  requestAnimationFrame(() => withdrawButton.current?.focus());
                }}
              >
                {t('detail.submitter.cancel')}
              </Button>
            </div>
          </form>
        ) : null}
      </div>
    </Panel>
  );
}

function CannotDecide({ detail }: { detail: ReviewDetail }) {
  const { t } = useTranslation('review');
  const { allowed, summary } = detail;
  if (allowed.decide || summary.status !== 'submitted' || allowed.decideBlockers.length === 0) return null;
  return (
    <Banner level="info" title={t('detail.cannotDecide')}>
      <ReasonList className="plain-list" reasons={allowed.decideBlockers} />
    </Banner>
  );
}

function Detail({ detail }: { detail: ReviewDetail }) {
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (notice !== null) noticeRef.current?.focus();
  }, [notice]);

  return (
    <div className="stack">
      {notice ? (
        <div ref={noticeRef} tabIndex={-1} className="focus-target">
          <Banner level="success" title={notice} onDismiss={() => setNotice(null)} />
        </div>
      ) : null}
      <CannotDecide detail={detail} />
      <SubmitterActions detail={detail} />
      <SummaryPanel detail={detail} />
      <ChangesPanel detail={detail} />
      <ConditionsPanel detail={detail} />
      <ScreeningPanel assessment={detail.assessment} />
      <RiskPanel assessment={detail.assessment} />
      <FlagsPanel assessment={detail.assessment} />
      <MitigationsReadOnly assessment={detail.assessment} />
      <AnswersPanel detail={detail} />
      <Timeline detail={detail} />
      {detail.allowed.decide ? <DecisionPanel detail={detail} onDone={setNotice} /> : null}
    </div>
  );
}

/** A new draft that starts from this review's latest answers (a similar use, or a fresh start). */
function CopyToDraft({ reviewId }: { reviewId: string }) {
  const { t } = useTranslation('review');
  const { createReviewDraft, navigate, request } = useStewardStore(
    useShallow((s) => ({
      createReviewDraft: s.createReviewDraft,
      navigate: s.navigate,
      request: requestOf(s.requests, 'createReviewDraft'),
    })),
  );
  const copy = async () => {
    const draft = await createReviewDraft(reviewId);
    if (draft !== null) navigate({ route: 'review-draft', draftId: draft.draftId });
  };
  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        busy={request.status === 'pending'}
        busyLabel={t('detail.copy.busy')}
        onClick={() => void copy()}
      >
        {t('detail.copy.button')}
      </Button>
      {request.error ? (
        <Banner level="error" title={t('detail.copy.error')}>
          <ErrorMessage error={request.error} />
        </Banner>
      ) : null}
    </>
  );
}

export function ReviewDetailScreen() {
  const { t } = useTranslation('review');
  const { reviewId, detail, request, openReview, profileId } = useStewardStore(
    useShallow((s) => ({
      reviewId: s.routeParams.reviewId,
      detail: s.reviewDetail,
      request: requestOf(s.requests, 'getReview'),
      openReview: s.openReview,
      profileId: s.profile?.id ?? null,
    })),
  );
  const [loaded, setLoaded] = useState<string | null>(null);

  useEffect(() => {
    if (reviewId === null) return;
    let live = true;
    void openReview(reviewId).then((result) => {
      if (live && result !== null) setLoaded(result.summary.reviewId);
    });
    return () => {
      live = false;
    };
  }, [reviewId, openReview]);

  const ready = detail !== null && detail.summary.reviewId === reviewId && loaded === reviewId;
  const title = ready ? detail.summary.title : t('detail.fallbackTitle');

  return (
    <>
      <Breadcrumbs items={[{ label: t('home.title'), href: hrefFor('reviews') }, { label: title }]} />
      <ScreenHeader title={title}>
        {ready ? (
          <>
            <ul className="meta-list">
              <li>
                <StatusBadge status={detail.summary.status} />
              </li>
              <li>{t('detail.version', { version: detail.summary.version })}</li>
              <li>
                {t('detail.by', { name: detail.summary.submitter.name, team: detail.summary.submitter.team })}
              </li>
              <li>{t('detail.updated', { date: formatDateTime(detail.summary.updatedAt) })}</li>
              <li>
                <RiskBadge level={detail.summary.overallRisk} />
              </li>
            </ul>
            {detail.summary.submitter.id === profileId ? (
              <div className="button-row screen-header__actions">
                <CopyToDraft reviewId={detail.summary.reviewId} />
              </div>
            ) : null}
            {detail.allowed.decide ? (
              <div className="button-row screen-header__actions">
                <ButtonLink
                  href={`#${DECISION_FORM_ID}`}
                  variant="primary"
                  onClick={(event) => {
                    // In-page: the hash belongs to the router.
                    event.preventDefault();
                    const panel = document.getElementById(DECISION_FORM_ID);
                    panel?.scrollIntoView?.({ block: 'start' });
                    panel?.querySelector<HTMLInputElement>('input')?.focus();
                  }}
                >
                  {t('detail.goToDecision')}
                </ButtonLink>
                <span className="text-muted text-small">
                  {detail.assessment.openBlockingFlags.length === 0
                    ? t('detail.noBlocking')
                    : t('detail.blocking', { count: detail.assessment.openBlockingFlags.length })}
                </span>
              </div>
            ) : null}
          </>
        ) : null}
      </ScreenHeader>
      {request.error && !ready ? (
        <Banner
          level="error"
          title={t('detail.openError')}
          actions={<ButtonLink href={hrefFor('reviews')}>{t('words.backToReviews')}</ButtonLink>}
        >
          <ErrorMessage error={request.error} />
        </Banner>
      ) : null}
      {!ready && !request.error ? <Spinner label={t('detail.opening')} /> : null}
      {ready ? <Detail detail={detail} /> : null}
    </>
  );
}

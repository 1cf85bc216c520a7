// One review: where it stands, what changed since the version the reviewer last saw, core's
// assessment, the answers by section, the timeline of everything recorded about it, and a
// comment box. The actions offered are exactly those core allows this profile now (allowed):
// the submitter revises or withdraws; a reviewer decides. When deciding is not allowed, the
// reasons core gives are shown where the decision would be.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ReviewDetail, ReviewTimelineItem } from '../../../electron/core/contract';
import { Badge } from '../../components/Badge';
import { Banner } from '../../components/Banner';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { Button } from '../../components/Button';
import { ButtonLink } from '../../components/ButtonLink';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { TextAreaField } from '../../components/TextAreaField';
import { formatDate, formatDateTime, formatDay, plural } from '../../format';
import { hrefFor } from '../../routes';
import { useStewardStore } from '../../state/store';
import { FlagsPanel, MitigationsReadOnly, RiskPanel, ScreeningPanel } from './AssessmentView';
import { DecisionPanel, DECISION_FORM_ID } from './DecisionPanel';
import { DECISION_WORDS, DPIA_LOOK, RiskBadge, StatusBadge } from './reviewWords';

const CHANGE_WORDS = { added: 'Added', removed: 'Removed', changed: 'Changed' } as const;

function SummaryPanel({ detail }: { detail: ReviewDetail }) {
  const { summary, assessment } = detail;
  const dpo = assessment.summary.dpoConsulted;
  return (
    <Panel title="Summary">
      <dl className="details">
        <div className="details__row">
          <dt>Status</dt>
          <dd>
            <StatusBadge status={summary.status} />
          </dd>
        </div>
        <div className="details__row">
          <dt>Version</dt>
          <dd>{summary.version}</dd>
        </div>
        <div className="details__row">
          <dt>Submitted by</dt>
          <dd>
            {summary.submitter.name} ({summary.submitter.team}), first on{' '}
            {formatDateTime(summary.submittedAt)}
          </dd>
        </div>
        {assessment.summary.summary ? (
          <div className="details__row">
            <dt>The use</dt>
            <dd>{assessment.summary.summary}</dd>
          </div>
        ) : null}
        {assessment.summary.launchDate ? (
          <div className="details__row">
            <dt>Planned launch</dt>
            <dd>{formatDay(assessment.summary.launchDate)}</dd>
          </div>
        ) : null}
        <div className="details__row">
          <dt>Overall risk</dt>
          <dd>
            <RiskBadge level={summary.overallRisk} />
          </dd>
        </div>
        <div className="details__row">
          <dt>DPIA</dt>
          <dd>{DPIA_LOOK[assessment.screening.recommendation].title}</dd>
        </div>
        <div className="details__row">
          <dt>Blocking flags</dt>
          <dd>{summary.openBlockingFlags === 0 ? 'None open' : `${summary.openBlockingFlags} open`}</dd>
        </div>
        <div className="details__row">
          <dt>DPO consulted</dt>
          <dd>
            {dpo === 'yes' ? 'Yes' : dpo === 'no' ? 'No' : dpo === 'unsure' ? 'Unsure' : 'Not answered'}
            {assessment.summary.dpoAdvice ? (
              <p className="details__note">Advice: {assessment.summary.dpoAdvice}</p>
            ) : null}
          </dd>
        </div>
        <div className="details__row">
          <dt>Decision</dt>
          <dd>
            {summary.decision
              ? `${DECISION_WORDS[summary.decision.decision]} by ${summary.decision.by.name} on ${formatDate(summary.decision.at)}`
              : 'None yet'}
          </dd>
        </div>
        {summary.decision?.reReviewDate ? (
          <div className="details__row">
            <dt>Re-review</dt>
            <dd>
              {formatDay(summary.decision.reReviewDate)}
              {summary.status === 'reReviewDue' ? ' (due now)' : ''}
            </dd>
          </div>
        ) : null}
      </dl>
    </Panel>
  );
}

export function ChangesPanel({ detail }: { detail: ReviewDetail }) {
  if (detail.changesFromVersion === null) return null;
  return (
    <Panel
      title={`What changed since version ${detail.changesFromVersion}`}
      description={`Version ${detail.summary.version} compared with version ${detail.changesFromVersion}.`}
    >
      {detail.changes.length === 0 ? (
        <p className="text-muted">No answers changed.</p>
      ) : (
        <ul className="change-list">
          {detail.changes.map((change) => (
            <li key={change.questionId} className={`change change--${change.kind}`}>
              <div className="change__header">
                <Badge
                  tone={change.kind === 'removed' ? 'error' : change.kind === 'added' ? 'success' : 'info'}
                >
                  {CHANGE_WORDS[change.kind]}
                </Badge>
                <p className="change__label">{change.label}</p>
              </div>
              <dl className="change__values">
                <div className="change__value change__value--before">
                  <dt>Before</dt>
                  <dd>
                    {change.before === null ? (
                      <span className="text-muted">No answer</span>
                    ) : (
                      <del>{change.before}</del>
                    )}
                  </dd>
                </div>
                <div className="change__value change__value--after">
                  <dt>After</dt>
                  <dd>
                    {change.after === null ? (
                      <span className="text-muted">No answer</span>
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
  const changed = new Set(detail.changes.map((change) => change.questionId));
  const sections: { title: string; answers: ReviewDetail['answers'] }[] = [];
  for (const answer of detail.answers) {
    const last = sections[sections.length - 1];
    if (last && last.title === answer.section) last.answers.push(answer);
    else sections.push({ title: answer.section, answers: [answer] });
  }
  return (
    <Panel title="Answers" description={`Version ${detail.summary.version}, as submitted.`}>
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
                      <span className="tag">Changed in version {detail.summary.version}</span>
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

function ConditionsPanel({ detail }: { detail: ReviewDetail }) {
  if (detail.conditions.length === 0) return null;
  return (
    <Panel title="Conditions" description="What the approval depends on, each with its owner and due date.">
      <DataTable label="Conditions of the approval" columns={['Condition', 'Owner', 'Due']}>
        {detail.conditions.map((condition) => (
          <tr key={condition.id}>
            <td>{condition.text}</td>
            <td>{condition.owner}</td>
            <td>{formatDay(condition.dueDate)}</td>
          </tr>
        ))}
      </DataTable>
    </Panel>
  );
}

function timelineTitle(item: ReviewTimelineItem, detail: ReviewDetail): string {
  switch (item.kind) {
    case 'submitted':
      return item.version === 1 ? 'Submitted version 1' : `Submitted version ${item.version}`;
    case 'commented':
      return 'Commented';
    case 'changesRequested':
      return `Requested changes to version ${item.version}`;
    case 'decided': {
      const decision = detail.summary.decision?.decision;
      return decision
        ? `${DECISION_WORDS[decision]} (version ${item.version})`
        : `Decided on version ${item.version}`;
    }
    case 'withdrawn':
      return 'Withdrew the review';
  }
}

function Timeline({ detail }: { detail: ReviewDetail }) {
  const { commentOnReview, commentRequest } = useStewardStore(
    useShallow((s) => ({ commentOnReview: s.commentOnReview, commentRequest: s.requests.commentOnReview })),
  );
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const post = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (text.trim() === '') {
      setError('Write a comment first.');
      return;
    }
    setError(null);
    const result = await commentOnReview(detail.summary.reviewId, text.trim());
    if (result !== null) setText('');
  };

  return (
    <Panel
      title="Timeline"
      description="Everything recorded about this review, oldest first. Each entry is signed."
    >
      <ol className="timeline">
        {detail.timeline.map((item) => (
          <li key={item.entryHash} className={`timeline__item timeline__item--${item.kind}`}>
            <p className="timeline__title">{timelineTitle(item, detail)}</p>
            <p className="timeline__meta">
              {item.by.name} · {formatDateTime(item.at)}
            </p>
            {item.text && item.kind !== 'submitted' ? <p className="timeline__text">{item.text}</p> : null}
            {item.items.length > 0 ? (
              <>
                <p className="timeline__items-label">
                  {item.kind === 'changesRequested' ? 'Changes requested:' : 'Conditions:'}
                </p>
                <ul className="bullet-list">
                  {item.items.map((entry) => (
                    <li key={entry}>{entry}</li>
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
            label="Add a comment"
            hint="Comments are visible to the submitter and reviewers, and are kept with the review."
            required
            rows={3}
            maxLength={4000}
            value={text}
            onChange={setText}
            error={error}
          />
          {commentRequest.error ? (
            <Banner level="error" title="The comment was not posted">
              <p>{commentRequest.error.message}</p>
            </Banner>
          ) : null}
          <div className="button-row">
            <Button type="submit" busy={commentRequest.status === 'pending'} busyLabel="Posting…">
              Post comment
            </Button>
          </div>
        </form>
      ) : null}
    </Panel>
  );
}

function SubmitterActions({ detail }: { detail: ReviewDetail }) {
  const { startReviewRevision, withdrawReview, navigate, reviseRequest, withdrawRequest } = useStewardStore(
    useShallow((s) => ({
      startReviewRevision: s.startReviewRevision,
      withdrawReview: s.withdrawReview,
      navigate: s.navigate,
      reviseRequest: s.requests.startReviewRevision,
      withdrawRequest: s.requests.withdrawReview,
    })),
  );
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
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
      setError('Say why you are withdrawing the review.');
      reasonRef.current?.focus();
      return;
    }
    setError(null);
    const result = await withdrawReview(summary.reviewId, reason.trim());
    if (result !== null) setWithdrawing(false);
  };

  return (
    <Panel
      title="Your review"
      description={
        allowed.revise
          ? 'The reviewer asked for changes. Revise your answers and submit a new version; the reviewer will see what changed.'
          : 'You can withdraw the review while it is open.'
      }
    >
      <div className="stack stack--tight">
        <div className="button-row">
          {allowed.revise ? (
            <Button
              variant="primary"
              icon="arrowRight"
              busy={reviseRequest.status === 'pending'}
              busyLabel="Opening…"
              onClick={() => void revise()}
            >
              Revise and resubmit
            </Button>
          ) : null}
          {allowed.withdraw && !withdrawing ? (
            <Button ref={withdrawButton} variant="secondary" onClick={() => setWithdrawing(true)}>
              Withdraw review
            </Button>
          ) : null}
        </div>
        {reviseRequest.error ? (
          <Banner level="error" title="The revision could not be started">
            <p>{reviseRequest.error.message}</p>
          </Banner>
        ) : null}
        {withdrawing ? (
          <form
            className="form withdraw-form"
            noValidate
            onSubmit={(event) => void withdraw(event)}
            aria-label="Withdraw the review"
          >
            <TextAreaField
              ref={reasonRef}
              label="Why are you withdrawing it?"
              hint="Withdrawing is final: the review stays in the register as withdrawn."
              required
              rows={3}
              maxLength={4000}
              value={reason}
              onChange={setReason}
              error={error}
            />
            {withdrawRequest.error ? (
              <Banner level="error" title="The review was not withdrawn">
                <p>{withdrawRequest.error.message}</p>
              </Banner>
            ) : null}
            <div className="button-row">
              <Button
                type="submit"
                variant="danger"
                busy={withdrawRequest.status === 'pending'}
                busyLabel="Withdrawing…"
              >
                Withdraw review
              </Button>
              <Button
                onClick={() => {
                  setWithdrawing(false);
                  setError(null);
                  requestAnimationFrame(() => withdrawButton.current?.focus());
                }}
              >
                Cancel
              </Button>
            </div>
          </form>
        ) : null}
      </div>
    </Panel>
  );
}

function CannotDecide({ detail }: { detail: ReviewDetail }) {
  const { allowed, summary } = detail;
  if (allowed.decide || summary.status !== 'submitted' || allowed.decideBlockers.length === 0) return null;
  return (
    <Banner level="info" title="You cannot decide on this review">
      <ul className="plain-list">
        {allowed.decideBlockers.map((blocker) => (
          <li key={blocker}>{blocker}</li>
        ))}
      </ul>
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
  const { createReviewDraft, navigate, request } = useStewardStore(
    useShallow((s) => ({
      createReviewDraft: s.createReviewDraft,
      navigate: s.navigate,
      request: s.requests.createReviewDraft,
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
        busyLabel="Copying…"
        onClick={() => void copy()}
      >
        Copy into a new draft
      </Button>
      {request.error ? (
        <Banner level="error" title="The draft could not be created">
          <p>{request.error.message}</p>
        </Banner>
      ) : null}
    </>
  );
}

export function ReviewDetailScreen() {
  const { reviewId, detail, request, openReview, profileId } = useStewardStore(
    useShallow((s) => ({
      reviewId: s.routeParams.reviewId,
      detail: s.reviewDetail,
      request: s.requests.review,
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
  const title = ready ? detail.summary.title : 'Review';

  return (
    <>
      <Breadcrumbs items={[{ label: 'Reviews', href: hrefFor('reviews') }, { label: title }]} />
      <ScreenHeader title={title}>
        {ready ? (
          <>
            <ul className="meta-list">
              <li>
                <StatusBadge status={detail.summary.status} />
              </li>
              <li>Version {detail.summary.version}</li>
              <li>
                By {detail.summary.submitter.name}, {detail.summary.submitter.team}
              </li>
              <li>Updated {formatDateTime(detail.summary.updatedAt)}</li>
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
                  Go to the decision
                </ButtonLink>
                <span className="text-muted text-small">
                  {detail.assessment.openBlockingFlags.length === 0
                    ? 'No blocking flags are open.'
                    : `${plural(detail.assessment.openBlockingFlags.length, 'blocking flag is', 'blocking flags are')} open: it cannot be approved as it stands.`}
                </span>
              </div>
            ) : null}
          </>
        ) : null}
      </ScreenHeader>
      {request.error && !ready ? (
        <Banner
          level="error"
          title="This review could not be opened"
          actions={<ButtonLink href={hrefFor('reviews')}>Back to reviews</ButtonLink>}
        >
          <p>{request.error.message}</p>
        </Banner>
      ) : null}
      {!ready && !request.error ? <Spinner label="Opening the review…" /> : null}
      {ready ? <Detail detail={detail} /> : null}
    </>
  );
}

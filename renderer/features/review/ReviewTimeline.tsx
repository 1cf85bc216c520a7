// Everything recorded about a review, in order, with the comment box when core allows commenting.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { ReviewDetail, ReviewTimelineItem } from '../../../electron/core/contract/views/reviews';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { Panel } from '../../components/Panel';
import { TextAreaField } from '../../components/TextAreaField';
import { formatDateTime, formatDay } from '../../format';
import { useStewardStore } from '../../state/store';
import { decisionKey, type ReviewT } from './reviewWords';
import { requestOf } from '../../state/requests';
import { ErrorMessage } from '../../i18n/reasons';

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
    case 'dpiaExempted':
      return t('detail.timeline.dpiaExempted', { version: item.version });
  }
}

export function Timeline({ detail }: { detail: ReviewDetail }) {
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
                <p className="timeline__items-label">
                  {item.kind === 'dpiaExempted'
                    ? t('detail.timeline.referenceLabel')
                    : t('detail.timeline.changesLabel')}
                </p>
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

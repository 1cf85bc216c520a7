// A review whose events conflict: each side with who wrote it and the date their own clock gave,
// and that a reviewer's new decision settles it. Core decides what conflicts (review/workflow.ts).
import { useTranslation } from 'react-i18next';
import type { ReviewDetail } from '../../../electron/core/contract/views/reviews';
import { Banner } from '../../components/Banner';
import { formatDateTime } from '../../format';

export function ConflictBanner({ detail }: { detail: ReviewDetail }) {
  const { t } = useTranslation('review');
  if (!detail.conflict) return null;
  return (
    <Banner level="warning" title={t('detail.conflict.title')}>
      <p>{t('detail.conflict.body')}</p>
      <ul>
        {detail.conflict.sides.map((side) => (
          <li key={side.entryHash}>
            {t(`detail.conflict.side_${side.kind}`, {
              decision: side.decision ? t(`words.decision.${side.decision}`) : '',
              name: side.by.name,
              at: formatDateTime(side.at),
            })}
          </li>
        ))}
      </ul>
      {detail.allowed.decide ? <p>{t('detail.conflict.settle')}</p> : null}
    </Banner>
  );
}

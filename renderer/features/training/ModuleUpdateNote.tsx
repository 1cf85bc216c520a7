// What a module's update means for someone whose completion the policy no longer counts: what
// changed in each version since theirs (the module's `changes`, in the language it is shown in),
// and by when to retake it. Core decides all of it (ModuleCard.update); this only words it.
import { useTranslation } from 'react-i18next';
import type { ModuleCard } from '../../../electron/core/contract/views/training';
import { formatDate } from '../../format';

export function ModuleUpdateNote({ card, headingLevel = 4 }: { card: ModuleCard; headingLevel?: 3 | 4 }) {
  const { t } = useTranslation('training');
  const update = card.update;
  if (update === null) return null;
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const titleId = `module-${card.id}-update`;
  const version = update.completedVersion;
  const consequence =
    update.retakeBy === null
      ? t('update.noLongerCounts', { version })
      : update.late
        ? t('update.retakeLate', { version, date: formatDate(update.retakeBy) })
        : t('update.retakeBy', { version, date: formatDate(update.retakeBy) });
  return (
    <section className="update-note" aria-labelledby={titleId}>
      <Heading className="update-note__title" id={titleId}>
        {t('update.title', { version: card.version })}
      </Heading>
      {update.changes.length > 0 ? (
        <ul className="update-note__changes" lang={card.contentLocale}>
          {update.changes.map((change) => (
            <li key={change.version}>
              <span className="update-note__version">{t('update.version', { version: change.version })}</span>{' '}
              {change.summary}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('update.notSaid')}</p>
      )}
      <p className="update-note__consequence">{consequence}</p>
    </section>
  );
}

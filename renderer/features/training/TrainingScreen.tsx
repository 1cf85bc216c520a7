// Training catalogue: the organisation's modules with where this learner stands on each, required
// ones first, and what to do next. Content files that failed validation are listed with the file,
// the field and the reason, so whoever maintains the content can fix them.
import { useEffect } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type {
  ContentProblem,
  ModuleCard,
  TrainingCatalogue,
} from '../../../electron/core/contract/views/training';
import { Badge } from '../../components/Badge';
import { currentLocale } from '../../i18n';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { ButtonLink } from '../../components/ButtonLink';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { useStewardStore } from '../../state/store';
import { ModuleUpdateNote } from './ModuleUpdateNote';
import { moduleActions, readingPosition, STATUS_LOOK, statusDateLine, statusLabel } from './moduleStatus';
import { requestOf } from '../../state/requests';
import { ErrorMessage } from '../../i18n/reasons';

function ModuleItem({ card }: { card: ModuleCard }) {
  const { t } = useTranslation('training');
  const look = STATUS_LOOK[card.status];
  const dateLine = statusDateLine(t, card);
  const position =
    card.status === 'inProgress' || card.status === 'overdue' ? readingPosition(t, card) : null;
  const titleId = `module-${card.id}-title`;
  return (
    <li className={`module-card module-card--${look.tone}`}>
      <div className="module-card__main">
        <div className="module-card__heading">
          <h3 className="module-card__title" id={titleId}>
            {card.title}
          </h3>
          {card.required ? <span className="tag tag--strong">{t('catalogue.required')}</span> : null}
        </div>
        <p className="module-card__summary">{card.summary}</p>
        <ModuleUpdateNote card={card} />
        <ul className="meta-list">
          <li>
            <Icon name="clock" /> {t('catalogue.minutes', { minutes: card.minutes })}
          </li>
          <li>{t('catalogue.version', { version: card.version })}</li>
          {card.contentLocale !== currentLocale() ? <li>{t('catalogue.shownInEnglish')}</li> : null}
          {position ? <li>{position}</li> : null}
          {card.readyToAttest ? <li>{t('catalogue.readyToAttest')}</li> : null}
        </ul>
      </div>
      <div className="module-card__side">
        <div className="module-card__status">
          <Badge tone={look.tone} icon={look.icon}>
            {statusLabel(t, card.status)}
          </Badge>
          {dateLine ? <p className="module-card__date">{dateLine}</p> : null}
        </div>
        <div className="button-row module-card__actions">
          {moduleActions(card).map((action) => (
            <ButtonLink
              key={action.kind}
              href={action.href}
              variant={action.variant}
              size="sm"
              // Names the module for screen readers ("Start" eight times says nothing); the
              // visible word comes first, so speech input still matches it.
              aria-label={t('action.forModule', { action: t(`action.${action.kind}`), module: card.title })}
            >
              {t(`action.${action.kind}`)}
            </ButtonLink>
          ))}
        </div>
      </div>
    </li>
  );
}

function ModuleGroup({
  id,
  title,
  description,
  cards,
}: {
  /** For the heading's id; the title is in the interface language. */
  id: string;
  title: string;
  description: string;
  cards: ModuleCard[];
}) {
  if (cards.length === 0) return null;
  const headingId = `group-${id}`;
  return (
    <section className="module-group" aria-labelledby={headingId}>
      <div className="module-group__header">
        <h2 className="module-group__title" id={headingId}>
          {title}
        </h2>
        <p className="text-muted text-small">{description}</p>
      </div>
      <ul className="module-list">
        {cards.map((card) => (
          <ModuleItem key={card.id} card={card} />
        ))}
      </ul>
    </section>
  );
}

function UnavailablePanel({ problems }: { problems: ContentProblem[] }) {
  const { t } = useTranslation('training');
  if (problems.length === 0) return null;
  return (
    <Panel
      title={t('unavailable.title')}
      description={
        <p>
          <Trans
            t={t}
            i18nKey="unavailable.description"
            count={problems.length}
            components={{ code: <code /> }}
          />
        </p>
      }
    >
      <DataTable
        label={t('unavailable.tableLabel')}
        columns={[t('unavailable.file'), t('unavailable.field'), t('unavailable.problem')]}
      >
        {problems.map((problem, index) => (
          <tr key={`${problem.file}-${problem.field ?? ''}-${index}`}>
            <td>
              <code className="mono-text">{problem.file}</code>
            </td>
            <td>
              {problem.field ? (
                <code className="mono-text">{problem.field}</code>
              ) : (
                <span className="text-muted">{t('unavailable.wholeFile')}</span>
              )}
            </td>
            <td>{problem.reason}</td>
          </tr>
        ))}
      </DataTable>
    </Panel>
  );
}

function Summary({ catalogue }: { catalogue: TrainingCatalogue }) {
  const { t } = useTranslation('training');
  const required = catalogue.modules.filter((card) => card.required);
  const current = required.filter((card) => card.status === 'passed' || card.status === 'dueSoon').length;
  const attention = required.filter((card) => card.status === 'overdue' || card.status === 'expired').length;
  if (required.length === 0) return null;
  return (
    <p className="training-summary">
      <strong>{t('catalogue.summaryCurrent', { current, count: required.length })}</strong>{' '}
      {attention > 0 ? <span>{t('catalogue.summaryAttention', { count: attention })}</span> : null}
    </p>
  );
}

export function TrainingScreen() {
  const { t } = useTranslation(['training', 'common']);
  const { catalogue, request, loadCatalogue } = useStewardStore(
    useShallow((s) => ({
      catalogue: s.catalogue,
      request: requestOf(s.requests, 'listTrainingModules'),
      loadCatalogue: s.loadCatalogue,
    })),
  );

  // Statuses depend on the clock and on other screens' work: read them fresh on every visit.
  useEffect(() => {
    void loadCatalogue();
  }, [loadCatalogue]);

  const required = catalogue?.modules.filter((card) => card.required) ?? [];
  const optional = catalogue?.modules.filter((card) => !card.required) ?? [];

  return (
    <>
      <ScreenHeader title={t('catalogue.title')}>
        <p>{t('catalogue.lead')}</p>
      </ScreenHeader>
      <div className="stack">
        {request.error ? (
          <Banner
            level="error"
            title={t('catalogue.loadFailed')}
            actions={
              <Button size="sm" onClick={() => void loadCatalogue()}>
                {t('common:actions.tryAgain')}
              </Button>
            }
          >
            <ErrorMessage error={request.error} />
          </Banner>
        ) : null}
        {catalogue === null && request.status !== 'failed' ? (
          <Spinner label={t('catalogue.loading')} />
        ) : null}
        {catalogue ? (
          <>
            <Summary catalogue={catalogue} />
            {catalogue.modules.length === 0 ? (
              <EmptyState icon="training" title={t('catalogue.emptyTitle')}>
                <p>{t('catalogue.emptyText')}</p>
              </EmptyState>
            ) : null}
            <ModuleGroup
              id="required"
              title={t('catalogue.requiredTitle')}
              description={t('catalogue.requiredDescription')}
              cards={required}
            />
            <ModuleGroup
              id="optional"
              title={required.length > 0 ? t('catalogue.otherTitle') : t('catalogue.allTitle')}
              description={t('catalogue.optionalDescription')}
              cards={optional}
            />
            <UnavailablePanel problems={catalogue.unavailable} />
          </>
        ) : null}
      </div>
    </>
  );
}

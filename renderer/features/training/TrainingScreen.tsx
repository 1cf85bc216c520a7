// Training catalogue: the organisation's modules with where this learner stands on each, required
// ones first, and what to do next. Content files that failed validation are listed with the file,
// the field and the reason, so whoever maintains the content can fix them.
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ContentProblem, ModuleCard, TrainingCatalogue } from '../../../electron/core/contract';
import { Badge } from '../../components/Badge';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { ButtonLink } from '../../components/ButtonLink';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { plural } from '../../format';
import { useStewardStore } from '../../state/store';
import { moduleActions, readingPosition, STATUS_LOOK, statusDateLine } from './moduleStatus';

function ModuleItem({ card }: { card: ModuleCard }) {
  const look = STATUS_LOOK[card.status];
  const dateLine = statusDateLine(card);
  const position = card.status === 'inProgress' || card.status === 'overdue' ? readingPosition(card) : null;
  const titleId = `module-${card.id}-title`;
  return (
    <li className={`module-card module-card--${look.tone}`}>
      <div className="module-card__main">
        <div className="module-card__heading">
          <h3 className="module-card__title" id={titleId}>
            {card.title}
          </h3>
          {card.required ? <span className="tag tag--strong">Required</span> : null}
        </div>
        <p className="module-card__summary">{card.summary}</p>
        <ul className="meta-list">
          <li>
            <Icon name="clock" /> {card.minutes} min
          </li>
          <li>Version {card.version}</li>
          {position ? <li>{position}</li> : null}
          {card.readyToAttest ? <li>Knowledge check passed: attestation to sign</li> : null}
        </ul>
      </div>
      <div className="module-card__side">
        <div className="module-card__status">
          <Badge tone={look.tone} icon={look.icon}>
            {look.label}
          </Badge>
          {dateLine ? <p className="module-card__date">{dateLine}</p> : null}
        </div>
        <div className="button-row module-card__actions">
          {moduleActions(card).map((action) => (
            <ButtonLink
              key={action.label}
              href={action.href}
              variant={action.variant}
              size="sm"
              // Names the module for screen readers ("Start" eight times says nothing); the
              // visible word comes first, so speech input still matches it.
              aria-label={`${action.label}: ${card.title}`}
            >
              {action.label}
            </ButtonLink>
          ))}
        </div>
      </div>
    </li>
  );
}

function ModuleGroup({
  title,
  description,
  cards,
}: {
  title: string;
  description: string;
  cards: ModuleCard[];
}) {
  if (cards.length === 0) return null;
  const headingId = `group-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
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
  if (problems.length === 0) return null;
  return (
    <Panel
      title="Modules that could not be loaded"
      description={
        <p>
          {plural(problems.length, 'problem')} in the organisation's content. The other modules work as usual.
          Whoever maintains the content can run <code>npx steward content check</code> to see the same list.
        </p>
      }
    >
      <DataTable label="Content problems" columns={['File', 'Field', 'Problem']}>
        {problems.map((problem, index) => (
          <tr key={`${problem.file}-${problem.field ?? ''}-${index}`}>
            <td>
              <code className="mono-text">{problem.file}</code>
            </td>
            <td>
              {problem.field ? (
                <code className="mono-text">{problem.field}</code>
              ) : (
                <span className="text-muted">Whole file</span>
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
  const required = catalogue.modules.filter((card) => card.required);
  const current = required.filter((card) => card.status === 'passed' || card.status === 'dueSoon').length;
  const attention = required.filter((card) => card.status === 'overdue' || card.status === 'expired').length;
  if (required.length === 0) return null;
  return (
    <p className="training-summary">
      <strong>
        {current} of {plural(required.length, 'required module')} current.
      </strong>{' '}
      {attention > 0 ? <span>{plural(attention, 'module')} overdue or expired.</span> : null}
    </p>
  );
}

export function TrainingScreen() {
  const { catalogue, request, loadCatalogue } = useStewardStore(
    useShallow((s) => ({
      catalogue: s.catalogue,
      request: s.requests.trainingCatalogue,
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
      <ScreenHeader title="Training">
        <p>
          Short modules on using customer data responsibly. Read each one, pass its knowledge check and sign
          the attestation; the completion is signed into your records.
        </p>
      </ScreenHeader>
      <div className="stack">
        {request.error ? (
          <Banner
            level="error"
            title="Steward could not load your training"
            actions={
              <Button size="sm" onClick={() => void loadCatalogue()}>
                Try again
              </Button>
            }
          >
            <p>{request.error.message}</p>
          </Banner>
        ) : null}
        {catalogue === null && request.status !== 'failed' ? <Spinner label="Loading your modules…" /> : null}
        {catalogue ? (
          <>
            <Summary catalogue={catalogue} />
            {catalogue.modules.length === 0 ? (
              <EmptyState icon="training" title="No training modules yet">
                <p>
                  Your organisation's data-ethics modules will be listed here once they are added to the
                  content folder.
                </p>
              </EmptyState>
            ) : null}
            <ModuleGroup
              title="Required for you"
              description="Your organisation's policy asks you to complete these and keep them current."
              cards={required}
            />
            <ModuleGroup
              title={required.length > 0 ? 'Other modules' : 'Modules'}
              description="Open to everyone; take them when they are useful to your work."
              cards={optional}
            />
            <UnavailablePanel problems={catalogue.unavailable} />
          </>
        ) : null}
      </div>
    </>
  );
}

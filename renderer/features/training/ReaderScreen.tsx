// The reader: one section of a module at a time, a progress bar, Previous/Next and a list of
// sections to jump to. It opens where the learner left off (core keeps the position per content
// version) and saves the position whenever the section changes. After the last section comes the
// knowledge check.
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ModuleContent, ModuleSection } from '../../../electron/core/contract';
import { Banner } from '../../components/Banner';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { Button } from '../../components/Button';
import { ButtonLink } from '../../components/ButtonLink';
import { Icon } from '../../components/Icon';
import { Markdown } from '../../components/Markdown';
import { ProgressBar } from '../../components/ProgressBar';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { plural } from '../../format';
import { hrefFor } from '../../routes';
import { useStewardStore } from '../../state/store';
import { STATUS_LOOK } from './moduleStatus';

/** Where to open: the saved position, kept inside the module (content may have lost sections). */
function resumeSection(content: ModuleContent): number {
  const saved = content.card.progress?.section ?? 0;
  return Math.min(Math.max(saved, 0), Math.max(content.sections.length - 1, 0));
}

/** The section's body without a leading heading that repeats its title (the reader shows the title). */
function sectionBody(section: ModuleSection): string {
  const match = /^\s*#{1,6}\s+(.+?)\s*#*\s*(?:\r?\n|$)/.exec(section.markdown);
  if (match && match[1]!.trim() === section.title.trim()) return section.markdown.slice(match[0].length);
  return section.markdown;
}

function SectionList({
  sections,
  current,
  onSelect,
}: {
  sections: ModuleSection[];
  current: number;
  onSelect: (index: number) => void;
}) {
  return (
    <nav className="section-list step-layout__steps" aria-label="Sections">
      <h2 className="section-list__title">Sections</h2>
      <ol className="stepper__items">
        {sections.map((section, index) => (
          <li key={section.id}>
            <button
              type="button"
              className="stepper__item"
              aria-current={index === current ? 'step' : undefined}
              onClick={() => onSelect(index)}
            >
              <span className="stepper__number" aria-hidden="true">
                {index < current ? <Icon name="check" /> : index + 1}
              </span>
              <span className="stepper__label">{section.title}</span>
              {index < current ? <span className="visually-hidden">, read</span> : null}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Reader({ content }: { content: ModuleContent }) {
  const { saveReadingProgress, saveError } = useStewardStore(
    useShallow((s) => ({
      saveReadingProgress: s.saveReadingProgress,
      saveError: s.requests.saveReadingProgress.error,
    })),
  );
  const [current, setCurrent] = useState(() => resumeSection(content));
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const { card, sections } = content;
  const section = sections[current]!;
  const isLast = current === sections.length - 1;

  useEffect(() => {
    // The first section is announced through the screen's h1; later moves land on the section title.
    if (!moved.current) return;
    headingRef.current?.focus();
    headingRef.current?.scrollIntoView?.({ block: 'start' });
  }, [current]);

  const goTo = (index: number) => {
    if (index < 0 || index >= sections.length || index === current) return;
    moved.current = true;
    setCurrent(index);
    void saveReadingProgress(card.id, index);
  };

  const look = STATUS_LOOK[card.status];
  return (
    <div className="reader">
      <div className="reader__progress">
        <ProgressBar
          label="Reading progress"
          value={current + 1}
          max={sections.length}
          valueText={`Section ${current + 1} of ${sections.length}`}
        />
      </div>
      {saveError ? (
        <Banner level="warning" title="Your place could not be saved">
          <p>
            {saveError.message} You can keep reading; Steward will try again when you move to another section.
          </p>
        </Banner>
      ) : null}
      <div className="step-layout">
        <SectionList sections={sections} current={current} onSelect={goTo} />
        <article className="step-panel" aria-labelledby="reader-section-title">
          <p className="step-panel__kicker">
            Section {current + 1} of {sections.length}
            <span className="visually-hidden"> · module status: {look.label}</span>
          </p>
          <h2 className="step-panel__title" id="reader-section-title" ref={headingRef} tabIndex={-1}>
            {section.title}
          </h2>
          <Markdown key={section.id} source={sectionBody(section)} className="reader__body" />
          <div className="step-panel__nav">
            {current > 0 ? (
              <Button
                icon="arrowLeft"
                onClick={() => goTo(current - 1)}
                aria-label={`Previous: ${sections[current - 1]!.title}`}
              >
                Previous
              </Button>
            ) : (
              <ButtonLink href={hrefFor('training')} icon="arrowLeft" variant="ghost">
                All modules
              </ButtonLink>
            )}
            {isLast ? (
              <ButtonLink
                href={hrefFor({ route: 'training-quiz', moduleId: card.id })}
                variant="primary"
                icon="check"
              >
                Take the knowledge check
              </ButtonLink>
            ) : (
              <Button
                variant="primary"
                iconEnd="arrowRight"
                onClick={() => goTo(current + 1)}
                aria-label={`Next: ${sections[current + 1]!.title}`}
              >
                Next
              </Button>
            )}
          </div>
          {isLast ? (
            <p className="reader__after text-muted text-small">
              The knowledge check has {plural(content.questionCount, 'question')}; you need {card.passMark}%
              to pass. You can come back to any section first.
            </p>
          ) : null}
        </article>
      </div>
    </div>
  );
}

export function ReaderScreen() {
  const { moduleId, content, request, openTrainingModule } = useStewardStore(
    useShallow((s) => ({
      moduleId: s.routeParams.moduleId,
      content: s.openModule,
      request: s.requests.startModule,
      openTrainingModule: s.openTrainingModule,
    })),
  );
  // Each visit opens the module afresh, so the saved position and the status are current.
  const [opened, setOpened] = useState<string | null>(null);

  useEffect(() => {
    if (moduleId === null) return;
    let live = true;
    void openTrainingModule(moduleId).then((loaded) => {
      if (live && loaded !== null) setOpened(loaded.card.contentHash);
    });
    return () => {
      live = false;
    };
  }, [moduleId, openTrainingModule]);

  const ready = content !== null && content.card.id === moduleId && opened === content.card.contentHash;
  const title = ready ? content.card.title : 'Training module';

  return (
    <>
      <Breadcrumbs items={[{ label: 'Training', href: hrefFor('training') }, { label: title }]} />
      <ScreenHeader title={title}>
        {ready ? (
          <p>
            {content.card.summary}{' '}
            <span className="screen-header__meta">
              About {content.card.minutes} minutes · {plural(content.sections.length, 'section')} · version{' '}
              {content.card.version}
            </span>
          </p>
        ) : null}
      </ScreenHeader>
      {request.error && !ready ? (
        <Banner
          level="error"
          title="This module could not be opened"
          actions={<ButtonLink href={hrefFor('training')}>Back to all modules</ButtonLink>}
        >
          <p>{request.error.message}</p>
        </Banner>
      ) : null}
      {!ready && !request.error ? <Spinner label="Opening the module…" /> : null}
      {ready ? <Reader key={content.card.contentHash} content={content} /> : null}
    </>
  );
}

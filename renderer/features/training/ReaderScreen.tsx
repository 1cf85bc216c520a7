// The reader: one section of a module at a time, a progress bar, Previous/Next and a list of
// sections to jump to. It opens where the learner left off (core keeps the position per content
// version) and saves the position whenever the section changes. After the last section comes the
// knowledge check.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { ModuleContent, ModuleSection } from '../../../electron/core/contract/views/training';
import { Banner } from '../../components/Banner';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { Button } from '../../components/Button';
import { ButtonLink } from '../../components/ButtonLink';
import { Icon } from '../../components/Icon';
import { Markdown } from '../../components/Markdown';
import { ProgressBar } from '../../components/ProgressBar';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { currentLocale } from '../../i18n';
import { hrefFor } from '../../routes';
import { useStewardStore } from '../../state/store';
import { statusLabel } from './moduleStatus';
import { requestOf } from '../../state/requests';
import { ErrorMessage, wordError } from '../../i18n/reasons';
import { ModuleUpdateNote } from './ModuleUpdateNote';

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
  const { t } = useTranslation('training');
  return (
    <nav className="section-list step-layout__steps" aria-label={t('reader.sections')}>
      <h2 className="section-list__title">{t('reader.sections')}</h2>
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
              {index < current ? <span className="visually-hidden">{t('reader.sectionRead')}</span> : null}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Reader({ content }: { content: ModuleContent }) {
  const { t } = useTranslation('training');
  const { saveReadingProgress, saveError } = useStewardStore(
    useShallow((s) => ({
      saveReadingProgress: s.saveReadingProgress,
      saveError: requestOf(s.requests, 'saveReadingProgress').error,
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

  const sectionOf = t('reader.sectionOf', { current: current + 1, total: sections.length });
  return (
    <div className="reader">
      <div className="reader__progress">
        <ProgressBar
          label={t('reader.progressLabel')}
          value={current + 1}
          max={sections.length}
          valueText={sectionOf}
        />
      </div>
      {saveError ? (
        <Banner level="warning" title={t('reader.saveFailed')}>
          <p>{t('reader.saveFailedText', { message: wordError(saveError) })}</p>
        </Banner>
      ) : null}
      <div className="step-layout">
        <SectionList sections={sections} current={current} onSelect={goTo} />
        <article className="step-panel" aria-labelledby="reader-section-title">
          <p className="step-panel__kicker">
            {sectionOf}
            <span className="visually-hidden">
              {' · '}
              {t('reader.moduleStatus', { status: statusLabel(t, card.status) })}
            </span>
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
                aria-label={t('reader.previousTo', { title: sections[current - 1]!.title })}
              >
                {t('reader.previous')}
              </Button>
            ) : (
              <ButtonLink href={hrefFor('training')} icon="arrowLeft" variant="ghost">
                {t('reader.allModules')}
              </ButtonLink>
            )}
            {isLast ? (
              <ButtonLink
                href={hrefFor({ route: 'training-quiz', moduleId: card.id })}
                variant="primary"
                icon="check"
              >
                {t('takeCheck')}
              </ButtonLink>
            ) : (
              <Button
                variant="primary"
                iconEnd="arrowRight"
                onClick={() => goTo(current + 1)}
                aria-label={t('reader.nextTo', { title: sections[current + 1]!.title })}
              >
                {t('reader.next')}
              </Button>
            )}
          </div>
          {isLast ? (
            <p className="reader__after text-muted text-small">
              {t('reader.after', { count: content.questionCount, passMark: card.passMark })}
            </p>
          ) : null}
        </article>
      </div>
    </div>
  );
}

export function ReaderScreen() {
  const { t } = useTranslation('training');
  const { moduleId, content, request, openTrainingModule } = useStewardStore(
    useShallow((s) => ({
      moduleId: s.routeParams.moduleId,
      content: s.openModule,
      request: requestOf(s.requests, 'startTrainingModule'),
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
  const title = ready ? content.card.title : t('reader.fallbackTitle');

  return (
    <>
      <Breadcrumbs
        items={[{ label: t('breadcrumb.training'), href: hrefFor('training') }, { label: title }]}
      />
      <ScreenHeader title={title}>
        {ready ? (
          <p>
            {content.card.summary}{' '}
            <span className="screen-header__meta">
              {t('reader.meta', {
                minutes: content.card.minutes,
                sections: t('reader.sectionCount', { count: content.sections.length }),
                version: content.card.version,
              })}
            </span>
            {content.card.contentLocale !== currentLocale() ? (
              <span className="screen-header__meta"> {t('reader.notTranslated')}</span>
            ) : null}
          </p>
        ) : null}
      </ScreenHeader>
      {request.error && !ready ? (
        <Banner
          level="error"
          title={t('reader.openFailed')}
          actions={<ButtonLink href={hrefFor('training')}>{t('backToAllModules')}</ButtonLink>}
        >
          <ErrorMessage error={request.error} />
        </Banner>
      ) : null}
      {!ready && !request.error ? <Spinner label={t('reader.opening')} /> : null}
      {ready ? <ModuleUpdateNote card={content.card} headingLevel={3} /> : null}
      {ready ? <Reader key={content.card.contentHash} content={content} /> : null}
    </>
  );
}

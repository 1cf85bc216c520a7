// A titled card: the unit every screen is built from, so spacing and headings match everywhere.
import { useId, type ReactNode } from 'react';

export function Panel({
  title,
  description,
  actions,
  children,
  level = 2,
  id,
}: {
  title: string;
  /** The heading level: 2 on a screen, 3 for a panel inside a section that has its own h2. */
  level?: 2 | 3;
  id?: string;
  description?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  const headingId = `panel-${useId()}`;
  const Heading = level === 3 ? 'h3' : 'h2';
  return (
    <section className="panel" aria-labelledby={headingId} id={id}>
      <div className="panel__header">
        <div className="panel__heading">
          <Heading className="panel__title" id={headingId}>
            {title}
          </Heading>
          {description ? <div className="panel__description">{description}</div> : null}
        </div>
        {actions ? <div className="panel__actions">{actions}</div> : null}
      </div>
      {children ? <div className="panel__body">{children}</div> : null}
    </section>
  );
}

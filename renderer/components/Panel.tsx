// A titled card: the unit every screen is built from, so spacing and headings match everywhere.
import { useId, type ReactNode } from 'react';

export function Panel({
  title,
  description,
  actions,
  children,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  const headingId = `panel-${useId()}`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel__header">
        <div className="panel__heading">
          <h2 className="panel__title" id={headingId}>
            {title}
          </h2>
          {description ? <div className="panel__description">{description}</div> : null}
        </div>
        {actions ? <div className="panel__actions">{actions}</div> : null}
      </div>
      {children ? <div className="panel__body">{children}</div> : null}
    </section>
  );
}

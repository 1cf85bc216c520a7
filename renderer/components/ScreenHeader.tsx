// The top of every screen: its h1 (the target focus moves to on navigation, so a screen reader
// announces where the person arrived) and a line on what the screen is for.
import type { ReactNode } from 'react';

export const MAIN_HEADING_ID = 'main-heading';

export function ScreenHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="screen-header">
      <h1 className="screen-header__title" id={MAIN_HEADING_ID} tabIndex={-1}>
        {title}
      </h1>
      {children ? <div className="screen-header__lead">{children}</div> : null}
    </header>
  );
}

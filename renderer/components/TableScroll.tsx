// The box a wide table scrolls in sideways on a narrow window. Only while it actually overflows
// does it become a focusable, named region, so keyboard users can scroll it (WCAG 2.1.1) without
// an empty tab stop on every table that fits.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** `label` names the table ("Review queue"); the region reads "Review queue table". */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation('common');
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (element === null || typeof ResizeObserver === 'undefined') return;
    // The observer reports once on observe, then on every resize of the box.
    const observer = new ResizeObserver(() => setOverflows(element.scrollWidth > element.clientWidth + 1));
    observer.observe(element);
    const table = element.firstElementChild;
    if (table) observer.observe(table);
    return () => observer.disconnect();
  }, []);

  return (
    <div
      ref={ref}
      className="table-scroll"
      tabIndex={overflows ? 0 : undefined}
      role={overflows ? 'region' : undefined}
      aria-label={overflows ? t('tableRegion', { label }) : undefined}
    >
      {children}
    </div>
  );
}

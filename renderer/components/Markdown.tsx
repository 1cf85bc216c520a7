// Renders organisation-written Markdown (training modules, review guidance) safely, and keeps
// every link click inside Steward's rules: in-page anchors scroll (they must not touch the hash,
// which is the router's), everything else goes to openExternalLink, which decides in the main
// process whether the system browser may open it — and says why when it will not.
import { useMemo, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, toApiError } from '../api';
import { HEADING_ID_PREFIX, markdownToSafeHtml } from './markdownToSafeHtml';
import { wordError } from '../i18n/reasons';

export interface MarkdownProps {
  source: string;
  className?: string;
}

function findAnchorTarget(container: HTMLElement, fragment: string): HTMLElement | null {
  let id = fragment;
  try {
    id = decodeURIComponent(fragment);
  } catch {
    // A malformed escape: look the fragment up as written.
  }
  for (const candidate of [id, `${HEADING_ID_PREFIX}${id}`]) {
    const element = candidate ? document.getElementById(candidate) : null;
    if (element && container.contains(element)) return element;
  }
  return null;
}

export function Markdown({ source, className }: MarkdownProps) {
  const { t } = useTranslation('common');
  const html = useMemo(() => markdownToSafeHtml(source), [source]);
  const containerRef = useRef<HTMLDivElement>(null);
  const [linkMessage, setLinkMessage] = useState<string | null>(null);

  const openLink = async (href: string) => {
    setLinkMessage(null);
    try {
      const result = await api().openExternalLink({ url: href });
      if (!result.opened) setLinkMessage(result.reason ?? t('link.notOpened'));
    } catch (error) {
      setLinkMessage(wordError(toApiError(error, 'openExternalLink').toPayload()));
    }
  };

  const handleClick = (event: MouseEvent<HTMLDivElement>) => {
    const container = containerRef.current;
    const anchor = event.target instanceof Element ? event.target.closest('a') : null;
    if (container === null || anchor === null || !container.contains(anchor)) return;
    // Nothing inside rendered Markdown may navigate the app's own window.
    event.preventDefault();
    const href = anchor.getAttribute('href');
    if (href === null || href === '') return;
    if (href.startsWith('#')) {
      const target = findAnchorTarget(container, href.slice(1));
      if (target === null) return;
      const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? true;
      target.scrollIntoView?.({ block: 'start', behavior: reduceMotion ? 'auto' : 'smooth' });
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: true });
      return;
    }
    void openLink(href);
  };

  // Middle-click would otherwise ask for a new window, which the main process refuses silently.
  const handleAuxClick = (event: MouseEvent<HTMLDivElement>) => {
    if (event.target instanceof Element && event.target.closest('a')) event.preventDefault();
  };

  return (
    <div className={['markdown-block', className].filter(Boolean).join(' ')}>
      <div
        ref={containerRef}
        className="markdown"
        onClick={handleClick}
        onAuxClick={handleAuxClick}
        dangerouslySetInnerHTML={{ __html: html }}
      />
      <p className="markdown__link-status" role="status">
        {linkMessage ? (
          <>
            <span>{linkMessage}</span>{' '}
            <button type="button" className="link-button" onClick={() => setLinkMessage(null)}>
              {t('actions.dismiss')}
            </button>
          </>
        ) : null}
      </p>
    </div>
  );
}

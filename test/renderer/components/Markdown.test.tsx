import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Markdown } from '../../../renderer/components/Markdown';
import { isAllowedImageSrc, isAllowedLinkHref } from '../../../renderer/components/markdownToSafeHtml';
import { freshCore } from '../support/realBridge';
// Components read their words through i18n; the app initialises it, so a component alone must too.
import '../../../renderer/i18n';

const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '<iframe src="https://evil.example"></iframe>',
  '<svg onload=alert(1)><circle r="4"/></svg>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<script>alert(1)</script>',
  '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
  '<a href="java\tscript:alert(1)">tab</a>',
  '<a href="&#106;avascript:alert(1)">entity</a>',
  '<math><mi xlink:href="javascript:alert(1)">m</mi></math>',
  '<form action="https://evil.example"><input name="q"><button formaction="javascript:alert(1)">go</button></form>',
  '<object data="https://evil.example/x.swf"></object>',
  '<embed src="https://evil.example/x.swf">',
  '<style>body { display: none }</style>',
  '<p style="background:url(javascript:alert(1))" onclick="alert(1)">styled</p>',
  '<a href="https://example.org" onmouseover="alert(1)" target="_blank">hover</a>',
  '![pic](javascript:alert(1))',
  '<img src="data:text/html;base64,PHNjcmlwdD4=">',
  '<details open ontoggle=alert(1)>d</details>',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<a href="vbscript:msgbox(1)">vb</a>',
];

const FORBIDDEN_ELEMENTS =
  'script, iframe, frame, svg, math, object, embed, form, input, button, style, base, meta, link';

function assertInert(root: HTMLElement) {
  expect(root.querySelectorAll(FORBIDDEN_ELEMENTS)).toHaveLength(0);
  for (const element of root.querySelectorAll('*')) {
    for (const attribute of Array.from(element.attributes)) {
      expect(attribute.name.toLowerCase().startsWith('on'), `${element.tagName} ${attribute.name}`).toBe(
        false,
      );
      expect(attribute.name.toLowerCase()).not.toBe('style');
      expect(attribute.name.toLowerCase()).not.toBe('target');
      if (
        ['href', 'src', 'xlink:href', 'action', 'formaction', 'data'].includes(attribute.name.toLowerCase())
      ) {
        const value = attribute.value.replace(/\s/g, '').toLowerCase();
        expect(value.startsWith('javascript:'), `${element.tagName} ${attribute.name}=${value}`).toBe(false);
        expect(value.startsWith('vbscript:'), `${element.tagName} ${attribute.name}=${value}`).toBe(false);
        expect(value.startsWith('data:text'), `${element.tagName} ${attribute.name}=${value}`).toBe(false);
      }
    }
  }
}

describe('Markdown sanitising', () => {
  it.each(PAYLOADS)('renders %s inert', (payload) => {
    const { container } = render(<Markdown source={`Intro paragraph.\n\n${payload}\n\nAfter.`} />);
    assertInert(container);
    expect(container.textContent).toContain('Intro paragraph.');
  });

  it('renders all payloads together inert', () => {
    const { container } = render(<Markdown source={PAYLOADS.join('\n\n')} />);
    assertInert(container);
  });

  it('keeps ordinary Markdown: headings with ids, lists, emphasis, safe links and images', () => {
    const source = [
      '# Why it matters',
      '',
      'Read **carefully** and see [the GDPR](https://gdpr-info.eu/art-5-gdpr/) or [mail us](mailto:dpo@example.com).',
      '',
      '- one',
      '- two',
      '',
      '![chart](images/chart.png) ![inline](data:image/png;base64,iVBORw0KGgo=) ![remote](https://tracker.example/p.gif)',
      '',
      '## Why it matters',
    ].join('\n');
    const { container } = render(<Markdown source={source} />);
    const headings = container.querySelectorAll('h1, h2');
    expect(Array.from(headings, (h) => h.id)).toEqual(['md-why-it-matters', 'md-why-it-matters-1']);
    expect(container.querySelector('strong')?.textContent).toBe('carefully');
    expect(container.querySelectorAll('li')).toHaveLength(2);
    const gdpr = screen.getByRole('link', { name: 'the GDPR' });
    expect(gdpr.getAttribute('href')).toBe('https://gdpr-info.eu/art-5-gdpr/');
    expect(gdpr.getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.getByRole('link', { name: 'mail us' }).getAttribute('href')).toBe('mailto:dpo@example.com');
    const images = Array.from(container.querySelectorAll('img'));
    expect(images.map((img) => img.getAttribute('src'))).toEqual([
      'images/chart.png',
      'data:image/png;base64,iVBORw0KGgo=',
      null,
    ]);
  });

  it('allows only https, mailto and in-page links, and only app or embedded raster images', () => {
    expect(isAllowedLinkHref('https://ico.org.uk')).toBe(true);
    expect(isAllowedLinkHref('#section')).toBe(true);
    expect(isAllowedLinkHref('mailto:a@b.c')).toBe(true);
    for (const href of [
      'http://x.example',
      'javascript:alert(1)',
      ' javascript:x',
      'data:text/html,x',
      'file:///etc/passwd',
      '//evil.example',
      'relative/page',
    ]) {
      expect(isAllowedLinkHref(href), href).toBe(false);
    }
    expect(isAllowedImageSrc('img/a.png')).toBe(true);
    for (const src of [
      'https://tracker.example/p.gif',
      '//evil.example/x.png',
      'data:image/svg+xml;base64,PHN2Zz4=',
      'javascript:x',
      'x:y',
    ]) {
      expect(isAllowedImageSrc(src), src).toBe(false);
    }
  });
});

describe('Markdown links', () => {
  it('sends an external link to openExternalLink, which opens it in the browser, and does not navigate', async () => {
    const core = await freshCore();
    window.steward = core.bridge;
    render(<Markdown source="See [Article 5](https://gdpr-info.eu/art-5-gdpr/)." />);
    const before = window.location.href;
    const link = screen.getByRole('link', { name: 'Article 5' });
    const event = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    link.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    await waitFor(() => expect(core.host.openedLinks).toEqual(['https://gdpr-info.eu/art-5-gdpr/']));
    expect(core.bridge.callsTo('openExternalLink')).toEqual([{ url: 'https://gdpr-info.eu/art-5-gdpr/' }]);
    expect(window.location.href).toBe(before);
  });

  it('shows why core refused a link', async () => {
    const core = await freshCore();
    window.steward = core.bridge;
    render(<Markdown source="[somewhere](https://evil.example/)" />);
    fireEvent.click(screen.getByRole('link', { name: 'somewhere' }));
    const status = await screen.findByText(
      "evil.example is not on Steward's list of sites that open in your browser.",
    );
    expect(status.closest('[role="status"]')).toBeTruthy();
    expect(core.host.openedLinks).toEqual([]);
  });

  it('says so when this window cannot open a browser', async () => {
    const core = await freshCore({ browser: false });
    window.steward = core.bridge;
    render(<Markdown source="[Article 5](https://gdpr-info.eu/art-5-gdpr/)" />);
    fireEvent.click(screen.getByRole('link', { name: 'Article 5' }));
    expect(
      await screen.findByText(
        'This window cannot open your browser; the link is https://gdpr-info.eu/art-5-gdpr/',
      ),
    ).toBeTruthy();
  });

  it('scrolls to an in-page anchor without calling openExternalLink or touching the hash', async () => {
    const core = await freshCore();
    window.steward = core.bridge;
    window.history.replaceState(null, '', '#/training');
    render(<Markdown source={'[Jump](#the-rules)\n\n## The rules\n\nText.'} />);
    const event = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    screen.getByRole('link', { name: 'Jump' }).dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(document.activeElement?.id).toBe('md-the-rules');
    expect(window.location.hash).toBe('#/training');
    await Promise.resolve();
    expect(core.bridge.callsTo('openExternalLink')).toHaveLength(0);
  });
});

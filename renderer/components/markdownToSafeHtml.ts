// Markdown -> HTML that is safe to put into the page. Module text is written by the
// organisation, but it may be copied from anywhere, so it is treated as untrusted: marked turns
// it into HTML, then DOMPurify (in its own inert document) keeps plain document markup only.
// Links survive only as https:, mailto: or in-page #anchors; images only from the app itself
// or as embedded raster data (the CSP allows nothing else, and a remote image is a tracker).
import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';
import { Marked, type Tokens } from 'marked';

/** Elements that never appear, even though some are ordinary HTML: they run code, load or submit things. */
const FORBIDDEN_TAGS = [
  'script',
  'style',
  'link',
  'meta',
  'base',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'input',
  'button',
  'select',
  'option',
  'textarea',
  'svg',
  'math',
  'template',
  'dialog',
  'audio',
  'video',
  'source',
  'track',
  'picture',
  'portal',
];

/** style would break the CSP anyway; the rest load, submit or redirect. */
const FORBIDDEN_ATTRS = ['style', 'srcset', 'action', 'formaction', 'target', 'ping', 'background', 'poster'];

const PURIFY_CONFIG: Config = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: FORBIDDEN_TAGS,
  FORBID_ATTR: FORBIDDEN_ATTRS,
  ALLOW_DATA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
};

/** Browsers ignore these characters inside a scheme ("java\tscript:"), so the checks do too. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const IGNORED_IN_URL = /[\u0000-\u0020\u007f-\u009f]/g;
const SAFE_IMAGE_DATA = /^data:image\/(?:png|jpeg|gif|webp);base64,[a-z0-9+/=]+$/i;

export function isAllowedLinkHref(raw: string): boolean {
  const href = raw.replace(IGNORED_IN_URL, '');
  return href.startsWith('#') || /^https:\/\//i.test(href) || /^mailto:/i.test(href);
}

export function isAllowedImageSrc(raw: string): boolean {
  const src = raw.replace(IGNORED_IN_URL, '');
  if (SAFE_IMAGE_DATA.test(src)) return true;
  // Relative to the app: no scheme (nothing like "x:" before the first / ? #) and not "//host".
  const hasScheme = /^[^/?#]*:/.test(src);
  return src !== '' && !hasScheme && !src.startsWith('//') && !src.startsWith('\\');
}

/** URL-bearing attributes on anything other than a link or an image are dropped outright. */
const URL_ATTRS = ['href', 'src', 'xlink:href', 'cite', 'longdesc', 'data', 'codebase', 'manifest'];

let purifier: DOMPurify | null = null;

function getPurifier(): DOMPurify {
  if (purifier !== null) return purifier;
  // A private instance, so these hooks never affect another use of DOMPurify.
  const instance = createDOMPurify(window);
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const element = node as Element;
    const tag = node.tagName.toLowerCase();
    for (const attr of URL_ATTRS) {
      const value = element.getAttribute(attr);
      if (value === null) continue;
      const keep =
        (tag === 'a' && attr === 'href' && isAllowedLinkHref(value)) ||
        (tag === 'img' && attr === 'src' && isAllowedImageSrc(value));
      if (!keep) element.removeAttribute(attr);
    }
    if (tag === 'a') {
      const href = element.getAttribute('href');
      if (href !== null && !href.startsWith('#')) element.setAttribute('rel', 'noopener noreferrer');
      else element.removeAttribute('rel');
    }
  });
  purifier = instance;
  return instance;
}

export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'section';
}

/** Prefix for generated heading ids, so they cannot collide with the app's own ids. */
export const HEADING_ID_PREFIX = 'md-';

// Heading ids must be unique within one document; this counts slugs during one (synchronous) render.
let slugCounts = new Map<string, number>();

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    heading({ tokens, depth, text }: Tokens.Heading) {
      const base = slugify(text);
      const seen = slugCounts.get(base) ?? 0;
      slugCounts.set(base, seen + 1);
      const id = `${HEADING_ID_PREFIX}${seen === 0 ? base : `${base}-${seen}`}`;
      return `<h${depth} id="${id}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
    },
  },
});

export function markdownToSafeHtml(markdown: string): string {
  slugCounts = new Map();
  const html = marked.parse(markdown, { async: false });
  return getPurifier().sanitize(html, PURIFY_CONFIG);
}

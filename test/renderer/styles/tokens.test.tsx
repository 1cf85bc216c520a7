// The palettes in renderer/styles/tokens.css, checked by number: every text colour against every
// background it is used on meets WCAG 2.2 AA (4.5:1), and every colour that marks a control or
// focus meets 3:1 (1.4.11). Also: each palette's media-query copy is identical to its attribute
// copy, and the focus, motion and forced-colour rules exist in base.css.
import { describe, expect, it } from 'vitest';

// Vitest hands CSS imports (even ?raw) to the page as empty strings, and this project's web
// tsconfig has no Node types: read the files through Node's fs, typed by hand.
const nodeProcess = (globalThis as unknown as { process: { getBuiltinModule(id: 'node:fs'): NodeFs } })
  .process;
interface NodeFs {
  readFileSync(path: string, encoding: 'utf8'): string;
}
// (Vite rewrites `new URL(relative, import.meta.url)` into a served address, so cut the path by hand.)
const REPO_ROOT = decodeURIComponent(
  import.meta.url.replace(/^file:\/\//, '').replace(/\/test\/renderer\/.*$/, ''),
);
function readStyle(name: string): string {
  return nodeProcess.getBuiltinModule('node:fs').readFileSync(`${REPO_ROOT}/renderer/styles/${name}`, 'utf8');
}
const tokensCss = readStyle('tokens.css');
const baseCss = readStyle('base.css');

type Palette = Record<string, string>;

function declarations(body: string): Palette {
  const tokens: Palette = {};
  for (const match of body.matchAll(/(--[\w-]+|color-scheme)\s*:\s*([^;]+);/g)) {
    tokens[match[1]!] = match[2]!.trim().replace(/\s+/g, ' ');
  }
  return tokens;
}

/** The body of the first rule whose prelude (the text before `{`) ends with `selector`. */
function block(css: string, prelude: RegExp): Palette {
  const match = prelude.exec(css);
  if (!match) throw new Error(`no block matching ${prelude}`);
  const start = match.index + match[0].length;
  const end = css.indexOf('}', start);
  return declarations(css.slice(start, end));
}

const css = tokensCss.replace(/\/\*[\s\S]*?\*\//g, '');
const base = block(css, /^:root\s*\{/m);
const palettes: Record<string, Palette> = {
  light: base,
  dark: { ...base, ...block(css, /@media screen \{\s*:root\[data-theme='dark'\]\s*\{/) },
  highContrast: { ...base, ...block(css, /@media screen \{\s*:root\[data-theme='highContrast'\]\s*\{/) },
};

function luminance(hex: string): number {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  const channels = [0, 2, 4].map((i) => parseInt(match[1]!.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const SURFACES = ['bg', 'surface', 'surface-muted', 'sidebar'];
const SOFTS = ['accent-soft', 'accent-softer', 'success-soft', 'warning-soft', 'error-soft', 'info-soft'];

/** [foreground, background] pairs that carry text: 4.5:1. */
const TEXT_PAIRS: Array<[string, string]> = [
  ...[...SURFACES, ...SOFTS].map((bg): [string, string] => ['text', bg]),
  ...SURFACES.map((bg): [string, string] => ['text-muted', bg]),
  ...['bg', 'surface', 'surface-muted'].map((bg): [string, string] => ['text-subtle', bg]),
  // Links and ghost buttons, and link text on tinted blocks (quotes, hovers).
  ...[...SURFACES, 'accent-soft', 'accent-softer'].map((bg): [string, string] => ['accent', bg]),
  ['accent-hover', 'surface'],
  ['accent-hover', 'accent-softer'],
  // Primary and danger buttons, avatars, the skip link.
  ['on-accent', 'accent'],
  ['on-accent', 'accent-hover'],
  ['on-accent', 'accent-active'],
  ['on-error', 'error'],
  // Badges and banners: coloured text on its own tint.
  ['success', 'success-soft'],
  ['warning', 'warning-soft'],
  ['error', 'error-soft'],
  ['info', 'info-soft'],
  ['text-muted', 'surface-muted'],
  // State colours as text on plain surfaces (field errors, scores, verification results).
  ...['success', 'warning', 'error', 'info'].flatMap((fg) =>
    ['bg', 'surface'].map((bg): [string, string] => [fg, bg]),
  ),
];

/** Pairs that mark a control, its state or focus: 3:1. */
const UI_PAIRS: Array<[string, string]> = [
  ...SURFACES.map((bg): [string, string] => ['focus', bg]),
  ['focus', 'accent-soft'],
  ...['bg', 'surface', 'surface-muted'].map((bg): [string, string] => ['border-strong', bg]),
  ['accent', 'accent-soft'], // progress bar on its track
  ['accent', 'surface'], // checked choice border
];

describe.each(Object.keys(palettes))('the %s palette', (name) => {
  const palette = palettes[name]!;
  const colour = (token: string) => {
    const value = palette[`--color-${token}`];
    if (value === undefined) throw new Error(`--color-${token} is not defined`);
    return value;
  };

  it.each(TEXT_PAIRS)('text %s on %s is at least 4.5:1', (fg, bg) => {
    expect(contrast(colour(fg), colour(bg))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(UI_PAIRS)('%s against %s is at least 3:1', (fg, bg) => {
    expect(contrast(colour(fg), colour(bg))).toBeGreaterThanOrEqual(3);
  });

  it('defines every colour token the light palette defines', () => {
    const colourTokens = Object.keys(base).filter((key) => key.startsWith('--color-'));
    for (const token of colourTokens) expect(palette[token], token).toBeDefined();
  });
});

describe('theme selection in tokens.css', () => {
  it('high contrast reaches 7:1 for body and muted text (AAA)', () => {
    const hc = palettes.highContrast!;
    expect(contrast(hc['--color-text']!, hc['--color-bg']!)).toBeGreaterThanOrEqual(7);
    expect(contrast(hc['--color-text-muted']!, hc['--color-surface']!)).toBeGreaterThanOrEqual(7);
  });

  it('"system" follows prefers-color-scheme with exactly the dark palette', () => {
    const viaMedia = block(
      css,
      /@media screen and \(prefers-color-scheme: dark\) \{\s*:root:not\(\[data-theme\]\)\s*\{/,
    );
    const viaAttribute = block(css, /@media screen \{\s*:root\[data-theme='dark'\]\s*\{/);
    expect(viaMedia).toStrictEqual(viaAttribute);
    expect(viaAttribute['color-scheme']).toBe('dark');
  });

  it('"system" follows prefers-contrast: more with exactly the high-contrast palette, after dark', () => {
    const viaMedia = block(
      css,
      /@media screen and \(prefers-contrast: more\) \{\s*:root:not\(\[data-theme\]\)\s*\{/,
    );
    const viaAttribute = block(css, /@media screen \{\s*:root\[data-theme='highContrast'\]\s*\{/);
    expect(viaMedia).toStrictEqual(viaAttribute);
    // Later in the file, so it wins when someone asks for both dark and more contrast.
    expect(css.indexOf('(prefers-contrast: more)')).toBeGreaterThan(
      css.indexOf('(prefers-color-scheme: dark)'),
    );
  });
});

describe('base.css', () => {
  const rules = baseCss.replace(/\/\*[\s\S]*?\*\//g, '');

  it('draws a visible focus ring from the focus tokens', () => {
    expect(rules).toMatch(
      /:focus-visible\s*\{[^}]*outline:\s*var\(--focus-width\) solid var\(--color-focus\)/,
    );
  });

  it('turns transitions and animations off, and stills spinners, under prefers-reduced-motion', () => {
    const reduced = rules.slice(rules.indexOf('@media (prefers-reduced-motion: reduce)'));
    expect(reduced).toMatch(/transition-duration:\s*0\.01ms !important/);
    expect(reduced).toMatch(/animation-duration:\s*0\.01ms !important/);
    expect(reduced).toMatch(/\.spinner\s*\{[^}]*animation:\s*none/);
  });

  it('gives forced-colours mode system colours and borders', () => {
    const forced = rules.slice(rules.indexOf('@media (forced-colors: active)'));
    expect(forced).not.toBe(rules);
    expect(forced).toMatch(/outline-color:\s*Highlight/);
    expect(forced).toMatch(/border:\s*1px solid CanvasText/);
  });
});

// The theme at start: the remembered choice paints the first frame, then the saved one (from
// core's settings) is applied; a theme that cannot be read leaves the page as it is.
import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { applyRememberedTheme, applyTheme, rememberedTheme } from '../../../renderer/app/theme';
import { addPerson } from '../support/people';
import { freshCore } from '../support/realBridge';
import { renderApp } from '../support/renderApp';

const root = () => document.documentElement;

afterEach(() => {
  delete root().dataset.theme;
  localStorage.clear();
});

async function withAda() {
  const core = await freshCore();
  await addPerson(core, 'ada');
  return core;
}

describe('applying the theme', () => {
  it('sets data-theme for a chosen theme and removes it for "system", remembering the choice', () => {
    applyTheme('dark');
    expect(root().dataset.theme).toBe('dark');
    expect(rememberedTheme()).toBe('dark');
    applyTheme('highContrast');
    expect(root().getAttribute('data-theme')).toBe('highContrast');
    applyTheme('system');
    expect(root().hasAttribute('data-theme')).toBe(false);
    expect(rememberedTheme()).toBe('system');
  });

  it("paints the first frame in last run's theme, and ignores a garbled memory", () => {
    localStorage.setItem('steward.theme', 'dark');
    applyRememberedTheme();
    expect(root().dataset.theme).toBe('dark');
    delete root().dataset.theme;
    localStorage.setItem('steward.theme', 'neon');
    applyRememberedTheme();
    expect(root().hasAttribute('data-theme')).toBe(false);
  });

  it('applies the saved theme when the app starts', async () => {
    const core = await withAda();
    await core.services.setTheme({ theme: 'dark' });
    const bridge = await renderApp(core);
    await waitFor(() => expect(root().dataset.theme).toBe('dark'));
    expect(bridge.callsTo('getTheme')).toHaveLength(1);
  });

  it('leaves the attribute off for "system", so the media queries decide', async () => {
    root().dataset.theme = 'light';
    const core = await withAda();
    expect(await core.services.getTheme({})).toBe('system');
    const bridge = await renderApp(core);
    await waitFor(() => expect(bridge.callsTo('getTheme')).toHaveLength(1));
    await waitFor(() => expect(root().hasAttribute('data-theme')).toBe(false));
  });

  it('keeps the page usable when the theme cannot be read', async () => {
    const core = await withAda();
    core.bridge.fail('getTheme', { code: 'INTERNAL', message: 'Settings file unreadable.' });
    await renderApp(core);
    expect(screen.getByRole('heading', { level: 1 })).toBeTruthy();
    expect(root().hasAttribute('data-theme')).toBe(false);
  });
});

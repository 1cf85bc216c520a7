// The theme: applied at start from the saved choice (and from last run's before the app answers),
// and chosen in Settings › Appearance, where a choice applies at once and is saved.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { applyRememberedTheme, applyTheme, rememberedTheme } from '../../renderer/app/theme';
import { ThemeSettings } from '../../renderer/features/settings/ThemeSettings';
import { createFakeBridge, type FakeBridgeOptions } from './fakeBridge';
import { renderApp, withProfile } from './renderApp';

const root = () => document.documentElement;

afterEach(() => {
  delete root().dataset.theme;
  localStorage.clear();
});

function renderThemeSettings(options: FakeBridgeOptions = {}) {
  const bridge = createFakeBridge(options);
  window.steward = bridge;
  render(<ThemeSettings />);
  return { bridge };
}

const radio = (name: string) => screen.getByRole('radio', { name }) as HTMLInputElement;

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
    const { bridge } = await renderApp(withProfile({ records: { theme: 'dark' } }));
    await waitFor(() => expect(root().dataset.theme).toBe('dark'));
    expect(bridge.callsTo('getTheme')).toHaveLength(1);
  });

  it('leaves the attribute off for "system", so the media queries decide', async () => {
    root().dataset.theme = 'light';
    const { bridge } = await renderApp(withProfile({ records: { theme: 'system' } }));
    await waitFor(() => expect(bridge.callsTo('getTheme')).toHaveLength(1));
    await waitFor(() => expect(root().hasAttribute('data-theme')).toBe(false));
  });

  it('keeps the page usable when the theme cannot be read', async () => {
    await renderApp(
      withProfile({ failures: { getTheme: { code: 'INTERNAL', message: 'Settings file unreadable.' } } }),
    );
    expect(screen.getByRole('heading', { level: 1 })).toBeTruthy();
    expect(root().hasAttribute('data-theme')).toBe(false);
  });
});

describe('ThemeSettings', () => {
  it('offers four themes as one labelled radio group, each explained, with the saved one checked', async () => {
    renderThemeSettings({ records: { theme: 'highContrast' } });
    expect(screen.getByRole('heading', { name: 'Appearance' })).toBeTruthy();
    const group = screen.getByRole('group', { name: 'Theme' });
    expect(group).toBeTruthy();
    expect(screen.getAllByRole('radio').map((r) => (r as HTMLInputElement).value)).toStrictEqual([
      'system',
      'light',
      'dark',
      'highContrast',
    ]);
    await waitFor(() => expect(radio('High contrast').checked).toBe(true));
    expect(root().dataset.theme).toBe('highContrast');
    const hint = document.getElementById(radio('System').getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toMatch(/Follows your computer/);
  });

  it('applies a choice at once and saves it', async () => {
    const { bridge } = renderThemeSettings();
    await waitFor(() => expect(bridge.callsTo('getTheme')).toHaveLength(1));
    const release = bridge.hold('setTheme');
    fireEvent.click(radio('Dark'));
    // Applied before the save answers.
    expect(root().dataset.theme).toBe('dark');
    expect(radio('Dark').checked).toBe(true);
    release();
    await waitFor(() => expect(bridge.state.records.theme).toBe('dark'));
    expect(bridge.callsTo('setTheme')).toStrictEqual([{ theme: 'dark' }]);

    fireEvent.click(radio('System'));
    await waitFor(() => expect(bridge.state.records.theme).toBe('system'));
    expect(root().hasAttribute('data-theme')).toBe(false);
  });

  it('goes back to the saved theme and says why when saving fails', async () => {
    const { bridge } = renderThemeSettings({ records: { theme: 'light' } });
    await waitFor(() => expect(radio('Light').checked).toBe(true));
    bridge.fail('setTheme', { code: 'INTERNAL', message: 'The settings file is read-only.' });
    fireEvent.click(radio('Dark'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/couldn't save your theme/);
    expect(alert.textContent).toMatch(/The settings file is read-only\./);
    expect(radio('Light').checked).toBe(true);
    expect(root().dataset.theme).toBe('light');
  });

  it('keeps the last of several quick choices, whatever order the saves finish in', async () => {
    const { bridge } = renderThemeSettings();
    await waitFor(() => expect(bridge.callsTo('getTheme')).toHaveLength(1));
    const release = bridge.hold('setTheme');
    fireEvent.click(radio('Light'));
    fireEvent.click(radio('Dark'));
    release();
    await waitFor(() => expect(bridge.callsTo('setTheme')).toHaveLength(2));
    await waitFor(() => expect(radio('Dark').checked).toBe(true));
    expect(root().dataset.theme).toBe('dark');
  });
});

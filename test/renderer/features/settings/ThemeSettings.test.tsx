// Settings › Appearance: four themes as one radio group; a choice applies at once and is saved in
// core's settings, and goes back (saying why) when the save fails.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ThemeChoice } from '../../../../electron/core/contract/views/app';
import { ThemeSettings } from '../../../../renderer/features/settings/ThemeSettings';
import { freshCore } from '../../support/realBridge';

const root = () => document.documentElement;

afterEach(() => {
  delete root().dataset.theme;
  localStorage.clear();
});

async function renderThemeSettings(saved: ThemeChoice = 'system') {
  const core = await freshCore();
  await core.services.setTheme({ theme: saved });
  window.steward = core.bridge;
  render(<ThemeSettings />);
  await waitFor(() => expect(core.bridge.callsTo('getTheme')).toHaveLength(1));
  return core;
}

const radio = (name: string) => screen.getByRole('radio', { name }) as HTMLInputElement;

describe('ThemeSettings', () => {
  it('offers four themes as one labelled radio group, each explained, with the saved one checked', async () => {
    await renderThemeSettings('highContrast');
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
    const core = await renderThemeSettings();
    const release = core.bridge.hold('setTheme');
    fireEvent.click(radio('Dark'));
    // Applied before the save answers.
    expect(root().dataset.theme).toBe('dark');
    expect(radio('Dark').checked).toBe(true);
    expect(await core.services.getTheme({})).toBe('system');
    release();
    await waitFor(async () => expect(await core.services.getTheme({})).toBe('dark'));
    expect(core.bridge.callsTo('setTheme')).toStrictEqual([{ theme: 'dark' }]);

    fireEvent.click(radio('System'));
    await waitFor(async () => expect(await core.services.getTheme({})).toBe('system'));
    expect(root().hasAttribute('data-theme')).toBe(false);
  });

  it('goes back to the saved theme and says why when saving fails', async () => {
    const core = await renderThemeSettings('light');
    await waitFor(() => expect(radio('Light').checked).toBe(true));
    core.bridge.fail('setTheme', { code: 'INTERNAL', message: 'The settings file is read-only.' });
    fireEvent.click(radio('Dark'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/couldn't save your theme/);
    expect(alert.textContent).toMatch(/The settings file is read-only\./);
    expect(radio('Light').checked).toBe(true);
    expect(root().dataset.theme).toBe('light');
    expect(await core.services.getTheme({})).toBe('light');
  });

  it('keeps the last of several quick choices, whatever order the saves finish in', async () => {
    const core = await renderThemeSettings();
    const release = core.bridge.hold('setTheme');
    fireEvent.click(radio('Light'));
    fireEvent.click(radio('Dark'));
    release();
    await waitFor(() => expect(core.bridge.callsTo('setTheme')).toHaveLength(2));
    await waitFor(() => expect(radio('Dark').checked).toBe(true));
    expect(root().dataset.theme).toBe('dark');
    await waitFor(async () => expect(await core.services.getTheme({})).toBe('dark'));
  });
});

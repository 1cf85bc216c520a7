// Screens whose code loads on demand (renderer/app/screens.tsx): a loaded screen shows at once,
// focus moves to a screen's h1 only after a navigation and only once it is on the page, a slow
// load stays quiet before it says so, and a screen that cannot load leaves the shell working.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../renderer/App';
import { preloadScreen } from '../../../renderer/app/screens';
import { addPerson } from '../support/people';
import { seededWorkspace } from '../support/realBridge';
import { renderApp } from '../support/renderApp';

// Settings' code never arrives; Records' fails to load.
vi.mock('../../../renderer/features/settings/SettingsScreen', () => new Promise(() => {}));
vi.mock('../../../renderer/features/records/RecordsScreen', () => {
  throw new Error('The records screen could not be loaded.');
});

/** Ada has a profile on this computer. */
const workspace = seededWorkspace(async (core) => ({ ada: await addPerson(core, 'ada') }));

const h1 = () => screen.getByRole('heading', { level: 1 });
const nav = () => screen.getByRole('navigation', { name: 'Main' });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('screens loaded on demand', () => {
  it('shows a screen whose code is already loaded at once, and moves focus to its h1', async () => {
    const { core } = await workspace.open();
    await renderApp(core);
    const reviews = within(nav()).getByRole('link', { name: 'Reviews' });
    fireEvent.focus(reviews);
    await act(() => preloadScreen('reviews'));
    fireEvent.click(reviews);
    expect(screen.queryByText('Opening this screen…')).toBeNull();
    expect(h1().textContent).toBe('Reviews');
    expect(document.activeElement).toBe(h1());
  });

  it('leaves focus alone on the screen a start opens, also when its code loads on demand', async () => {
    const { core } = await workspace.open();
    await renderApp(core, '#/reviews');
    expect(h1().textContent).toBe('Reviews');
    expect(document.activeElement).toBe(document.body);
  });

  it('keeps the screen area quiet and busy while the code loads, then says it is opening', async () => {
    const { core } = await workspace.open();
    window.steward = core.bridge;
    window.history.replaceState(null, '', '#/settings');
    render(<App />);
    await screen.findByRole('navigation', { name: 'Main' });
    const main = screen.getByRole('main');
    expect(main.querySelector('[aria-busy="true"]')).not.toBeNull();
    expect(screen.queryByText('Opening this screen…')).toBeNull();
    const status = await screen.findByRole('status', {}, { timeout: 3000 });
    expect(status.textContent).toBe('Opening this screen…');
    // The navigation still works meanwhile.
    fireEvent.click(within(nav()).getByRole('link', { name: 'Training' }));
    expect(h1().textContent).toBe('Training');
  });

  it('says so when a screen cannot load, and the shell keeps working', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { core } = await workspace.open();
    await renderApp(core, '#/records');
    await waitFor(() => expect(h1().textContent).toBe("This screen couldn't open"));
    expect(screen.getByRole('alert').textContent).toContain('Steward could not load or draw this screen');
    expect(screen.getByRole('button', { name: 'Reload Steward' })).toBeTruthy();
    fireEvent.click(within(nav()).getByRole('link', { name: 'Training' }));
    expect(h1().textContent).toBe('Training');
  });
});

// Renders the whole app over a core's bridge and waits until the first screen is up.
import { render, screen } from '@testing-library/react';
import { App } from '../../../renderer/App';
import type { TestBridge, TestCore } from './realBridge';

/** Puts the core's bridge on window.steward, opens the app at `at` (a hash such as '#/records'). */
export async function renderApp(core: TestCore, at?: string): Promise<TestBridge> {
  if (at !== undefined) window.history.replaceState(null, '', at);
  window.steward = core.bridge;
  render(<App />);
  await screen.findByRole('heading', { level: 1 });
  return core.bridge;
}

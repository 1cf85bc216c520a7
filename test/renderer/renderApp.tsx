// Renders the whole app over a fake bridge and waits until the first screen is up.
import { render, screen } from '@testing-library/react';
import { App } from '../../renderer/App';
import { createFakeBridge, makeProfile, type FakeBridge, type FakeBridgeOptions } from './fakeBridge';

export async function renderApp(options: FakeBridgeOptions = {}): Promise<{ bridge: FakeBridge }> {
  const bridge = createFakeBridge(options);
  window.steward = bridge;
  render(<App />);
  // Most screens' code loads on demand; the first import of a group in a test file is slow.
  await screen.findByRole('heading', { level: 1 }, { timeout: 5000 });
  return { bridge };
}

export function withProfile(options: FakeBridgeOptions = {}): FakeBridgeOptions {
  return { profiles: [makeProfile()], ...options };
}

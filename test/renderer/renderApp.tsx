// Renders the whole app over a fake bridge and waits until the first screen is up.
import { render, screen } from '@testing-library/react';
import { App } from '../../renderer/App';
import { createFakeBridge, makeProfile, type FakeBridge, type FakeBridgeOptions } from './fakeBridge';

export async function renderApp(options: FakeBridgeOptions = {}): Promise<{ bridge: FakeBridge }> {
  const bridge = createFakeBridge(options);
  window.steward = bridge;
  render(<App />);
  await screen.findByRole('heading', { level: 1 });
  return { bridge };
}

export function withProfile(options: FakeBridgeOptions = {}): FakeBridgeOptions {
  return { profiles: [makeProfile()], ...options };
}

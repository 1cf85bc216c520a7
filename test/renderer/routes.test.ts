import { describe, expect, it } from 'vitest';
import { hrefFor, routeFromHash } from '../../renderer/routes';
import { resetStewardStore, useStewardStore } from '../../renderer/state/store';

describe('hash routes', () => {
  it('reads each route from its hash and writes it back', () => {
    for (const route of ['training', 'reviews', 'records', 'settings', 'new-profile'] as const) {
      expect(routeFromHash(hrefFor(route))).toBe(route);
    }
    expect(routeFromHash('#/records/')).toBe('records');
  });

  it('sends an unknown route to Training and ignores hashes that are not routes', () => {
    expect(routeFromHash('#/nowhere')).toBe('training');
    expect(routeFromHash('')).toBeNull();
    expect(routeFromHash('#main-heading')).toBeNull();
  });
});

describe('store', () => {
  it('navigate() sets the route and the hash; reset starts over from the hash', () => {
    useStewardStore.getState().navigate('settings');
    expect(useStewardStore.getState().route).toBe('settings');
    expect(window.location.hash).toBe('#/settings');
    useStewardStore.setState({ profiles: [], notices: [{ id: 'x', level: 'info', message: 'hi' }] });
    window.history.replaceState(null, '', '#/reviews');
    resetStewardStore();
    expect(useStewardStore.getState().route).toBe('reviews');
    expect(useStewardStore.getState().notices).toEqual([]);
    expect(useStewardStore.getState().requests.bootstrap.status).toBe('idle');
  });

  it('keeps the feature slots empty until their calls exist', () => {
    const { training, review, records } = useStewardStore.getState();
    expect([training, review, records]).toEqual([
      { status: 'unavailable' },
      { status: 'unavailable' },
      { status: 'unavailable' },
    ]);
  });
});

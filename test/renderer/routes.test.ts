import { describe, expect, it } from 'vitest';
import { hrefFor, navSectionOf, routeFromHash, targetFromHash } from '../../renderer/routes';
import { resetStewardStore, useStewardStore } from '../../renderer/state/store';
import { IDLE } from '../../renderer/state/requests';

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

describe('training routes', () => {
  const hash = 'ab'.repeat(32);

  it('round-trips the module, quiz, attestation and certificate addresses', () => {
    expect(hrefFor({ route: 'training-module', moduleId: 'consent-done-right' })).toBe(
      '#/training/consent-done-right',
    );
    expect(hrefFor({ route: 'training-quiz', moduleId: 'consent-done-right' })).toBe(
      '#/training/consent-done-right/quiz',
    );
    expect(hrefFor({ route: 'training-attest', moduleId: 'x1' })).toBe('#/training/x1/attest');
    expect(hrefFor({ route: 'certificate', entryHash: hash })).toBe(`#/certificates/${hash}`);
    for (const target of [
      { route: 'training-module', moduleId: 'consent-done-right' },
      { route: 'training-quiz', moduleId: 'peoples-rights' },
      { route: 'training-attest', moduleId: 'law-in-practice' },
      { route: 'certificate', entryHash: hash },
    ] as const) {
      expect(targetFromHash(hrefFor(target))).toEqual(target);
    }
  });

  it('refuses malformed parameters instead of passing them on', () => {
    expect(targetFromHash('#/training/Not_An_Id')).toEqual({ route: 'training' });
    expect(targetFromHash('#/training/ok-id/somewhere')).toEqual({ route: 'training' });
    expect(targetFromHash('#/certificates/1234')).toEqual({ route: 'training' });
    expect(targetFromHash(`#/certificates/${hash.toUpperCase()}`)).toEqual({ route: 'training' });
  });

  it('puts every training screen under Training in the navigation', () => {
    for (const route of [
      'training',
      'training-module',
      'training-quiz',
      'training-attest',
      'certificate',
    ] as const) {
      expect(navSectionOf(route)).toBe('training');
    }
    expect(navSectionOf('new-profile')).toBeNull();
    expect(navSectionOf('records')).toBe('records');
  });

  it('navigate() with a target sets the route, its parameters and the hash', () => {
    useStewardStore.getState().navigate({ route: 'training-quiz', moduleId: 'peoples-rights' });
    expect(useStewardStore.getState().route).toBe('training-quiz');
    expect(useStewardStore.getState().routeParams).toEqual({
      moduleId: 'peoples-rights',
      entryHash: null,
      draftId: null,
      reviewId: null,
    });
    expect(window.location.hash).toBe('#/training/peoples-rights/quiz');
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
    expect(useStewardStore.getState().requests['bootstrap'] ?? IDLE.status).toBe('idle');
  });
});

describe('review routes', () => {
  const draftId = 'd00000000000000ab';

  it('round-trips the draft and review addresses', () => {
    expect(hrefFor({ route: 'review-draft', draftId })).toBe(`#/reviews/drafts/${draftId}`);
    expect(hrefFor({ route: 'review', reviewId: 'rv-2026-churn' })).toBe('#/reviews/rv-2026-churn');
    for (const target of [
      { route: 'review-draft', draftId },
      { route: 'review', reviewId: 'rv-2026-churn' },
    ] as const) {
      expect(targetFromHash(hrefFor(target))).toEqual(target);
    }
    expect(targetFromHash('#/reviews')).toEqual({ route: 'reviews' });
  });

  it('refuses malformed ids instead of passing them on', () => {
    expect(targetFromHash('#/reviews/drafts/not-a-draft')).toEqual({ route: 'training' });
    expect(targetFromHash('#/reviews/drafts')).toEqual({ route: 'training' });
    expect(targetFromHash('#/reviews/-bad')).toEqual({ route: 'training' });
    expect(targetFromHash('#/reviews/a/b')).toEqual({ route: 'training' });
  });

  it('puts every review screen under Reviews, and navigate() carries the id', () => {
    expect(navSectionOf('review-draft')).toBe('reviews');
    expect(navSectionOf('review')).toBe('reviews');
    useStewardStore.getState().navigate({ route: 'review', reviewId: 'rv-1' });
    expect(useStewardStore.getState().routeParams).toEqual({
      moduleId: null,
      entryHash: null,
      draftId: null,
      reviewId: 'rv-1',
    });
    expect(window.location.hash).toBe('#/reviews/rv-1');
  });
});

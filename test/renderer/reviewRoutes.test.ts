import { describe, expect, it } from 'vitest';
import { hrefFor, navSectionOf, targetFromHash } from '../../renderer/routes';
import { useStewardStore } from '../../renderer/state/store';

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

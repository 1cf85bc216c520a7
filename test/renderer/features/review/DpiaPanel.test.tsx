// The DPIA on a review's page, over the real core: a review whose DPIA the law requires (the CNIL's
// Art. 35(4) item for staff alert schemes) and whose submitter claims an exemption. The reviewer
// sees approval blocked, records the exemption (the DPO's view is required), confirms what is
// signed, and the panel then shows it recorded; the bridge carries exactly what was signed.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AnswerValue } from '../../../../electron/core/contract/views/reviews';
import { CASES } from '../../../core/review/calibration/cases';
import { autofillDraft } from '../../../support/reviewAutofill';
import { actAs } from '../../support/people';
import { seededWorkspace } from '../../support/realBridge';
import { renderApp } from '../../support/renderApp';
import { seedReviewTeam } from '../../support/reviews';

const workspace = seededWorkspace(async (core) => {
  const team = await seedReviewTeam(core);
  await actAs(core, team.amara);
  const found = CASES.find((c) => c.id === 'cnil-whistleblowing')!;
  const draft = await core.services.createReviewDraft({});
  await core.services.saveReviewDraft({
    draftId: draft.draftId,
    answers: {
      ...(found.answers as Record<string, AnswerValue>),
      dpiaRoute: 'exemption',
      exemptionBasis: 'similarProcessing',
      exemptionReason: 'The group scheme was assessed in 2025; this is the same scheme.',
      exemptionReference: 'Group DPIA 2025-07',
    },
    mitigationResponses: [],
  });
  await autofillDraft(core.services, draft.draftId);
  const reviewId = (await core.services.submitReview({ draftId: draft.draftId })).summary.reviewId;
  return { ...team, reviewId };
});

describe('the DPIA on a review', () => {
  it('blocks approval until a reviewer records an exemption, confirmed before it is signed', async () => {
    const { core, seeded } = await workspace.open();
    await actAs(core, seeded.ben);
    const bridge = await renderApp(core, `#/reviews/${seeded.reviewId}`);
    const dpia = await screen.findByRole('region', { name: 'DPIA' });
    expect(dpia.textContent).toContain('Blocks approval');
    const decision = screen.getByRole('form', { name: 'Decision' });
    expect((within(decision).getByRole('radio', { name: 'Approve' }) as HTMLInputElement).disabled).toBe(
      true,
    );

    const form = within(dpia).getByRole('form', { name: 'Record an exemption' });
    // The claim fills in basis, reason and reference; the DPO's view is the reviewer's to give.
    expect(
      (within(form).getByRole('radio', { name: /similar processing/ }) as HTMLInputElement).checked,
    ).toBe(true);
    fireEvent.click(within(form).getByRole('button', { name: 'Record the exemption' }));
    expect(within(form).getAllByText("Give the DPO's view, or why there is none.").length).toBeGreaterThan(0);
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.change(within(form).getByRole('textbox', { name: "The DPO's view" }), {
      target: { value: 'Agreed: the group DPIA covers it.' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Record the exemption' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign this exemption for version 1?' });
    expect(dialog.textContent).toContain('Group DPIA 2025-07');
    expect(dialog.textContent).toContain('Agreed: the group DPIA covers it.');
    expect(bridge.callsTo('recordDpiaExemption')).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sign the exemption' }));

    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'DPIA' }).textContent).toContain('Exemption recorded'),
    );
    expect(bridge.callsTo('recordDpiaExemption')).toEqual([
      {
        reviewId: seeded.reviewId,
        version: 1,
        basis: 'similarProcessing',
        reason: 'The group scheme was assessed in 2025; this is the same scheme.',
        reference: 'Group DPIA 2025-07',
        dpoView: 'Agreed: the group DPIA covers it.',
      },
    ]);
    expect((await core.services.getReview({ reviewId: seeded.reviewId })).dpia.standing).toBe('exempted');
    const approve = within(screen.getByRole('form', { name: 'Decision' })).getByRole('radio', {
      name: 'Approve',
    });
    expect((approve as HTMLInputElement).disabled).toBe(false);
  });
});

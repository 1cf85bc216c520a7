// The reminder settings panel on the real core: it shows what is saved, saves the kinds opted
// out of and quiet hours to the settings store, refuses a time that is not HH:MM, and says when
// this host has no notifications.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ReminderSettings } from '../../../../renderer/features/settings/ReminderSettings';
import { freshCore } from '../../support/realBridge';

async function renderReminderSettings() {
  const core = await freshCore();
  window.steward = core.bridge;
  render(<ReminderSettings />);
  return core;
}

describe('ReminderSettings', () => {
  it('saves the kinds opted out of and quiet hours, and shows them again', async () => {
    const core = await renderReminderSettings();
    expect(await screen.findByText(/Notifications are not available here/)).toBeTruthy();
    const reReview = screen.getByRole('checkbox', { name: 'A re-review due' });
    await waitFor(() => expect((reReview as HTMLInputElement).checked).toBe(true));
    fireEvent.click(reReview);
    fireEvent.click(screen.getByRole('checkbox', { name: 'No notifications between these times' }));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '21:30' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '06:45' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save reminder settings' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(await core.services.getReminderSettings({})).toEqual({
      optOut: ['reReviewDue'],
      quietHours: { from: '21:30', to: '06:45' },
      canNotify: false,
    });
  });

  it('refuses a time that is not HH:MM, and saves nothing', async () => {
    const core = await renderReminderSettings();
    fireEvent.click(await screen.findByRole('checkbox', { name: 'No notifications between these times' }));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '25:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save reminder settings' }));
    expect((await screen.findAllByText('Write the time as HH:MM, e.g. 22:00.')).length).toBeGreaterThan(0);
    expect((await core.services.getReminderSettings({})).quietHours).toBeNull();
  });
});

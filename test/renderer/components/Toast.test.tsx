// Toasts: one polite live region present before any message, messages that leave by themselves
// unless hovered or focused, and a Dismiss button.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Button } from '../../../renderer/components/Button';
import { ToastRegion, TOAST_DURATION_MS, useToasts } from '../../../renderer/components/Toast';
// Components read their words through i18n; the app initialises it, so a component alone must too.
import '../../../renderer/i18n';

function Harness({ duration }: { duration?: number | null }) {
  const { toasts, showToast, dismissToast } = useToasts();
  return (
    <>
      <Button onClick={() => showToast('Export saved to Downloads.', 'success')}>Export</Button>
      <ToastRegion toasts={toasts} onDismiss={dismissToast} duration={duration} />
    </>
  );
}

const region = () => screen.getByRole('status');
const show = () => fireEvent.click(screen.getByRole('button', { name: 'Export' }));

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('Toast', () => {
  it('speaks through one polite live region that is there before any message', () => {
    render(<Harness />);
    expect(region().getAttribute('aria-live')).toBe('polite');
    expect(region().textContent).toBe('');
    show();
    expect(within(region()).getByText('Export saved to Downloads.')).toBeTruthy();
  });

  it('goes away by itself after the duration', () => {
    render(<Harness />);
    show();
    act(() => {
      vi.advanceTimersByTime(TOAST_DURATION_MS - 1);
    });
    expect(screen.queryByText('Export saved to Downloads.')).not.toBeNull();
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(screen.queryByText('Export saved to Downloads.')).toBeNull();
  });

  it('waits while the pointer is over it, and restarts its time after', () => {
    render(<Harness />);
    show();
    const toast = screen.getByText('Export saved to Downloads.').closest('.toast')!;
    fireEvent.mouseEnter(toast);
    act(() => {
      vi.advanceTimersByTime(TOAST_DURATION_MS * 3);
    });
    expect(screen.queryByText('Export saved to Downloads.')).not.toBeNull();
    fireEvent.mouseLeave(toast);
    act(() => {
      vi.advanceTimersByTime(TOAST_DURATION_MS - 1);
    });
    expect(screen.queryByText('Export saved to Downloads.')).not.toBeNull();
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(screen.queryByText('Export saved to Downloads.')).toBeNull();
  });

  it('waits while focus is inside it, and can be dismissed from the keyboard', () => {
    render(<Harness />);
    show();
    const dismiss = screen.getByRole('button', { name: 'Dismiss' });
    act(() => {
      dismiss.focus();
    });
    act(() => {
      vi.advanceTimersByTime(TOAST_DURATION_MS * 2);
    });
    expect(screen.queryByText('Export saved to Downloads.')).not.toBeNull();
    fireEvent.click(dismiss);
    expect(screen.queryByText('Export saved to Downloads.')).toBeNull();
  });

  it('stays until dismissed when the duration is null', () => {
    render(<Harness duration={null} />);
    show();
    act(() => {
      vi.advanceTimersByTime(TOAST_DURATION_MS * 10);
    });
    expect(screen.queryByText('Export saved to Downloads.')).not.toBeNull();
  });

  it('shows its tone with an icon and a class, not by colour alone: the words carry it', () => {
    render(<Harness />);
    show();
    const toast = screen.getByText('Export saved to Downloads.').closest('.toast')!;
    expect(toast.className).toContain('toast--success');
    expect(toast.querySelector('svg.toast__icon')).not.toBeNull();
  });
});

// Dialog: a native <dialog> opened modal, named by its heading, focus in on open and back on
// close, Escape and Close ask the parent to close it. jsdom has no showModal(): the stand-in
// below does what the browser does to the element's state (open attribute, close event).
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Button } from '../../../renderer/components/Button';
import { Dialog } from '../../../renderer/components/Dialog';
// Components read their words through i18n; the app initialises it, so a component alone must too.
import '../../../renderer/i18n';

const proto = HTMLDialogElement.prototype as HTMLDialogElement & Record<string, unknown>;
const original = { showModal: proto.showModal, close: proto.close };
const showModal = vi.fn(function (this: HTMLDialogElement) {
  this.setAttribute('open', '');
});

beforeAll(() => {
  proto.showModal = showModal;
  proto.close = function (this: HTMLDialogElement) {
    if (!this.hasAttribute('open')) return;
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
});

afterAll(() => {
  proto.showModal = original.showModal;
  proto.close = original.close;
});

function Harness({ onClose }: { onClose?: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Delete draft…</Button>
      <Dialog
        open={open}
        title="Delete this draft?"
        description="Its answers cannot be recovered."
        onClose={() => {
          onClose?.();
          setOpen(false);
        }}
        actions={
          <>
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button variant="danger">Delete</Button>
          </>
        }
      >
        <p>The draft was last saved today.</p>
      </Dialog>
    </>
  );
}

function openDialog() {
  const trigger = screen.getByRole('button', { name: 'Delete draft…' });
  trigger.focus();
  fireEvent.click(trigger);
  return trigger;
}

describe('Dialog', () => {
  it('opens modal, named by its heading and described by its description', () => {
    render(<Harness />);
    expect(screen.queryByRole('dialog')).toBeNull();
    openDialog();
    const dialog = screen.getByRole('dialog', { name: 'Delete this draft?' });
    expect(showModal).toHaveBeenCalled();
    expect(dialog.tagName).toBe('DIALOG');
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(screen.getByRole('heading', { level: 2, name: 'Delete this draft?' })).toBeTruthy();
    const describedBy = dialog.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toBe('Its answers cannot be recovered.');
  });

  it("moves focus to the content's first control, and back to the trigger on close", () => {
    render(<Harness />);
    const trigger = openDialog();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });

  it('focuses the element marked data-autofocus first', () => {
    function Marked() {
      return (
        <Dialog open title="Rename" onClose={() => undefined}>
          <button type="button">First</button>
          <input aria-label="New name" data-autofocus="" />
        </Dialog>
      );
    }
    render(<Marked />);
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'New name' }));
  });

  it('closes on Escape (the cancel event, or the key where there is none) and on Close', () => {
    const onClose = vi.fn();
    render(<Harness onClose={onClose} />);
    const trigger = openDialog();

    const cancel = new Event('cancel', { cancelable: true });
    act(() => {
      screen.getByRole('dialog').dispatchEvent(cancel);
    });
    expect(cancel.defaultPrevented).toBe(true);
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(trigger);

    openDialog();
    fireEvent.keyDown(screen.getByRole('button', { name: 'Delete' }), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('dialog')).toBeNull();

    openDialog();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(3);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });

  it('tells the parent when the browser closed it some other way', () => {
    const onClose = vi.fn();
    render(<Harness onClose={onClose} />);
    openDialog();
    act(() => {
      (screen.getByRole('dialog') as HTMLDialogElement).close();
    });
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

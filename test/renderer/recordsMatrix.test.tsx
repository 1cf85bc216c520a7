import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordsView } from '../../electron/core/contract/views/records';
import { makeProfile } from './fakeBridge';
import { makeRecordsView } from './fakeRecords';
import { renderApp } from './renderApp';

const ada = makeProfile({ name: 'Ada Lovelace' });

// jsdom has no layout, so every box measures 0 and the virtualizer would show no rows at all.
// Give the matrix's scroll box the size its CSS gives it in a browser.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('matrix-scroll') ? 560 : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('matrix-scroll') ? 1000 : 0;
    },
  });
});
afterAll(() => {
  // The real getters live on Element.prototype; removing the overrides uncovers them again.
  Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight');
  Reflect.deleteProperty(HTMLElement.prototype, 'clientWidth');
});

async function openMatrix(view: RecordsView) {
  window.history.replaceState(null, '', '#/records');
  const result = await renderApp({ profiles: [ada], records: { view } });
  fireEvent.click(await screen.findByRole('tab', { name: 'Completion matrix' }));
  return result;
}

const matrix = () => screen.getByRole('table', { name: 'Completion matrix' });
const bodyRows = () =>
  within(matrix())
    .getAllByRole('row')
    .filter((row) => row.getAttribute('aria-rowindex') !== '1');
const names = () =>
  bodyRows().map((row) => within(row).getByRole('rowheader').querySelector('.matrix__name')!.textContent);
const count = (shown: number, of: number) =>
  `Showing ${shown.toLocaleString()} of ${of.toLocaleString()} rows (one per person and module)`;

describe('records: completion matrix', () => {
  // 10,000 people x 12 modules: built once, shared (the screens never change a view).
  const big = makeRecordsView({ people: 10_000, modules: 12 });

  it('renders only a window of 120,000 rows, with the full count for assistive technology', async () => {
    expect(big.matrix).toHaveLength(120_000);
    await openMatrix(big);
    const table = matrix();
    expect(table.getAttribute('aria-rowcount')).toBe('120001');
    const rows = bodyRows();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(80);
    expect(rows[0]!.getAttribute('aria-rowindex')).toBe('2');
    expect(screen.getByText(count(120_000, 120_000))).toBeTruthy();
    // The region scrolls with the keyboard: it is focusable and named.
    const region = screen.getByRole('region', { name: 'Completion matrix, scrollable' });
    expect(region.tabIndex).toBe(0);

    // Scrolled far down, the window moves and the DOM stays small.
    Object.defineProperty(region, 'scrollTop', { configurable: true, value: 44 * 50_000 });
    fireEvent.scroll(region);
    await waitFor(() => {
      const indexes = bodyRows().map((row) => Number(row.getAttribute('aria-rowindex')));
      expect(Math.min(...indexes)).toBeGreaterThan(49_000);
      expect(indexes.length).toBeLessThan(80);
    });
  });

  it('filters by search (ignoring accents), team and status, and the count follows', async () => {
    const view = makeRecordsView({ people: 300, modules: 4 });
    await openMatrix(view);
    const total = view.matrix.length;
    fireEvent.change(screen.getByLabelText('Search by name or email'), { target: { value: 'zoe odegaard' } });
    const zoe = view.matrix.filter((r) => r.name.startsWith('Zoë Ødegaard'));
    await waitFor(() => expect(screen.getByText(count(zoe.length, total))).toBeTruthy());
    expect(names().length).toBe(Math.min(zoe.length, names().length));
    expect(names().length).toBeGreaterThan(0);
    expect(names().every((name) => name!.startsWith('Zoë Ødegaard'))).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: /^Status:/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Overdue' }));
    const zoeOverdue = zoe.filter((r) => r.status === 'overdue');
    await waitFor(() => expect(screen.getByText(count(zoeOverdue.length, total))).toBeTruthy());
    expect(screen.getByRole('button', { name: /^Status:/ }).textContent).toContain('Overdue');
    // Escape closes the menu and puts focus back on its button.
    fireEvent.keyDown(screen.getByRole('checkbox', { name: 'Overdue' }), { key: 'Escape' });
    expect(screen.queryByRole('checkbox', { name: 'Overdue' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /^Status:/ }));

    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(screen.getByText(count(total, total))).toBeTruthy());

    fireEvent.click(screen.getByRole('button', { name: /^Team:/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Sales' }));
    const sales = view.matrix.filter((r) => r.team === 'Sales').length;
    await waitFor(() => expect(screen.getByText(count(sales, total))).toBeTruthy());
    expect(bodyRows().length).toBeGreaterThan(0);
    expect(bodyRows().every((row) => within(row).queryByText('Sales') !== null)).toBe(true);
  });

  it('filters by an inclusive completion date range, leaving out rows never completed', async () => {
    const view = makeRecordsView({ people: 50, modules: 3 });
    await openMatrix(view);
    const from = '2026-06-01';
    const to = '2026-08-31';
    fireEvent.change(screen.getByLabelText('From'), { target: { value: from } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: to } });
    const expected = view.matrix.filter(
      (r) => r.completedAt !== null && r.completedAt.slice(0, 10) >= from && r.completedAt.slice(0, 10) <= to,
    ).length;
    expect(expected).toBeGreaterThan(0);
    await waitFor(() => expect(screen.getByText(count(expected, view.matrix.length))).toBeTruthy());
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-09-01' } });
    expect(
      screen.getByText('The start date is after the end date, so no completion can match.'),
    ).toBeTruthy();
    expect(screen.getByLabelText('From').getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(screen.getByText('No rows match these filters.')).toBeTruthy());
  });

  it('sorts by a column heading, says so with aria-sort, and reverses on a second click', async () => {
    const view = makeRecordsView({ people: 30, modules: 2, importedEvery: 0 });
    await openMatrix(view);
    const header = (name: string) => screen.getByRole('columnheader', { name });
    expect(header('Person').getAttribute('aria-sort')).toBe('ascending');
    const ascending = names();
    expect(ascending[0]!.localeCompare(ascending.at(-1)!)).toBeLessThanOrEqual(0);
    fireEvent.click(within(header('Person')).getByRole('button'));
    expect(header('Person').getAttribute('aria-sort')).toBe('descending');
    await waitFor(() => expect(names()[0]).not.toBe(ascending[0]));
    expect(names()[0]!.localeCompare(names().at(-1)!)).toBeGreaterThanOrEqual(0);

    fireEvent.click(within(header('Score')).getByRole('button'));
    expect(header('Score').getAttribute('aria-sort')).toBe('descending');
    expect(header('Person').getAttribute('aria-sort')).toBeNull();
    const best = Math.max(...view.matrix.map((r) => r.score ?? 0));
    await waitFor(() => expect(within(bodyRows()[0]!).getByText(`${best}%`)).toBeTruthy());
  });

  it('marks imported people and keeps filters when switching tabs', async () => {
    const view = makeRecordsView({ people: 9, modules: 1, importedEvery: 9 });
    await openMatrix(view);
    const imported = view.people.find((p) => p.source === 'imported')!;
    const row = within(matrix()).getByText(imported.name).closest('tr') as HTMLElement;
    expect(within(row).getByText('Imported').getAttribute('title')).toBe(
      'Imported from field-office.stewardbundle',
    );
    fireEvent.change(screen.getByLabelText('Search by name or email'), { target: { value: imported.name } });
    await waitFor(() => expect(screen.getByText(count(1, view.matrix.length))).toBeTruthy());
    fireEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    fireEvent.click(screen.getByRole('tab', { name: 'Completion matrix' }));
    expect((screen.getByLabelText('Search by name or email') as HTMLInputElement).value).toBe(imported.name);
    expect(screen.getByText(count(1, view.matrix.length))).toBeTruthy();
  });
});

// Records › Completion matrix over a realistic organisation made by the real core
// (support/records.ts): a virtualised table of one row per person and module, filtered, sorted
// and counted on the page, with imported people marked.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordsView } from '../../../../electron/core/contract/views/records';
import { i18n } from '../../../../renderer/i18n';
import { MATRIX_ROW_HEIGHT } from '../../../../renderer/features/records/VirtualMatrix';
import { inFrenchEachTest, NBSP, NNBSP } from '../../support/french';
import { seededWorkspace } from '../../support/realBridge';
import { seedOrganisation } from '../../support/records';
import { renderApp } from '../../support/renderApp';

const workspace = seededWorkspace(seedOrganisation);

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

async function openMatrix(): Promise<RecordsView> {
  const { core } = await workspace.open();
  await renderApp(core, '#/records');
  fireEvent.click(await screen.findByRole('tab', { name: 'Completion matrix' }));
  await screen.findByRole('table', { name: 'Completion matrix' });
  return core.services.getRecords({});
}

const matrix = () => screen.getByRole('table', { name: 'Completion matrix' });
const bodyRows = () =>
  within(matrix())
    .getAllByRole('row')
    .filter((row) => row.getAttribute('aria-rowindex') !== '1');
const names = () =>
  bodyRows().map((row) => within(row).getByRole('rowheader').querySelector('.matrix__name')!.textContent);
const count = (shown: number, of: number) => `Showing ${shown} of ${of} rows (one per person and module)`;

describe('records: completion matrix', () => {
  it('renders only a window of the rows, with the full count for assistive technology', async () => {
    const view = await openMatrix();
    const total = view.matrix.length;
    expect(total).toBe(view.people.length * view.modules.length);
    const table = matrix();
    expect(table.getAttribute('aria-rowcount')).toBe(String(total + 1));
    const rows = bodyRows();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]!.getAttribute('aria-rowindex')).toBe('2');
    expect(screen.getByText(count(total, total))).toBeTruthy();
    // The region scrolls with the keyboard: it is focusable and named.
    const region = screen.getByRole('region', { name: 'Completion matrix, scrollable' });
    expect(region.tabIndex).toBe(0);

    // Scrolled down, the window moves and the DOM stays small.
    Object.defineProperty(region, 'scrollTop', { configurable: true, value: MATRIX_ROW_HEIGHT * 100 });
    fireEvent.scroll(region);
    await waitFor(() => {
      const indexes = bodyRows().map((row) => Number(row.getAttribute('aria-rowindex')));
      expect(Math.min(...indexes)).toBeGreaterThan(80);
      expect(indexes.length).toBeLessThan(40);
    });
  });

  it('filters by search (ignoring accents), team and status, and the count follows', async () => {
    const view = await openMatrix();
    const total = view.matrix.length;
    fireEvent.change(screen.getByLabelText('Search by name or email'), {
      target: { value: 'hannah muller' },
    });
    const hannah = view.matrix.filter((r) => r.name === 'Hannah Müller');
    expect(hannah.length).toBeGreaterThan(0);
    await waitFor(() => expect(screen.getByText(count(hannah.length, total))).toBeTruthy());
    expect(names().every((name) => name === 'Hannah Müller')).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: /^Status:/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Overdue' }));
    const overdue = hannah.filter((r) => r.status === 'overdue');
    expect(overdue.length).toBeGreaterThan(0);
    await waitFor(() => expect(screen.getByText(count(overdue.length, total))).toBeTruthy());
    expect(screen.getByRole('button', { name: /^Status:/ }).textContent).toContain('Overdue');
    // Escape closes the menu and puts focus back on its button.
    fireEvent.keyDown(screen.getByRole('checkbox', { name: 'Overdue' }), { key: 'Escape' });
    expect(screen.queryByRole('checkbox', { name: 'Overdue' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /^Status:/ }));

    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(screen.getByText(count(total, total))).toBeTruthy());

    fireEvent.click(screen.getByRole('button', { name: /^Team:/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Data Science' }));
    const dataScience = view.matrix.filter((r) => r.team === 'Data Science').length;
    await waitFor(() => expect(screen.getByText(count(dataScience, total))).toBeTruthy());
    expect(bodyRows().length).toBeGreaterThan(0);
    expect(bodyRows().every((row) => within(row).queryByText('Data Science') !== null)).toBe(true);
  });

  it('filters by an inclusive completion date range, leaving out rows never completed', async () => {
    const view = await openMatrix();
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
    const view = await openMatrix();
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
    const view = await openMatrix();
    const grace = view.people.find((p) => p.source === 'imported')!;
    expect(grace.name).toBe('Grace Hopper');
    fireEvent.change(screen.getByLabelText('Search by name or email'), { target: { value: grace.name } });
    const rows = view.matrix.filter((r) => r.personId === grace.id).length;
    await waitFor(() => expect(screen.getByText(count(rows, view.matrix.length))).toBeTruthy());
    const row = within(matrix()).getAllByText(grace.name)[0]!.closest('tr') as HTMLElement;
    expect(within(row).getByText('Imported').getAttribute('title')).toBe(
      `Imported from ${grace.importedFrom!.file}`,
    );
    expect(grace.importedFrom!.file).toMatch(/grace-hopper\.stewardbundle$/);
    fireEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    fireEvent.click(screen.getByRole('tab', { name: 'Completion matrix' }));
    expect((screen.getByLabelText('Search by name or email') as HTMLInputElement).value).toBe(grace.name);
    expect(screen.getByText(count(rows, view.matrix.length))).toBeTruthy();
  });
});

describe('records: completion matrix in French', () => {
  inFrenchEachTest();

  it('counts the matrix rows in French', async () => {
    const { core } = await workspace.open();
    await core.services.setLocale({ locale: 'fr' });
    await renderApp(core, '#/records');
    fireEvent.click(await screen.findByRole('tab', { name: 'Matrice de formation' }));
    const { matrix: rows } = await core.services.getRecords({});
    // Compared exactly: Testing Library's matcher would fold the no-break spaces away.
    expect((await screen.findByText(/^Affichage de/)).textContent).toBe(
      `Affichage de ${rows.length} sur ${rows.length} lignes (une par personne et par module)`,
    );
    const table = screen.getByRole('table', { name: 'Matrice de formation' });
    expect(within(table).getByRole('columnheader', { name: 'Personne' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Statut\s:\sTous$/ }).textContent).toBe(`Statut${NBSP}: Tous`);
    expect(screen.getByLabelText('Rechercher par nom ou adresse e-mail')).toBeTruthy();
  });

  it('uses the French plural forms and grouping: 0 and 1 singular, a million "many"', () => {
    const t = i18n.getFixedT('fr', 'records');
    expect(t('matrix.countRows', { shown: 120_000, count: 120_000 })).toBe(
      `Affichage de 120${NNBSP}000 sur 120${NNBSP}000 lignes (une par personne et par module)`,
    );
    expect(t('integrity.problemsFound', { count: 0 })).toBe('0 problème détecté');
    expect(t('integrity.problemsFound', { count: 1 })).toBe('1 problème détecté');
    expect(t('integrity.problemsFound', { count: 2 })).toBe('2 problèmes détectés');
    expect(t('integrity.problemsFound', { count: 1_000_000 })).toBe(
      `1${NNBSP}000${NNBSP}000 problèmes détectés`,
    );
    expect(t('matrix.countModules', { shown: 1, count: 1 })).toBe('Affichage de 1 sur 1 module');
  });
});

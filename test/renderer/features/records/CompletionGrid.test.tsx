// The completion matrix as a people × modules grid: one row per person (headed by the name), one
// column per module (headed by its whole title), each cell the status in words; the detailed list
// one click away; the filters apply to both.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { breakableTitle, gridOf } from '../../../../renderer/features/records/CompletionGrid';
import { MatrixTab } from '../../../../renderer/features/records/MatrixTab';
import { useStewardStore } from '../../../../renderer/state/store';
import { makeView, MODULES, PEOPLE } from '../../../core/records/fixtures/recordsView';
import '../../../../renderer/i18n';

// jsdom has no layout: give the scroll boxes the size their CSS gives them in a browser.
const SCROLLERS = ['completion-grid-scroll', 'matrix-scroll'];
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return SCROLLERS.some((c) => this.classList.contains(c)) ? 560 : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get(this: HTMLElement) {
      return SCROLLERS.some((c) => this.classList.contains(c)) ? 1000 : 0;
    },
  });
});
afterAll(() => {
  Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight');
  Reflect.deleteProperty(HTMLElement.prototype, 'clientWidth');
});
beforeEach(() => {
  act(() => {
    useStewardStore.getState().clearMatrixFilter();
    useStewardStore.getState().setMatrixLayout('grid');
  });
});

const grid = () => screen.getByRole('table', { name: /one row per person, one column per module/ });
const layoutButton = (name: string) =>
  within(screen.getByRole('group', { name: 'Show the matrix as' })).getByRole('button', { name });

describe('records: the completion matrix as people × modules', () => {
  it('shows one row per person and one column per module, each cell headed by both', () => {
    const view = makeView();
    render(<MatrixTab view={view} />);
    expect(screen.getByRole('status').textContent).toBe('Showing 4 of 4 people');
    expect(layoutButton('People × modules').getAttribute('aria-pressed')).toBe('true');
    const table = grid();
    const headings = within(table).getAllByRole('columnheader');
    expect(headings.map((h) => h.getAttribute('aria-label') ?? h.textContent)).toEqual([
      'Person',
      ...MODULES.map((m) => m.title),
    ]);
    // Sorted by name, as the detailed list is.
    const rowHeads = within(table).getAllByRole('rowheader');
    expect(rowHeads.map((h) => h.querySelector('.completion-grid__name')!.textContent)).toEqual(
      [...PEOPLE.map((p) => p.name)].sort((a, b) => a.localeCompare(b)),
    );
    // Every cell says the person's status in that module in words, as the detailed list does.
    for (const row of view.matrix) {
      const tr = rowHeads.find((h) => h.textContent!.startsWith(row.name))!.closest('tr')!;
      const column = MODULES.findIndex((m) => m.id === row.moduleId);
      const cell = within(tr).getAllByRole('cell')[column]!;
      expect(cell.querySelector('.completion-grid__status')!.textContent).not.toBe('');
      expect(cell.textContent!.includes('Optional')).toBe(!row.required);
    }
    // The region scrolls with the keyboard: it is in the tab order, and named.
    const region = screen.getByRole('region', { name: /one row per person, one column per module/ });
    expect(region.tabIndex).toBe(0);
  });

  it('offers the detailed list one click away, and the filters apply to the grid', () => {
    const view = makeView();
    render(<MatrixTab view={view} />);
    fireEvent.click(layoutButton('Detailed list'));
    expect(layoutButton('Detailed list').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('status').textContent).toBe(`Showing 12 of 12 rows (one per person and module)`);
    expect(screen.queryByRole('table', { name: /one column per module/ })).toBeNull();
    act(() => useStewardStore.getState().setMatrixFilter({ statuses: ['passed'] }));
    fireEvent.click(layoutButton('People × modules'));
    const passed = view.matrix.filter((r) => r.status === 'passed');
    const people = new Set(passed.map((r) => r.personId));
    expect(screen.getByRole('status').textContent).toBe(`Showing ${people.size} of 4 people`);
    const cells = within(grid()).getAllByRole('cell');
    expect(cells.filter((c) => c.textContent!.includes('Passed'))).toHaveLength(passed.length);
    expect(cells.filter((c) => c.textContent === '·Not in the filter')).toHaveLength(
      people.size * MODULES.length - passed.length,
    );
  });

  it('keeps a module filter to its columns', () => {
    const view = makeView();
    const { modules } = gridOf(view.matrix, view.modules, [MODULES[1]!.id]);
    expect(modules.map((m) => m.id)).toEqual([MODULES[1]!.id]);
    expect(gridOf(view.matrix, view.modules, []).modules).toHaveLength(MODULES.length);
  });

  it('breaks long words in module titles at syllables, never cutting them', () => {
    const shown = (title: string) => breakableTitle(title).replaceAll('\u00ad', '-');
    expect(shown('Governance and accountability')).toBe('Gover-nance and accoun-ta-bi-lity');
    expect(shown('Beyond compliance')).toBe('Beyond com-pliance');
    expect(shown('AI and automated decisions')).toBe('AI and automated decisions'); // short words wrap whole
    expect(shown('Privacy-by-design')).toBe('Privacy-by-design');
    expect(shown('Noncompliance')).toBe('Non-com-pliance');
    expect(shown('Gouvernance et responsabilité')).toBe('Gou-ver-nance et res-pon-sa-bi-lité');
    expect(shown("People's rights")).toBe("People's rights");
    for (const title of ['Minimisation and purpose: collect less', 'Transparence et maîtrise']) {
      expect(breakableTitle(title).replaceAll('\u00ad', '')).toBe(title);
    }
  });
});

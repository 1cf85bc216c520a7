import { describe, expect, it } from 'vitest';
import type { MatrixRow, RecordsPerson } from '../../../electron/core/contract/views/records';
import type { TrainingStatus } from '../../../electron/core/contract/views/training';
import {
  filterMatrix,
  foldForSearch,
  isEmptyFilter,
  sortMatrix,
  summariseMatrix,
} from '../../../electron/core/records/filter';
import { withCpuTime } from '../../support/cpuTime';

function row(overrides: Partial<MatrixRow> & Pick<MatrixRow, 'personId' | 'name'>): MatrixRow {
  return {
    team: 'Analytics',
    moduleId: 'consent',
    moduleTitle: 'Consent',
    required: true,
    status: 'passed',
    completedAt: '2026-05-10T10:00:00.000Z',
    completedVersion: '1.0.0',
    score: 90,
    expiresAt: '2027-05-10T10:00:00.000Z',
    dueAt: '2026-06-01',
    attempts: 1,
    source: 'workspace',
    entryHash: null,
    ...overrides,
  };
}

const zoe = row({ personId: 'p1', name: 'Zoë Ødegaard', team: 'Sales' });
const ada = row({ personId: 'p2', name: 'Ada Lovelace', completedAt: '2026-05-01T23:59:59.000Z', score: 70 });
const jose = row({
  personId: 'p3',
  name: 'José Núñez',
  team: 'Support',
  moduleId: 'minimisation',
  moduleTitle: 'Data minimisation',
  status: 'overdue',
  completedAt: null,
  score: null,
  expiresAt: null,
});
const grace = row({
  personId: 'p4',
  name: 'Grace Hopper',
  completedAt: '2026-05-31T00:00:00.000Z',
  score: 90,
});
const ROWS = [zoe, ada, jose, grace];

const PEOPLE: RecordsPerson[] = ROWS.map((r) => ({
  id: r.personId,
  name: r.name,
  email: r.personId === 'p2' ? 'countess@example.com' : `${r.personId}@example.com`,
  team: r.team,
  enrolled: true,
  source: 'workspace',
  importedFrom: null,
}));

const names = (rows: MatrixRow[]) => rows.map((r) => r.name);

describe('filterMatrix', () => {
  it('keeps every row, in order, for an empty filter (and for empty lists and blank search)', () => {
    expect(filterMatrix(ROWS, {})).toEqual(ROWS);
    expect(
      filterMatrix(ROWS, { teams: [], moduleIds: [], statuses: [], search: '   ', from: null, to: '' }),
    ).toEqual(ROWS);
    expect(isEmptyFilter({ teams: [] })).toBe(true);
    expect(isEmptyFilter({ search: 'a' })).toBe(false);
  });

  it('returns a new array, never the input', () => {
    expect(filterMatrix(ROWS, {})).not.toBe(ROWS);
  });

  it('matches names without regard to case or accents, both ways', () => {
    expect(names(filterMatrix(ROWS, { search: 'zoe' }))).toEqual(['Zoë Ødegaard']);
    expect(names(filterMatrix(ROWS, { search: 'ZOË' }))).toEqual(['Zoë Ødegaard']);
    expect(names(filterMatrix(ROWS, { search: 'nunez' }))).toEqual(['José Núñez']);
    expect(names(filterMatrix(ROWS, { search: '  jOSÉ ' }))).toEqual(['José Núñez']);
    expect(filterMatrix(ROWS, { search: 'nobody' })).toEqual([]);
    expect(names(filterMatrix(ROWS, { search: 'zoe odegaard' }))).toEqual(['Zoë Ødegaard']);
    expect(foldForSearch('Zoë')).toBe('zoe');
    expect(foldForSearch('Straße Łódź')).toBe('strasse lodz');
  });

  it('matches emails only when the people are given', () => {
    expect(filterMatrix(ROWS, { search: 'countess' })).toEqual([]);
    expect(names(filterMatrix(ROWS, { search: 'countess' }, PEOPLE))).toEqual(['Ada Lovelace']);
  });

  it('filters by team, module and status, combining them with AND and values with OR', () => {
    expect(names(filterMatrix(ROWS, { teams: ['Sales', 'Support'] }))).toEqual([
      'Zoë Ødegaard',
      'José Núñez',
    ]);
    expect(names(filterMatrix(ROWS, { moduleIds: ['minimisation'] }))).toEqual(['José Núñez']);
    expect(names(filterMatrix(ROWS, { statuses: ['overdue', 'dueSoon'] }))).toEqual(['José Núñez']);
    expect(filterMatrix(ROWS, { teams: ['Sales'], statuses: ['overdue'] })).toEqual([]);
  });

  it('treats date bounds as inclusive calendar days and leaves out rows never completed', () => {
    // ada 2026-05-01 (late in the day), zoe 2026-05-10, grace 2026-05-31 (midnight), jose never.
    expect(names(filterMatrix(ROWS, { from: '2026-05-01', to: '2026-05-31' }))).toEqual([
      'Zoë Ødegaard',
      'Ada Lovelace',
      'Grace Hopper',
    ]);
    expect(names(filterMatrix(ROWS, { from: '2026-05-02' }))).toEqual(['Zoë Ødegaard', 'Grace Hopper']);
    expect(names(filterMatrix(ROWS, { to: '2026-05-01' }))).toEqual(['Ada Lovelace']);
    expect(names(filterMatrix(ROWS, { from: '2026-05-10', to: '2026-05-10' }))).toEqual(['Zoë Ødegaard']);
    expect(names(filterMatrix(ROWS, { to: '2030-01-01' }))).not.toContain('José Núñez');
  });

  it('filters 120,000 rows well under 100 ms once names are folded', () => {
    const statuses: TrainingStatus[] = ['passed', 'overdue', 'dueSoon', 'notStarted'];
    const big: MatrixRow[] = [];
    for (let p = 0; p < 10_000; p += 1) {
      for (let m = 0; m < 12; m += 1) {
        big.push(
          row({
            personId: `p${p}`,
            name: `Pérson ${p} Ünïcode`,
            team: `Team ${p % 7}`,
            moduleId: `m${m}`,
            status: statuses[(p + m) % statuses.length]!,
            completedAt: m % 3 === 0 ? null : `2026-0${1 + (m % 9)}-15T12:00:00.000Z`,
          }),
        );
      }
    }
    const filter = { search: 'person 12', teams: ['Team 1', 'Team 5'], statuses: ['overdue' as const] };
    filterMatrix(big, filter); // folds the names once
    const filtered = withCpuTime(() => filterMatrix(big, { ...filter, search: 'PERSON 1' }));
    expect(filtered.result.length).toBeGreaterThan(0);
    expect(filtered.result.every((r) => r.status === 'overdue' && /Pérson 1/.test(r.name))).toBe(true);
    expect(filtered.cpuMs).toBeLessThan(100);
    const sorted = withCpuTime(() => sortMatrix(big, { key: 'name', direction: 'desc' }));
    expect(sorted.cpuMs).toBeLessThan(1000);
    expect(sorted.result).toHaveLength(big.length);
  });
});

describe('sortMatrix', () => {
  it('sorts by name ignoring accents and case, in both directions', () => {
    expect(names(sortMatrix(ROWS, { key: 'name', direction: 'asc' }))).toEqual([
      'Ada Lovelace',
      'Grace Hopper',
      'José Núñez',
      'Zoë Ødegaard',
    ]);
    expect(names(sortMatrix(ROWS, { key: 'name', direction: 'desc' }))).toEqual([
      'Zoë Ødegaard',
      'José Núñez',
      'Grace Hopper',
      'Ada Lovelace',
    ]);
  });

  it('puts rows without a value last whichever the direction', () => {
    expect(names(sortMatrix(ROWS, { key: 'completedAt', direction: 'asc' })).at(-1)).toBe('José Núñez');
    expect(names(sortMatrix(ROWS, { key: 'completedAt', direction: 'desc' }))).toEqual([
      'Grace Hopper',
      'Zoë Ødegaard',
      'Ada Lovelace',
      'José Núñez',
    ]);
    expect(names(sortMatrix(ROWS, { key: 'score', direction: 'desc' })).at(-1)).toBe('José Núñez');
  });

  it('is stable: equal keys keep their input order in both directions', () => {
    // zoe and grace both scored 90, zoe first in the input.
    expect(names(sortMatrix(ROWS, { key: 'score', direction: 'desc' })).slice(0, 2)).toEqual([
      'Zoë Ødegaard',
      'Grace Hopper',
    ]);
    expect(names(sortMatrix(ROWS, { key: 'team', direction: 'asc' }))).toEqual([
      'Ada Lovelace',
      'Grace Hopper',
      'Zoë Ødegaard',
      'José Núñez',
    ]);
  });

  it('puts the worst status first when ascending', () => {
    expect(sortMatrix(ROWS, { key: 'status', direction: 'asc' })[0]).toBe(jose);
    expect(sortMatrix(ROWS, { key: 'status', direction: 'desc' }).at(-1)).toBe(jose);
  });

  it('does not change its input', () => {
    const copy = ROWS.slice();
    sortMatrix(ROWS, { key: 'name', direction: 'desc' });
    expect(ROWS).toEqual(copy);
  });
});

describe('summariseMatrix', () => {
  it('counts rows, people, statuses and current required completions', () => {
    const summary = summariseMatrix(ROWS);
    expect(summary).toMatchObject({ rows: 4, people: 4, required: 4, current: 3 });
    expect(summary.byStatus.overdue).toBe(1);
    expect(summary.byStatus.passed).toBe(3);
    expect(summariseMatrix([])).toMatchObject({ rows: 0, people: 0, required: 0, current: 0 });
  });
});

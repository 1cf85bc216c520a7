// The completion matrix's filter and sort, shared by the dashboard (which filters in the page)
// and the exports ("apply the current matrix filter"), so both always pick the same rows. Pure:
// no imports but types, so the renderer may load this one core file.
//
// Search folds case and accents ("Zoë" matches "zoe"). Folding is the expensive part, so each
// distinct name and each people list is folded once and cached: a second pass over 120,000 rows
// is plain substring tests.
import type { MatrixRow, MatrixSort, RecordsFilter, RecordsPerson } from '../contract/views/records';
import type { TrainingStatus } from '../contract/views/training';

const COMBINING_MARKS = /[\u0300-\u036f]/g;
// Letters that are not a base letter plus an accent, so NFKD leaves them alone.
const LETTERS: Record<string, string> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const OTHER_LETTERS = /[øæœßłđðþı]/g;

/** Lower case, accents removed, compatibility forms unified ("Zoë" -> "zoe", "Ø" -> "o"). */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(OTHER_LETTERS, (letter) => LETTERS[letter] ?? letter);
}

// Many rows share a name (one row per person and module), so the cache is by string.
const foldedNames = new Map<string, string>();
const FOLDED_NAMES_LIMIT = 200_000;

function foldedName(name: string): string {
  let folded = foldedNames.get(name);
  if (folded === undefined) {
    if (foldedNames.size >= FOLDED_NAMES_LIMIT) foldedNames.clear();
    folded = foldForSearch(name);
    foldedNames.set(name, folded);
  }
  return folded;
}

const foldedEmails = new WeakMap<readonly RecordsPerson[], Map<string, string>>();

function emailsOf(people: readonly RecordsPerson[]): Map<string, string> {
  let emails = foldedEmails.get(people);
  if (emails === undefined) {
    emails = new Map(people.map((person) => [person.id, foldForSearch(person.email)]));
    foldedEmails.set(people, emails);
  }
  return emails;
}

/** The UTC calendar day of an ISO timestamp (or the day itself). */
function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

function nonEmpty<T>(values: readonly T[] | undefined): Set<T> | null {
  return values && values.length > 0 ? new Set(values) : null;
}

/** True when the filter selects every row (nothing chosen, nothing typed). */
export function isEmptyFilter(filter: RecordsFilter): boolean {
  return (
    !filter.teams?.length &&
    !filter.moduleIds?.length &&
    !filter.statuses?.length &&
    !filter.from &&
    !filter.to &&
    (filter.search ?? '').trim() === ''
  );
}

/**
 * The rows the filter selects, in their original order. Empty lists and blank fields select
 * everything. `from`/`to` are inclusive YYYY-MM-DD bounds on the UTC day of completedAt; a row
 * never completed is outside any date range. Search matches the person's name, and their email
 * when `people` is given.
 */
export function filterMatrix(
  rows: readonly MatrixRow[],
  filter: RecordsFilter,
  people?: readonly RecordsPerson[],
): MatrixRow[] {
  if (isEmptyFilter(filter)) return rows.slice();
  const teams = nonEmpty(filter.teams);
  const modules = nonEmpty(filter.moduleIds);
  const statuses = nonEmpty<TrainingStatus>(filter.statuses);
  const from = filter.from || null;
  const to = filter.to || null;
  const query = foldForSearch((filter.search ?? '').trim());
  const emails = query !== '' && people ? emailsOf(people) : null;

  const result: MatrixRow[] = [];
  for (const row of rows) {
    if (teams !== null && !teams.has(row.team)) continue;
    if (modules !== null && !modules.has(row.moduleId)) continue;
    if (statuses !== null && !statuses.has(row.status)) continue;
    if (from !== null || to !== null) {
      if (row.completedAt === null) continue;
      const day = dayOf(row.completedAt);
      if (from !== null && day < from) continue;
      if (to !== null && day > to) continue;
    }
    if (query !== '' && !foldedName(row.name).includes(query)) {
      const email = emails?.get(row.personId);
      if (email === undefined || !email.includes(query)) continue;
    }
    result.push(row);
  }
  return result;
}

/** Worst first: what a manager has to act on sorts to the top of an ascending status sort. */
export const STATUS_ORDER: Record<TrainingStatus, number> = {
  overdue: 0,
  expired: 1,
  updated: 2,
  dueSoon: 3,
  inProgress: 4,
  notStarted: 5,
  passed: 6,
};

type SortValue = string | number | null;

function sortValue(row: MatrixRow, key: MatrixSort['key']): SortValue {
  switch (key) {
    case 'name':
      return foldedName(row.name);
    case 'team':
      return foldedName(row.team);
    case 'module':
      return foldedName(row.moduleTitle);
    case 'status':
      return STATUS_ORDER[row.status];
    case 'completedAt':
      return row.completedAt;
    case 'score':
      return row.score;
    case 'expiresAt':
      return row.expiresAt;
    case 'dueAt':
      return row.dueAt;
  }
}

/**
 * A sorted copy. Stable (equal keys keep their order), and rows without a value (never
 * completed, no due date) go last in either direction.
 */
export function sortMatrix(rows: readonly MatrixRow[], sort: MatrixSort): MatrixRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  // Decorate once: computing keys inside the comparator would fold names n·log n times.
  const decorated = rows.map((row, index) => ({ row, index, value: sortValue(row, sort.key) }));
  decorated.sort((a, b) => {
    if (a.value === b.value) return a.index - b.index;
    if (a.value === null) return 1;
    if (b.value === null) return -1;
    return (a.value < b.value ? -1 : 1) * sign;
  });
  return decorated.map((item) => item.row);
}

export interface MatrixSummary {
  /** Rows (person-module pairs). */
  rows: number;
  people: number;
  /** Rows per status. */
  byStatus: Record<TrainingStatus, number>;
  /** Required rows, and of those the ones completed and current (passed or due soon). */
  required: number;
  current: number;
}

export function summariseMatrix(rows: readonly MatrixRow[]): MatrixSummary {
  const byStatus: Record<TrainingStatus, number> = {
    notStarted: 0,
    inProgress: 0,
    passed: 0,
    dueSoon: 0,
    expired: 0,
    overdue: 0,
    updated: 0,
  };
  const people = new Set<string>();
  let required = 0;
  let current = 0;
  for (const row of rows) {
    byStatus[row.status] += 1;
    people.add(row.personId);
    if (row.required) {
      required += 1;
      if (row.status === 'passed' || row.status === 'dueSoon') current += 1;
    }
  }
  return { rows: rows.length, people: people.size, byStatus, required, current };
}

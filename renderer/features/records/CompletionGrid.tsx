// The completion matrix as a manager reads it: one row per person, one column per module, each
// cell the person's status in that module (words and an icon, never colour alone). The table's
// headers name the person and the module for every cell, so a screen reader says "Zoë Ångström,
// Consent done right, Passed". Names and module titles wrap instead of being cut off. Rows are
// virtualised like the detailed list's (only those in view are in the DOM), so a large
// organisation scrolls smoothly. The filters apply: people with no row left are not shown, and a
// cell the filter leaves out reads "not in the filter".
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatrixRow, RecordsView } from '../../../electron/core/contract/views/records';
import { Icon } from '../../components/Icon';
import { formatShortDate } from '../../format';
import { STATUS_LOOK } from '../training/moduleStatus';
import { statusLabel } from './recordsWords';

/** Must match .completion-grid tbody tr's height in records.css. */
export const GRID_ROW_HEIGHT = 60;
const VIEWPORT_HEIGHT = 560;

export interface GridPerson {
  personId: string;
  name: string;
  team: string;
  imported: boolean;
  /** The person's rows the filter keeps, by module id. */
  cells: Map<string, MatrixRow>;
}

/**
 * People in the order the (sorted, filtered) rows first name them, each with the rows the filter
 * keeps; the modules are those the module filter keeps (every module without one).
 */
export function gridOf(
  visible: readonly MatrixRow[],
  modules: RecordsView['modules'],
  moduleFilter: readonly string[],
): { people: GridPerson[]; modules: RecordsView['modules'] } {
  const byPerson = new Map<string, GridPerson>();
  for (const row of visible) {
    let person = byPerson.get(row.personId);
    if (!person) {
      person = {
        personId: row.personId,
        name: row.name,
        team: row.team,
        imported: row.source === 'imported',
        cells: new Map(),
      };
      byPerson.set(row.personId, person);
    }
    person.cells.set(row.moduleId, row);
  }
  return {
    people: [...byPerson.values()],
    modules: moduleFilter.length === 0 ? modules : modules.filter((m) => moduleFilter.includes(m.id)),
  };
}

const VOWEL = /[aeiouyàâäéèêëîïôöùûüÿœæ]/;
/** Consonant pairs never split (one sound), and pairs that begin a syllable together. */
const DIGRAPHS = new Set(['ch', 'sh', 'th', 'ph', 'gh', 'ck', 'wh', 'gn', 'qu', 'rh']);
const ONSETS = new Set(['bl', 'cl', 'fl', 'gl', 'pl', 'br', 'cr', 'dr', 'fr', 'gr', 'pr', 'tr', 'vr']);

/**
 * Where a long word may break, by the usual syllable rules (English and French): before a single
 * consonant between vowels (mini-mi-sa-tion), between two consonants (gover-nance) unless they go
 * together (com-pliance, not comp-liance), never within three letters of either end.
 */
function syllableBreaks(word: string): Set<number> {
  const lower = [...word.toLowerCase()];
  const vowel = (i: number) =>
    i >= 0 && i < lower.length && VOWEL.test(lower[i]!) && !(i === 0 && lower[i] === 'y');
  const pair = (i: number) => lower[i - 1]! + lower[i]!;
  const cuts = new Set<number>();
  for (let i = 3; i <= lower.length - 3; i++) {
    if (vowel(i) || !vowel(i + 1)) continue;
    if (vowel(i - 1))
      cuts.add(i); // V|CV
    else if (vowel(i - 2) && !DIGRAPHS.has(pair(i)))
      cuts.add(ONSETS.has(pair(i)) ? i - 1 : i); // VC|CV
    else if (!vowel(i - 2) && vowel(i - 3) && !DIGRAPHS.has(pair(i)))
      cuts.add(ONSETS.has(pair(i)) ? i - 1 : i); // VCC|CV
  }
  for (const cut of cuts) if (cut < 3 || cut > lower.length - 3) cuts.delete(cut);
  return cuts;
}

/**
 * A title with soft hyphens at syllable breaks in its long words (10 letters or more), so a narrow column breaks them
 * with a hyphen instead of cutting them off (CSS hyphenation needs a dictionary Chromium may not
 * have offline).
 */
export function breakableTitle(title: string): string {
  return title.replace(/\p{L}{10,}/gu, (word) => {
    const cuts = syllableBreaks(word);
    return [...word].map((letter, i) => (cuts.has(i) ? '\u00ad' : '') + letter).join('');
  });
}

function Spacer({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null;
  return (
    <tr className="completion-grid__spacer" aria-hidden="true">
      <td colSpan={columns}>
        <svg width="1" height={height} focusable="false" />
      </td>
    </tr>
  );
}

function Cell({ row }: { row: MatrixRow | undefined }) {
  const { t } = useTranslation('records');
  if (!row) {
    return (
      <td className="completion-grid__cell completion-grid__cell--outside">
        <span aria-hidden="true">·</span>
        <span className="visually-hidden">{t('grid.outside')}</span>
      </td>
    );
  }
  const look = STATUS_LOOK[row.status];
  const when = row.completedAt
    ? t('grid.completed', { date: formatShortDate(row.completedAt) })
    : row.dueAt
      ? t('grid.due', { date: formatShortDate(row.dueAt) })
      : null;
  return (
    <td
      className={[
        'completion-grid__cell',
        `completion-grid__cell--${look.tone}`,
        row.required ? '' : 'completion-grid__cell--optional',
      ]
        .filter(Boolean)
        .join(' ')}
      title={when ?? undefined}
    >
      <span className="completion-grid__status">
        <Icon name={look.icon} />
        <span>{statusLabel(t, row.status)}</span>
      </span>
      {row.required ? null : <span className="completion-grid__note">{t('grid.optional')}</span>}
    </td>
  );
}

export function CompletionGrid({
  people,
  modules,
  label,
}: {
  people: readonly GridPerson[];
  modules: RecordsView['modules'];
  label: string;
}) {
  const { t } = useTranslation('records');
  const scrollRef = useRef<HTMLDivElement>(null);
  const columns = modules.length + 1;
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders on scroll itself
  const virtualizer = useVirtualizer({
    count: people.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => GRID_ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 960, height: VIEWPORT_HEIGHT },
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const total = virtualizer.getTotalSize();
  const before = items[0]?.start ?? 0;
  const after = items.length > 0 ? total - items[items.length - 1]!.end : 0;
  // The table's least width follows the number of modules (a class per count: the CSP allows no inline style).
  const colClass = `completion-grid--${Math.min(modules.length, 12)}`;

  return (
    <div
      ref={scrollRef}
      className="surface-outline completion-grid-scroll"
      tabIndex={0}
      role="region"
      aria-label={t('matrix.scrollable', { label })}
    >
      <table className={`data-table completion-grid ${colClass}`} aria-rowcount={people.length + 1}>
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" className="completion-grid__corner">
              {t('grid.person')}
            </th>
            {modules.map((m) => (
              <th key={m.id} scope="col" className="completion-grid__module" aria-label={m.title}>
                {breakableTitle(m.title)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <Spacer height={before} columns={columns} />
          {items.map((item) => {
            const person = people[item.index]!;
            return (
              <tr key={item.key} aria-rowindex={item.index + 2} className="completion-grid__row">
                <th scope="row" className="completion-grid__person">
                  <span className="completion-grid__name">{person.name}</span>
                  <span className="completion-grid__team">
                    {person.team}
                    {person.imported ? <span className="tag">{t('matrix.imported')}</span> : null}
                  </span>
                </th>
                {modules.map((m) => (
                  <Cell key={m.id} row={person.cells.get(m.id)} />
                ))}
              </tr>
            );
          })}
          <Spacer height={after} columns={columns} />
        </tbody>
      </table>
    </div>
  );
}

// One rounding rule for percentages: the same records read the same on the dashboard and in the
// PDF report (both whole percent rounded down, core's wholePercent). 7 of 15 is 46.67%: "46%"
// everywhere (it read 46% on the dashboard and 47% in the PDF before).
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MatrixRow, RecordsView } from '../../../../electron/core/contract/views/records';
import { wholePercent } from '../../../../electron/core/records/percent';
import { renderReportHtml } from '../../../../electron/core/records/report';
import { OverviewTab } from '../../../../renderer/features/records/OverviewTab';
import { makeView } from '../../../core/records/fixtures/recordsView';
import '../../../../renderer/i18n';

/** One team, 15 people each required to take one module, 7 of them current. */
function sevenOfFifteen(): RecordsView {
  const base = makeView();
  const template = base.matrix[0] as MatrixRow;
  const matrix: MatrixRow[] = Array.from({ length: 15 }, (_, i) => ({
    ...template,
    personId: `p${String(i).padStart(20, '0')}`,
    name: `Person ${i}`,
    team: 'Marketing',
    required: true,
    status: i < 7 ? 'passed' : 'notStarted',
  }));
  return {
    ...base,
    people: matrix.map((r) => ({ ...base.people[0]!, id: r.personId, name: r.name, team: 'Marketing' })),
    matrix,
    overdue: [],
    dueSoon: [],
    byTeam: [{ key: 'Marketing', label: 'Marketing', required: 15, current: 7, overdue: 0 }],
    byModule: [{ key: template.moduleId, label: template.moduleTitle, required: 15, current: 7, overdue: 0 }],
  };
}

describe('the same percentage everywhere', () => {
  it('7 of 15 reads 46% on the dashboard and in the PDF report', () => {
    expect(wholePercent(7, 15)).toBe(46);
    expect(wholePercent(2, 3)).toBe(66);
    expect(wholePercent(0, 0)).toBeNull();
    const view = sevenOfFifteen();
    render(<OverviewTab view={view} />);
    const stat = screen.getByText('Required training current').closest('.records-stat') as HTMLElement;
    expect(stat.querySelector('dd')?.textContent).toBe('46%');
    const html = renderReportHtml(view, {
      generatedAt: '2026-03-02T10:00:00.000Z',
      generatedBy: 'Mira',
      pseudonymised: false,
      appVersion: '0.0.0-test',
    });
    expect(html).toContain('<b>46%</b><span>required training current (7 of 15)</span>');
    expect(html).toContain('46% (7/15)');
    expect(html).not.toContain('47%');
  });
});

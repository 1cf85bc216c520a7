// The records screen over the real core: whose records these are and as of when, the overview
// (headline numbers, who is overdue and with what, charts with their numbers) and the reviews
// register, all core's projection of a realistic organisation (support/records.ts).
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RecordsView } from '../../../../electron/core/contract/views/records';
import { formatShortDate } from '../../../../renderer/format';
import { inFrenchEachTest, NBSP } from '../../support/french';
import { actAs, addPerson } from '../../support/people';
import { freshCore, seededWorkspace, type TestCore } from '../../support/realBridge';
import { CONDITIONS, seedOrganisation } from '../../support/records';
import { renderApp } from '../../support/renderApp';
import { withdrawBehindTheReviewersBack } from '../../../support/insider';

const workspace = seededWorkspace(seedOrganisation);

async function openRecords(
  before?: (core: TestCore, s: Awaited<ReturnType<typeof seedOrganisation>>) => Promise<void>,
) {
  const { core, seeded } = await workspace.open();
  await before?.(core, seeded);
  const bridge = await renderApp(core, '#/records');
  await screen.findAllByRole('tab');
  return { core, bridge, view: await core.services.getRecords({}), ...seeded };
}

function openTab(name: string) {
  fireEvent.click(screen.getByRole('tab', { name }));
}

/** A rate as the page rounds it: whole percents, down. */
const rateOf = (row: RecordsView['byTeam'][number]) => Math.floor((row.current / row.required) * 100);

describe('records: the screen', () => {
  it('says whose records these are and as of when, and offers five keyboard-operable tabs', async () => {
    // Cara manages two teams.
    await openRecords(async (core) => {
      const cara = await addPerson(core, 'cara');
      core.grantRole(cara, 'managers', ['Marketing', 'Product']);
    });
    expect(await screen.findByText('Teams: Marketing, Product')).toBeTruthy();
    expect(screen.getByText(/As of/).querySelector('time')?.getAttribute('dateTime')).toMatch(
      /^2026-11-29T09:/,
    );
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual([
      'Overview',
      'Completion matrix',
      'Reviews register',
      'Integrity',
      'Export',
    ]);
    expect(tabs.map((t) => t.getAttribute('tabindex'))).toEqual(['0', '-1', '-1', '-1', '-1']);
    tabs[0]!.focus();
    fireEvent.keyDown(tabs[0]!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(tabs[1]);
    expect(tabs[1]!.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(tabs[1]!.id);
    fireEvent.keyDown(tabs[1]!, { key: 'End' });
    expect(document.activeElement).toBe(tabs[4]);
    expect(screen.getByRole('heading', { name: 'Export' })).toBeTruthy();
    fireEvent.keyDown(tabs[4]!, { key: 'ArrowRight' });
    expect(tabs[0]!.getAttribute('aria-selected')).toBe('true');
  });

  it('shows the overview: headline numbers, who is overdue with what they need, and charts with their numbers', async () => {
    const { view } = await openRecords();
    expect(await screen.findByText('All teams')).toBeTruthy();
    const overdue = screen.getByRole('region', { name: 'Overdue' });
    const first = view.overdue[0]!;
    const item = within(overdue).getByText(first.name).closest('li') as HTMLElement;
    for (const module of first.modules)
      expect(within(item).getByText(module.title, { exact: false })).toBeTruthy();
    expect(screen.getByText('People overdue').nextElementSibling?.textContent).toBe(
      String(view.overdue.length),
    );
    // Each chart is one image with a text alternative, and its numbers are in a table.
    const byTeam = screen.getByText('By team', { selector: 'figcaption' }).closest('figure') as HTMLElement;
    const image = within(byTeam).getByRole('img');
    const product = view.byTeam.find((r) => r.label === 'Product')!;
    expect(image.getAttribute('aria-label')).toContain(`Product: ${rateOf(product)}% current`);
    const table = within(byTeam).getByRole('table', { name: 'By team' });
    const productRow = within(table).getByRole('rowheader', { name: 'Product' }).closest('tr') as HTMLElement;
    expect(within(productRow).getByText(`${rateOf(product)}%`)).toBeTruthy();
    expect(screen.getByText('Review outcomes per month', { selector: 'figcaption' })).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Median days to decision per month' })).toBeTruthy();
  });

  it('shows an employee their own records, without team charts or people columns', async () => {
    const { view } = await openRecords(async (core, s) => {
      const someone = s.demo.people.find((p) => !s.demo.reviewers.some((r) => r.id === p.id))!;
      await actAs(core, someone);
    });
    expect(view.scope.kind).toBe('self');
    expect(await screen.findByText('Your own records')).toBeTruthy();
    expect(screen.queryByText('By team')).toBeNull();
    expect(screen.queryByText('Review outcomes per month')).toBeNull();
    expect(screen.getByText('Required modules current')).toBeTruthy();
    openTab('Your modules');
    const table = screen.getByRole('table', { name: 'Your modules' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).not.toContain('Person');
    expect(headers).not.toContain('Team');
    expect(screen.queryByLabelText('Search by name or email')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Team:/ })).toBeNull();
    const n = view.matrix.length;
    expect(screen.getByText(`Showing ${n} of ${n} modules`)).toBeTruthy();
  });

  it('explains what will appear while there is nothing yet', async () => {
    // An organisation that has not published any module yet, and a person who has done nothing.
    // (Once modules exist, core gives everyone a row for each, started or not.)
    const core = await freshCore();
    for (const file of core.content.list('modules')) core.content.remove(`modules/${file}`);
    await addPerson(core, 'ada');
    await renderApp(core, '#/records');
    expect(await screen.findByText('Nothing recorded yet')).toBeTruthy();
    openTab('Your modules');
    expect(screen.getByText('No training records yet')).toBeTruthy();
    openTab('Your reviews');
    expect(screen.getByText('No reviews yet')).toBeTruthy();
  });

  it('says when the records cannot be loaded, keeps Integrity working, and retries', async () => {
    const { core } = await workspace.open();
    core.bridge.fail('getRecords', { code: 'INTERNAL', message: 'The records dashboard is being built.' });
    await renderApp(core, '#/records');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The records dashboard is being built.');
    openTab('Integrity');
    expect(screen.getByRole('button', { name: 'Verify now' })).toBeTruthy();
    openTab('Overview');
    core.bridge.succeed('getRecords');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('All teams')).toBeTruthy();
  });
});

describe('records: reviews register', () => {
  it('lists every review with decision, reviewer, conditions and days to decision, filtered by state', async () => {
    const { view } = await openRecords();
    await screen.findByText('All teams');
    openTab('Reviews register');
    const table = screen.getByRole('table', { name: 'Reviews register' });
    expect(within(table).getAllByRole('row')).toHaveLength(view.reviews.length + 1);
    const decided = view.reviews.find((r) => r.title === 'Support ticket search')!;
    const row = within(table).getByText(decided.title).closest('tr') as HTMLElement;
    expect(within(row).getByText(CONDITIONS.open.text)).toBeTruthy();
    // A met condition says when; an open one does not.
    const met = within(row).getByText(CONDITIONS.met.text).closest('li') as HTMLElement;
    const metAt = decided.conditions.find((c) => c.text === CONDITIONS.met.text)!.metAt!;
    expect(met.textContent).toContain(`met ${formatShortDate(metAt)}`);
    const open = within(row).getByText(CONDITIONS.open.text).closest('li') as HTMLElement;
    expect(open.textContent).not.toMatch(/\bmet\b/);
    expect(within(row).getByText(decided.reviewer!.name)).toBeTruthy();
    expect(within(row).getByText(String(decided.daysToDecision))).toBeTruthy();
    fireEvent.change(screen.getByLabelText('State'), { target: { value: 'rejected' } });
    const rejected = view.reviews.filter((r) => r.status === 'rejected');
    expect(rejected.length).toBeGreaterThan(0);
    expect(within(screen.getByRole('table', { name: 'Reviews register' })).getAllByRole('row')).toHaveLength(
      rejected.length + 1,
    );
    expect(screen.getByText(`Showing ${rejected.length} of ${view.reviews.length} reviews`)).toBeTruthy();
    // The choice survives a visit to another tab.
    openTab('Overview');
    openTab('Reviews register');
    expect((screen.getByLabelText('State') as HTMLSelectElement).value).toBe('rejected');
  });
});

describe('records: a review in conflict', () => {
  it('is marked in the register, as the review was before the events that disagree', async () => {
    await openRecords(async (core) => {
      // Amara, with her own key, writes a withdrawal that did not see the approval (its `after`
      // is her submission): the withdrawal and the approval disagree, and neither is applied.
      const before = await core.services.getRecords({});
      const review = before.reviews.find((r) => r.title === 'Support ticket search')!;
      await withdrawBehindTheReviewersBack(
        core.userDataDir,
        core.workspaceDir,
        review.submitter.id,
        review.reviewId,
      );
    });
    await screen.findByText('All teams');
    openTab('Reviews register');
    const table = screen.getByRole('table', { name: 'Reviews register' });
    const row = within(table).getByText('Support ticket search').closest('tr') as HTMLElement;
    expect(within(row).getByText('In conflict', { exact: true })).toBeTruthy();
    expect(within(row).getByText('Nothing is applied until a reviewer settles it.')).toBeTruthy();
    expect(within(row).getByText('Not decided')).toBeTruthy();
    // Only that one is marked.
    expect(within(table).getAllByText(/^In conflict/)).toHaveLength(1);
  });
});

describe('records in French', () => {
  inFrenchEachTest();

  /** CLDR's French percent: a no-break space before the sign ("39 %"). */
  const frenchPercent = (value: number) =>
    new Intl.NumberFormat('fr', { style: 'percent', maximumFractionDigits: 0 }).format(value / 100);
  const FRENCH_MONTH = /^(janv\.|févr\.|mars|avr\.|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.) \d{4}$/;

  it('shows the overview in French, with French percents, months and charts', async () => {
    const { view } = await openRecords(async (core) => {
      await core.services.setLocale({ locale: 'fr' });
    });
    expect(await screen.findByText('Toutes les équipes')).toBeTruthy();
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual([
      "Vue d'ensemble",
      'Matrice de formation',
      'Registre des analyses',
      'Intégrité',
      'Export',
    ]);
    expect(screen.getByText(/^État au/).querySelector('time')).toBeTruthy();

    const rate = screen.getByText('Formations obligatoires à jour').nextElementSibling?.textContent;
    expect(rate).toMatch(/^\d+\s%$/);
    expect(rate).toBe(frenchPercent(Number.parseInt(rate!, 10)));
    expect(screen.getByText('Personnes en retard').nextElementSibling?.textContent).toBe(
      String(view.overdue.length),
    );
    expect(screen.getByRole('region', { name: 'En retard' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'À renouveler bientôt' })).toBeTruthy();

    const byTeam = screen
      .getByText('Par équipe', { selector: 'figcaption' })
      .closest('figure') as HTMLElement;
    const product = view.byTeam.find((r) => r.label === 'Product')!;
    expect(within(byTeam).getByRole('img').getAttribute('aria-label')).toContain(
      `Product${NBSP}: ${frenchPercent(rateOf(product))} à jour`,
    );
    expect(within(byTeam).getByText('Afficher les chiffres')).toBeTruthy();
    const table = within(byTeam).getByRole('table', { name: 'Par équipe' });
    expect(within(table).getByRole('columnheader', { name: 'Taux' })).toBeTruthy();

    const outcomes = screen.getByRole('table', { name: 'Résultats des analyses par mois' });
    const months = within(outcomes)
      .getAllByRole('rowheader')
      .map((cell) => cell.textContent ?? '');
    expect(months.length).toBe(view.reviewOutcomes.length);
    for (const month of months) expect(month).toMatch(FRENCH_MONTH);
  });
});

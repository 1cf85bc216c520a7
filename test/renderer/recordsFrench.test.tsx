// The records dashboard in French: the words come from fr/records.json, numbers are grouped and
// percents written the French way (narrow no-break spaces), months are French, and counts take
// French plurals (0 and 1 singular).
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../renderer/i18n';
import { makeProfile } from './fakeBridge';
import { makeRecordsView } from './fakeRecords';
import { inFrenchEachTest, NBSP, NNBSP } from './french';
import { renderApp } from './renderApp';

const ada = makeProfile({ name: 'Ada Lovelace' });
/** CLDR's French percent: a no-break space before the sign ("39 %"). */
const frenchPercent = (value: number) =>
  new Intl.NumberFormat('fr', { style: 'percent', maximumFractionDigits: 0 }).format(value / 100);
const FRENCH_MONTH = /^(janv\.|févr\.|mars|avr\.|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.) \d{4}$/;

async function openRecordsInFrench(view: ReturnType<typeof makeRecordsView>) {
  window.history.replaceState(null, '', '#/records');
  return renderApp({ profiles: [ada], records: { view, locale: 'fr' } });
}

inFrenchEachTest();

describe('records in French', () => {
  it('shows the overview in French, with French percents, months and charts', async () => {
    const view = makeRecordsView({ people: 24, modules: 4 });
    await openRecordsInFrench(view);
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
    const sales = view.byTeam.find((r) => r.key === 'Sales')!;
    const percent = Math.floor((sales.current / sales.required) * 100);
    expect(within(byTeam).getByRole('img').getAttribute('aria-label')).toContain(
      `Sales${NBSP}: ${frenchPercent(percent)} à jour`,
    );
    expect(within(byTeam).getByText('Afficher les chiffres')).toBeTruthy();
    const table = within(byTeam).getByRole('table', { name: 'Par équipe' });
    expect(within(table).getByRole('columnheader', { name: 'Taux' })).toBeTruthy();

    const outcomes = screen.getByRole('table', { name: 'Résultats des analyses par mois' });
    const months = within(outcomes)
      .getAllByRole('rowheader')
      .map((cell) => cell.textContent ?? '');
    expect(months.length).toBeGreaterThan(0);
    for (const month of months) expect(month).toMatch(FRENCH_MONTH);
  });

  it('counts the matrix rows with French grouping and plurals', { timeout: 60_000 }, async () => {
    const view = makeRecordsView({ people: 10_000, modules: 12 });
    await openRecordsInFrench(view);
    fireEvent.click(await screen.findByRole('tab', { name: 'Matrice de formation' }));
    // Compared exactly: Testing Library's matcher would fold the narrow no-break spaces away.
    expect(screen.getByText(/^Affichage de/).textContent).toBe(
      `Affichage de 120${NNBSP}000 sur 120${NNBSP}000 lignes (une par personne et par module)`,
    );
    const matrix = screen.getByRole('table', { name: 'Matrice de formation' });
    expect(within(matrix).getByRole('columnheader', { name: 'Personne' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Statut\s:\sTous$/ }).textContent).toBe(`Statut${NBSP}: Tous`);
    expect(screen.getByLabelText('Rechercher par nom ou adresse e-mail')).toBeTruthy();
  });

  it('uses the French plural forms: 0 and 1 singular, a million "many"', () => {
    const t = i18n.getFixedT('fr', 'records');
    expect(t('integrity.problemsFound', { count: 0 })).toBe('0 problème détecté');
    expect(t('integrity.problemsFound', { count: 1 })).toBe('1 problème détecté');
    expect(t('integrity.problemsFound', { count: 2 })).toBe('2 problèmes détectés');
    expect(t('integrity.problemsFound', { count: 1_000_000 })).toBe(
      `1${NNBSP}000${NNBSP}000 problèmes détectés`,
    );
    expect(t('matrix.countModules', { shown: 1, count: 1 })).toBe('Affichage de 1 sur 1 module');
  });
});

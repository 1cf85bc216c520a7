// The shell, first run, training and settings screens in French: the words come from the French
// locale files (with French typography: a no-break space before ":" and "%"), plurals follow
// French rules (0 and 1 are singular), and dates and numbers are formatted the French way.
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CompletionSummary } from '../../electron/core/contract/views/training';
import { formatNumber } from '../../renderer/format';
import { i18n } from '../../renderer/i18n';
import { fakeHash, makeModule } from './fakeTraining';
import { inFrenchEachTest, NBSP, NNBSP } from './french';
import { renderApp, withProfile } from './renderApp';

/** The saved choice is French too, so the app's own start-up keeps the page in French. */
const inFrench = { records: { locale: 'fr' as const } };

function completion(overrides: Partial<CompletionSummary> = {}): CompletionSummary {
  return {
    completedAt: '2026-01-10T12:00:00.000Z',
    expiresAt: '2027-01-10T12:00:00.000Z',
    score: 88,
    version: '1.0.0',
    contentHash: fakeHash(),
    entryHash: fakeHash(),
    ...overrides,
  };
}

inFrenchEachTest();

describe('in French', () => {
  it('names the navigation and the skip link in French', async () => {
    await renderApp(withProfile(inFrench));
    const nav = screen.getByRole('navigation', { name: 'Menu principal' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Formation', 'Analyses', 'Registres', 'Paramètres']);
    expect(screen.getByRole('link', { name: 'Aller au contenu' })).toBeTruthy();
  });

  it('shows the training catalogue with French statuses, dates, plurals and actions', async () => {
    await renderApp(
      withProfile({
        ...inFrench,
        training: {
          modules: [
            makeModule({
              id: 'req-not-started',
              title: 'Les bases',
              required: true,
              dueAt: '2026-12-20T12:00:00.000Z',
            }),
            makeModule({
              id: 'req-overdue',
              title: 'Le consentement',
              required: true,
              status: 'overdue',
              dueAt: '2026-11-01T12:00:00.000Z',
            }),
            makeModule({
              id: 'req-passed',
              title: 'La minimisation',
              required: true,
              status: 'passed',
              lastCompletion: completion(),
            }),
          ],
        },
      }),
    );
    await screen.findByRole('heading', { level: 3, name: 'Les bases' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Formation');
    expect(screen.getByRole('region', { name: 'Obligatoires pour vous' })).toBeTruthy();

    const summary = screen.getByText(/^Modules obligatoires à jour/);
    expect(summary.textContent).toBe(`Modules obligatoires à jour${NBSP}: 1 sur 3.`);
    expect(screen.getByText('1 module en retard ou expiré.')).toBeTruthy();

    const card = (title: string) =>
      screen.getByRole('heading', { level: 3, name: title }).closest('li') as HTMLElement;
    expect(within(card('Les bases')).getByText('Non commencé')).toBeTruthy();
    expect(within(card('Les bases')).getByText("À terminer d'ici le 20 décembre 2026")).toBeTruthy();
    expect(within(card('Le consentement')).getByText('En retard')).toBeTruthy();
    expect(within(card('La minimisation')).getByText("Valable jusqu'au 10 janvier 2027")).toBeTruthy();
    expect(
      within(card('Les bases')).getByRole('link', { name: `Commencer${NBSP}: Les bases` }).textContent,
    ).toBe('Commencer');
    expect(within(card('La minimisation')).getByRole('link', { name: /^Voir le certificat/ })).toBeTruthy();
  });

  it('shows the knowledge check with French plurals, percentages and hints', async () => {
    const module = makeModule({ id: 'fair-data', title: 'Fair data', status: 'inProgress' });
    window.history.replaceState(null, '', '#/training/fair-data/quiz');
    await renderApp(withProfile({ ...inFrench, training: { modules: [module] } }));
    await screen.findByRole('button', { name: 'Valider les réponses' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Contrôle des connaissances');
    const meta = screen.getByText(/^6 questions · seuil de réussite/);
    expect(meta.textContent).toBe(`6 questions · seuil de réussite 80${NBSP}% · tentative 1`);
    expect(screen.getAllByText('Plusieurs réponses possibles.').length).toBeGreaterThan(0);
    expect(screen.getByRole('group', { name: /^Question 1 sur 6/ })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Valider les réponses' }));
    expect(await screen.findByText('Répondez encore à 6 questions pour valider')).toBeTruthy();
    expect(screen.getByRole('link', { name: "La question 1 n'a pas de réponse" })).toBeTruthy();
  });

  it('shows the settings screen in French, with the profile date in French', async () => {
    window.history.replaceState(null, '', '#/settings');
    await renderApp(withProfile(inFrench));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Paramètres');
    expect(screen.getByText('Créé le')).toBeTruthy();
    expect(screen.getByText('1 novembre 2026')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Apparence' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Contraste élevé' })).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'Français' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('textbox', { name: /^Utiliser un autre dossier/ })).toBeTruthy();
    expect(screen.getByText('Passerelle de test')).toBeTruthy();
  });

  it('welcomes a new person in French and explains mistakes in French', async () => {
    await renderApp(inFrench);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Bienvenue dans Steward');
    fireEvent.click(screen.getByRole('button', { name: 'Créer le profil' }));
    expect(await screen.findByText('Saisissez votre nom.')).toBeTruthy();
    expect(screen.getByText('Saisissez votre adresse e-mail professionnelle.')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Équipe' })).toBeTruthy();
  });

  it('formats counts the French way: grouped with a narrow no-break space, 0 and 1 singular', () => {
    expect(formatNumber(120000)).toBe(`120${NNBSP}000`);
    expect(i18n.t('training:catalogue.summaryAttention', { count: 1234 })).toBe(
      `1${NNBSP}234 modules en retard ou expirés.`,
    );
    expect(i18n.t('training:catalogue.summaryAttention', { count: 0 })).toBe('0 module en retard ou expiré.');
    expect(i18n.t('training:quiz.questions', { count: 1 })).toBe('1 question');
    expect(i18n.t('training:quiz.questions', { count: 2 })).toBe('2 questions');
  });
});

// The training catalogue over the real core and content: the statuses are core's projection of
// a real year of training (support/training.ts), with the dates and actions they call for.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../../../renderer/i18n';
import { formatNumber } from '../../../../renderer/format';
import { inFrenchEachTest, NBSP, NNBSP } from '../../support/french';
import { actAs } from '../../support/people';
import { seededWorkspace } from '../../support/realBridge';
import { renderApp } from '../../support/renderApp';
import { seedTrainingYear } from '../../support/training';

const workspace = seededWorkspace(seedTrainingYear);

const TITLE = {
  law: 'Data protection law in practice',
  rights: "People's rights and how to honour them",
  minimisation: 'Minimisation and purpose: collect less, use it as promised',
  consent: 'Consent done right',
  design: 'Privacy by design and by default',
  transparency: 'Transparency and control',
  governance: 'Governance and accountability',
  beyond: 'Beyond compliance',
};

async function openCatalogue(as: 'ada' | 'grace' = 'ada') {
  const { core, seeded } = await workspace.open();
  if (as === 'grace') await actAs(core, seeded.grace);
  const bridge = await renderApp(core, '#/training');
  await screen.findByRole('heading', { level: 3, name: TITLE.law });
  return { core, bridge, ...seeded };
}

const cardFor = (title: string) =>
  screen.getByRole('heading', { level: 3, name: title }).closest('li') as HTMLElement;

describe('training catalogue', () => {
  it('lists required modules first, each group in the catalogue order', async () => {
    await openCatalogue();
    const groups = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(groups.slice(0, 2)).toEqual(['Required for you', 'Other modules']);
    const titles = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(titles).toEqual([
      TITLE.law,
      TITLE.rights,
      TITLE.beyond,
      TITLE.minimisation,
      TITLE.consent,
      TITLE.design,
      TITLE.transparency,
      TITLE.governance,
    ]);
    const required = screen.getByRole('region', { name: 'Required for you' });
    expect(within(required).getAllByText('Required')).toHaveLength(3);
    expect(screen.getByText('1 of 3 required modules current.')).toBeTruthy();
    expect(screen.getByText('2 modules overdue or expired.')).toBeTruthy();
  });

  it('shows every status in words, with its date and the right action', async () => {
    await openCatalogue();
    const expectations: [string, string, string | null, string[]][] = [
      [TITLE.law, 'Overdue', 'Expired October 26, 2026: retake now', ['Retake', 'View certificate']],
      [TITLE.rights, 'Overdue', 'Was due November 24, 2025', ['Start']],
      [
        TITLE.beyond,
        'Due soon',
        'Expires December 15, 2026: retake before then',
        ['Retake', 'View certificate'],
      ],
      [TITLE.minimisation, 'In progress', null, ['Continue']],
      [TITLE.consent, 'Passed', 'Valid until January 10, 2027', ['View certificate']],
      [
        TITLE.design,
        'Updated',
        'Content changed since you completed it on November 20, 2026: retake needed',
        ['Retake', 'View certificate'],
      ],
      [TITLE.transparency, 'Expired', 'Expired October 26, 2026', ['Retake', 'View certificate']],
      [TITLE.governance, 'In progress', null, ['Sign attestation']],
    ];
    for (const [title, label, date, actions] of expectations) {
      const card = cardFor(title);
      expect(card.querySelector('.badge')?.textContent, title).toBe(label);
      expect(card.querySelector('.module-card__date')?.textContent ?? null, title).toBe(date);
      const links = within(card).getAllByRole('link');
      expect(
        links.map((link) => link.textContent?.replace(`: ${title}`, '')),
        title,
      ).toEqual(actions);
    }
    expect(cardFor(TITLE.minimisation).textContent).toContain('Reading section 3 of 8');
    expect(cardFor(TITLE.governance).textContent).toContain('Knowledge check passed: attestation to sign');
  });

  it('shows a new starter what is required and by when', async () => {
    await openCatalogue('grace');
    for (const title of [TITLE.law, TITLE.rights, TITLE.beyond]) {
      const card = cardFor(title);
      expect(card.querySelector('.badge')?.textContent, title).toBe('Not started');
      expect(card.querySelector('.module-card__date')?.textContent, title).toBe('Due by December 20, 2026');
    }
    expect(cardFor(TITLE.consent).querySelector('.badge')?.textContent).toBe('Not started');
    expect(cardFor(TITLE.consent).querySelector('.module-card__date')).toBeNull();
    expect(screen.getByText('0 of 3 required modules current.')).toBeTruthy();
  });

  it('points actions at the reader, the attestation and the certificate', async () => {
    const { core } = await openCatalogue();
    const catalogue = await core.services.listTrainingModules({});
    const consent = catalogue.modules.find((m) => m.id === 'consent-done-right')!;
    expect(within(cardFor(TITLE.rights)).getByRole('link').getAttribute('href')).toBe(
      '#/training/peoples-rights',
    );
    expect(
      within(cardFor(TITLE.governance))
        .getByRole('link', { name: /Sign attestation/ })
        .getAttribute('href'),
    ).toBe('#/training/governance-and-accountability/attest');
    expect(
      within(cardFor(TITLE.consent))
        .getByRole('link', { name: /View certificate/ })
        .getAttribute('href'),
    ).toBe(`#/certificates/${consent.lastCompletion!.entryHash}`);
    // Every action names its module for screen readers, not only "Start".
    expect(screen.getByRole('link', { name: `Start: ${TITLE.rights}` })).toBeTruthy();
  });

  it('lists content that could not be loaded with file, field and reason', async () => {
    const { core } = await workspace.open();
    // Two broken files in the organisation's content: a quiz with no right answer, and bad YAML.
    const consent = core.content.read('modules/04-consent-done-right.md');
    core.content.write(
      'modules/09-broken.md',
      consent
        .replace('id: consent-done-right', 'id: broken-module')
        .replaceAll('correct: true', 'correct: false'),
    );
    core.content.write('modules/10-bad.md', '---\nid: [unclosed\n---\nBody.\n');
    const { unavailable } = await core.services.listTrainingModules({});
    expect([...new Set(unavailable.map((p) => p.file))]).toEqual([
      'modules/09-broken.md',
      'modules/10-bad.md',
    ]);

    await renderApp(core, '#/training');
    const panel = await screen.findByRole('region', { name: 'Modules that could not be loaded' });
    const rows = within(panel).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ),
    ).toEqual(unavailable.map((p) => [p.file, p.field ?? 'Whole file', p.reason]));
    expect(unavailable.some((p) => p.field === null)).toBe(true);
    expect(unavailable.some((p) => p.field !== null)).toBe(true);
    expect(screen.getByRole('heading', { level: 3, name: TITLE.consent })).toBeTruthy();
  });

  it('explains a failed load and tries again', async () => {
    const { core } = await workspace.open();
    core.bridge.fail('listTrainingModules', {
      code: 'INTERNAL',
      message: 'The content folder is unreadable.',
    });
    await renderApp(core, '#/training');
    expect(await screen.findByText('The content folder is unreadable.')).toBeTruthy();
    core.bridge.succeed('listTrainingModules');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 3, name: TITLE.law })).toBeTruthy();
  });

  it('keeps Training current in the navigation on every training screen', async () => {
    const { core } = await workspace.open();
    await renderApp(core, '#/training/consent-done-right');
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(TITLE.consent));
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Training' }).getAttribute('aria-current')).toBe('true');
  });
});

describe('training catalogue in French', () => {
  inFrenchEachTest();

  it('shows the catalogue with French statuses, dates, plurals and actions', async () => {
    const { core } = await workspace.open();
    await core.services.setLocale({ locale: 'fr' });
    await renderApp(core, '#/training');
    // Modules with a French edition come in French; the others say they are shown in English.
    const rights = await screen.findByRole('heading', {
      level: 3,
      name: 'Les droits des personnes et comment les respecter',
    });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Formation');
    expect(screen.getByRole('region', { name: 'Obligatoires pour vous' })).toBeTruthy();
    const summary = screen.getByText(/^Modules obligatoires à jour/);
    expect(summary.textContent).toBe(`Modules obligatoires à jour${NBSP}: 1 sur 3.`);
    expect(screen.getByText('2 modules en retard ou expirés.')).toBeTruthy();

    const card = (title: string) =>
      screen.getByRole('heading', { level: 3, name: title }).closest('li') as HTMLElement;
    const rightsCard = rights.closest('li') as HTMLElement;
    expect(within(rightsCard).getByText('En retard')).toBeTruthy();
    // Compared exactly: Testing Library's matcher would fold the no-break space away.
    expect(rightsCard.querySelector('.module-card__date')?.textContent).toBe(
      `Échéance dépassée${NBSP}: 24 novembre 2025`,
    );
    expect(
      within(rightsCard).getByRole('link', {
        name: `Commencer${NBSP}: Les droits des personnes et comment les respecter`,
      }).textContent,
    ).toBe('Commencer');
    const consent = card('Le consentement dans les règles');
    expect(within(consent).getByText("Valable jusqu'au 10 janvier 2027")).toBeTruthy();
    expect(within(consent).getByRole('link', { name: /^Voir le certificat/ })).toBeTruthy();
    expect(within(card(TITLE.law)).getByText(/^Pas encore traduit/)).toBeTruthy();
  });

  it('shows a new starter the due date in French', async () => {
    const { core, seeded } = await workspace.open();
    await actAs(core, seeded.grace);
    await core.services.setLocale({ locale: 'fr' });
    await renderApp(core, '#/training');
    const law = (await screen.findByRole('heading', { level: 3, name: TITLE.law })).closest(
      'li',
    ) as HTMLElement;
    expect(within(law).getByText('Non commencé')).toBeTruthy();
    expect(within(law).getByText("À terminer d'ici le 20 décembre 2026")).toBeTruthy();
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

// What a MAJOR update means for someone already certified, as the catalogue and the reader show
// it, from cards the real core projected: the changes since their version and the retake date,
// in English and in French (with the French summaries from the translation).
import fs from 'node:fs';
import path from 'node:path';
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModuleCard } from '../../../../electron/core/contract/views/training';
import type { ServiceHandle } from '../../../../electron/core/services';
import { formatDate } from '../../../../renderer/format';
import { ModuleUpdateNote } from '../../../../renderer/features/training/ModuleUpdateNote';
import { i18n } from '../../../../renderer/i18n';
import { testServices } from '../../../support/services';
import {
  answersFor,
  cleanupTempDirs,
  frenchModuleText,
  goodModules,
  moduleText,
  tempDir,
  writeContent,
  writeFiles,
} from '../../../core/training/fixtures';
import { NBSP, NNBSP } from '../../support/french';

const handles: ServiceHandle[] = [];
afterEach(async () => {
  for (const h of handles.splice(0)) await h.close();
  cleanupTempDirs();
  await i18n.changeLanguage('en');
});

/** Alpha completed at 1.0.0, then moved to 2.0.0; its card as core shows it in `locale`, `days` later. */
async function updatedCard(locale: 'en' | 'fr', days: number): Promise<ModuleCard> {
  let nowMs = Date.parse('2026-01-10T09:00:00.000Z');
  const contentDir = writeContent(goodModules());
  const h = await testServices({
    userDataDir: tempDir('steward-update-note-'),
    contentDir,
    now: () => new Date(nowMs),
  });
  handles.push(h);
  const s = h.services;
  await s.createProfile({ name: 'Amara Okafor', email: 'amara@example.com', team: 'Marketing' });
  const quiz = await s.getQuiz({ moduleId: 'alpha' });
  await s.submitQuizAttempt({ moduleId: 'alpha', contentHash: quiz.contentHash, answers: answersFor(6) });
  await s.attestTrainingModule({ moduleId: 'alpha', contentHash: quiz.contentHash, confirmed: true });
  fs.writeFileSync(
    path.join(contentDir, 'modules', '01-alpha.md'),
    moduleText({
      id: 'alpha',
      title: 'Alpha basics',
      version: '2.0.0',
      extra: 'changes:\n  - version: 2.0.0\n    summary: The breach rules changed.',
    }),
  );
  writeFiles(contentDir, {
    'locales/fr/modules/01-alpha.md': frenchModuleText({
      id: 'alpha',
      version: '2.0.0',
      extra: 'changes:\n  - version: 2.0.0\n    summary: Les règles sur les violations ont changé.',
    }),
  });
  await s.setLocale({ locale });
  nowMs += days * 86_400_000;
  return (await s.listTrainingModules({})).modules.find((m) => m.id === 'alpha')!;
}

describe('ModuleUpdateNote', () => {
  it('says what changed and by when to retake it', async () => {
    const card = await updatedCard('en', 1);
    render(<ModuleUpdateNote card={card} />);
    expect(screen.getByRole('heading', { name: 'Updated: now version 2.0.0' })).toBeTruthy();
    expect(screen.getByRole('listitem').textContent).toBe('2.0.0: The breach rules changed.');
    expect(
      screen.getByText(
        `Your completion of 1.0.0 no longer counts; retake by ${formatDate('2027-01-10T09:00:00.000Z')}.`,
      ),
    ).toBeTruthy();
  });

  it('in French, with the translation’s summary, and once the date has passed', async () => {
    await i18n.changeLanguage('fr');
    const card = await updatedCard('fr', 400);
    render(<ModuleUpdateNote card={card} />);
    expect(
      screen.getByRole('heading', { name: `Mis à jour${NBSP}: désormais en version 2.0.0` }),
    ).toBeTruthy();
    expect(screen.getByRole('listitem').textContent).toBe(
      `2.0.0${NBSP}: Les règles sur les violations ont changé.`,
    );
    // textContent keeps the no-break spaces French typography puts before ; and :.
    expect(document.querySelector('.update-note__consequence')?.textContent).toBe(
      `Votre formation terminée en version 1.0.0 ne compte plus${NNBSP}; il fallait repasser le module d'ici le ${formatDate('2027-01-10T09:00:00.000Z')}${NBSP}: repassez-le dès maintenant.`,
    );
  });

  it('says nothing for a module whose completion still counts', async () => {
    const card = await updatedCard('en', 1);
    const { container } = render(<ModuleUpdateNote card={{ ...card, status: 'passed', update: null }} />);
    expect(container.textContent).toBe('');
  });
});

// Appearance: System (follows the computer's light, dark and contrast settings), Light, Dark or
// High contrast. A choice applies at once and is saved; if saving fails, the page goes back to
// the theme that is still saved and says so.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../../api';
import type { ChoiceOption } from '../../components/ChoiceGroup';
import {
  applyTheme,
  fetchTheme,
  isThemeChoice,
  rememberedTheme,
  saveTheme,
  type ThemeChoice,
} from '../../app/theme';
import { SingleChoicePanel } from './SingleChoicePanel';
import { wordError } from '../../i18n/reasons';

export function ThemeSettings() {
  const { t } = useTranslation('settings');
  const options: ChoiceOption[] = [
    { id: 'system', text: t('theme.system'), hint: t('theme.systemHint') },
    { id: 'light', text: t('theme.light'), hint: t('theme.lightHint') },
    { id: 'dark', text: t('theme.dark'), hint: t('theme.darkHint') },
    { id: 'highContrast', text: t('theme.highContrast'), hint: t('theme.highContrastHint') },
  ];
  const [choice, setChoice] = useState<ThemeChoice>(() => rememberedTheme() ?? 'system');
  const [error, setError] = useState<string | null>(null);
  // Arrow keys move through a radio group one option at a time, each a save: only the latest
  // request may update the page, whatever order the replies come back in.
  const latest = useRef(0);
  const saved = useRef<ThemeChoice>(choice);

  useEffect(() => {
    let current = true;
    void fetchTheme().then((loaded) => {
      // Once the person has chosen, their choice wins over this (older) answer.
      if (!current || loaded === null || latest.current !== 0) return;
      saved.current = loaded;
      setChoice(loaded);
      applyTheme(loaded);
    });
    return () => {
      current = false;
    };
  }, []);

  const choose = async (next: ThemeChoice) => {
    const request = ++latest.current;
    setChoice(next);
    applyTheme(next);
    setError(null);
    try {
      const result = await saveTheme(next);
      saved.current = result;
      if (request !== latest.current) return;
      setChoice(result);
      applyTheme(result);
    } catch (caught) {
      if (request !== latest.current) return;
      setChoice(saved.current);
      applyTheme(saved.current);
      setError(wordError(toApiError(caught, 'setTheme').toPayload()));
    }
  };

  return (
    <SingleChoicePanel
      setting="theme"
      name="theme"
      options={options}
      choice={choice}
      isChoice={isThemeChoice}
      onChoose={(next) => void choose(next)}
      error={error}
    />
  );
}

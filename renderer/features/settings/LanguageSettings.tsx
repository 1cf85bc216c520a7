// Language: System (the computer's language when Steward has it, else English), English or
// Français. A choice applies at once and is saved.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../../api';
import { fetchLocale, isLocaleChoice, saveLocale } from '../../app/locale';
import type { LocaleChoice } from '../../../electron/core/contract/views/app';
import { LOCALE_NAMES, resolveLocale } from '../../i18n';
import { SingleChoicePanel } from './SingleChoicePanel';
import { wordError } from '../../i18n/reasons';

export function LanguageSettings() {
  const { t } = useTranslation('settings');
  const [choice, setChoice] = useState<LocaleChoice>('system');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void fetchLocale().then((loaded) => {
      if (current && loaded !== null) setChoice(loaded);
    });
    return () => {
      current = false;
    };
  }, []);

  const choose = async (next: LocaleChoice) => {
    const before = choice;
    setChoice(next);
    setError(null);
    try {
      setChoice(await saveLocale(next));
    } catch (caught) {
      setChoice(before);
      setError(wordError(toApiError(caught, 'setLocale').toPayload()));
    }
  };

  return (
    <SingleChoicePanel
      setting="language"
      name="locale"
      options={[
        { id: 'system', text: t('language.system', { name: LOCALE_NAMES[resolveLocale('system')] }) },
        { id: 'en', text: LOCALE_NAMES.en },
        { id: 'fr', text: LOCALE_NAMES.fr },
      ]}
      choice={choice}
      isChoice={isLocaleChoice}
      onChoose={(next) => void choose(next)}
      error={error}
    />
  );
}

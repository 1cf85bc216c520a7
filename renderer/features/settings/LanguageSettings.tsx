// Language: System (the computer's language when Steward has it, else English), English or
// Français. A choice applies at once and is saved.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../../api';
import { Banner } from '../../components/Banner';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { Panel } from '../../components/Panel';
import { fetchLocale, isLocaleChoice, saveLocale } from '../../app/locale';
import type { LocaleChoice } from '../../../electron/core/contract';
import { LOCALE_NAMES, resolveLocale } from '../../i18n';

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
      setError(toApiError(caught, 'setLocale').message);
    }
  };

  return (
    <Panel title={t('language.title')} description={t('language.description')}>
      <div className="stack stack--tight">
        <ChoiceGroup
          name="locale"
          legend={t('language.legend')}
          type="single"
          className="choice-group--inline"
          options={[
            { id: 'system', text: t('language.system', { name: LOCALE_NAMES[resolveLocale('system')] }) },
            { id: 'en', text: LOCALE_NAMES.en },
            { id: 'fr', text: LOCALE_NAMES.fr },
          ]}
          selected={[choice]}
          onChange={(selected) => {
            const next = selected[0];
            if (isLocaleChoice(next) && next !== choice) void choose(next);
          }}
        />
        {error ? (
          <Banner level="error" title={t('language.notSaved')}>
            <p>{error}</p>
          </Banner>
        ) : null}
      </div>
    </Panel>
  );
}

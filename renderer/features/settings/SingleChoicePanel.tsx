// A setting chosen from a few options (language, appearance): its panel, the options as one
// radio group, and why the last choice was not saved. The caller applies and saves a choice.
import { useTranslation } from 'react-i18next';
import { Banner } from '../../components/Banner';
import { ChoiceGroup, type ChoiceOption } from '../../components/ChoiceGroup';
import { Panel } from '../../components/Panel';

export function SingleChoicePanel<Choice extends string>({
  setting,
  name,
  options,
  choice,
  isChoice,
  onChoose,
  error,
}: {
  /** Its words in settings.json: `${setting}.title`, `.description`, `.legend`, `.notSaved`. */
  setting: 'language' | 'theme';
  /** The radio group's name. */
  name: string;
  options: ChoiceOption[];
  choice: Choice;
  isChoice: (value: unknown) => value is Choice;
  /** Called with a choice other than the current one. */
  onChoose: (next: Choice) => void;
  error: string | null;
}) {
  const { t } = useTranslation('settings');
  return (
    <Panel title={t(`${setting}.title`)} description={t(`${setting}.description`)}>
      <div className="stack stack--tight">
        <ChoiceGroup
          name={name}
          legend={t(`${setting}.legend`)}
          type="single"
          className="choice-group--inline"
          options={options}
          selected={[choice]}
          onChange={(selected) => {
            const next = selected[0];
            if (isChoice(next) && next !== choice) onChoose(next);
          }}
        />
        {error ? (
          <Banner level="error" title={t(`${setting}.notSaved`)}>
            <p>{error}</p>
          </Banner>
        ) : null}
      </div>
    </Panel>
  );
}

// Where the ledgers live. A team can point every member's Steward at one shared or synced
// folder; the main process checks the folder (e.g. WORKSPACE_NOT_WRITABLE) and its message is
// shown under the field it is about.
import { useRef, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { Panel } from '../../components/Panel';
import { TextField } from '../../components/TextField';
import { useStewardStore } from '../../state/store';
import { requestOf } from '../../state/requests';
import { ErrorMessage, wordError } from '../../i18n/reasons';

export function WorkspaceFolder() {
  const { t } = useTranslation('settings');
  const { settings, setWorkspace, pickWorkspaceFolder, setRequest, pickRequest, clearRequest } =
    useStewardStore(
      useShallow((s) => ({
        settings: s.settings,
        setWorkspace: s.setWorkspace,
        pickWorkspaceFolder: s.pickWorkspaceFolder,
        setRequest: requestOf(s.requests, 'setWorkspace'),
        pickRequest: requestOf(s.requests, 'pickWorkspaceFolder'),
        clearRequest: s.clearRequest,
      })),
    );
  const [dir, setDir] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [changedTo, setChangedTo] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  if (settings === null) return null;
  const busy = setRequest.status === 'pending' || pickRequest.status === 'pending';
  // Core's refusal in the reader's language (its reasons), not its English sentence.
  const serverError = setRequest.status === 'failed' && setRequest.error ? wordError(setRequest.error) : null;
  const isDefault = settings.workspaceDir === settings.defaultWorkspaceDir;

  const apply = async (target: string) => {
    setChangedTo(null);
    const result = await setWorkspace(target);
    if (result !== null) {
      setChangedTo(result.workspaceDir);
      setDir('');
    } else {
      inputRef.current?.focus();
    }
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    if (dir.trim() === '') {
      setFieldError(t('workspace.emptyPath'));
      inputRef.current?.focus();
      return;
    }
    await apply(dir.trim());
  };

  const browse = async () => {
    setChangedTo(null);
    const picked = await pickWorkspaceFolder();
    if (picked === null) return;
    const { requests, settings: now } = useStewardStore.getState();
    if (requestOf(requests, 'setWorkspace').status === 'failed') {
      setDir(picked);
      inputRef.current?.focus();
    } else if (now) {
      setChangedTo(now.workspaceDir);
    }
  };

  return (
    <Panel title={t('workspace.title')} description={<p>{t('workspace.description')}</p>}>
      <div className="stack stack--tight">
        <div className="path-display">
          <span className="path-display__label">{t('workspace.current')}</span>
          <code className="path-display__value">{settings.workspaceDir}</code>
          {isDefault ? <span className="tag">{t('workspace.default')}</span> : null}
        </div>
        {changedTo ? (
          <Banner level="success" onDismiss={() => setChangedTo(null)}>
            <p>
              <Trans
                t={t}
                i18nKey="workspace.changedTo"
                values={{ dir: changedTo }}
                components={{ code: <code /> }}
              />
            </p>
          </Banner>
        ) : null}
        <form className="form form--inline" noValidate onSubmit={(event) => void submit(event)}>
          <TextField
            ref={inputRef}
            label={t('workspace.fieldLabel')}
            required
            monospace
            spellCheck={false}
            autoComplete="off"
            placeholder={settings.defaultWorkspaceDir}
            hint={t('workspace.fieldHint')}
            value={dir}
            onChange={(value) => {
              setDir(value);
              setFieldError(null);
              if (setRequest.error) clearRequest('setWorkspace');
            }}
            error={fieldError ?? serverError}
          />
          <div className="button-row">
            <Button
              type="submit"
              variant="primary"
              busy={setRequest.status === 'pending'}
              busyLabel={t('workspace.checking')}
            >
              {t('workspace.use')}
            </Button>
            {settings.canPickFolder ? (
              <Button icon="folder" onClick={() => void browse()} busy={pickRequest.status === 'pending'}>
                {t('workspace.browse')}
              </Button>
            ) : null}
            {!isDefault ? (
              <Button variant="ghost" onClick={() => void apply(settings.defaultWorkspaceDir)}>
                {t('workspace.backToDefault')}
              </Button>
            ) : null}
          </div>
        </form>
        {pickRequest.error ? (
          <Banner level="error">
            <ErrorMessage error={pickRequest.error} />
          </Banner>
        ) : null}
      </div>
    </Panel>
  );
}

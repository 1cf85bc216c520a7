// Where the ledgers live. A team can point every member's Steward at one shared or synced
// folder; the main process checks the folder (e.g. WORKSPACE_NOT_WRITABLE) and its message is
// shown under the field it is about.
import { useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { Panel } from '../../components/Panel';
import { TextField } from '../../components/TextField';
import { useStewardStore } from '../../state/store';

export function WorkspaceFolder() {
  const { settings, setWorkspace, pickWorkspaceFolder, setRequest, pickRequest, clearRequest } =
    useStewardStore(
      useShallow((s) => ({
        settings: s.settings,
        setWorkspace: s.setWorkspace,
        pickWorkspaceFolder: s.pickWorkspaceFolder,
        setRequest: s.requests.setWorkspace,
        pickRequest: s.requests.pickWorkspaceFolder,
        clearRequest: s.clearRequest,
      })),
    );
  const [dir, setDir] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [changedTo, setChangedTo] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  if (settings === null) return null;
  const busy = setRequest.status === 'pending' || pickRequest.status === 'pending';
  const serverError = setRequest.status === 'failed' ? (setRequest.error?.message ?? null) : null;
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
      setFieldError('Type the full path of a folder first.');
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
    if (requests.setWorkspace.status === 'failed') {
      setDir(picked);
      inputRef.current?.focus();
    } else if (now) {
      setChangedTo(now.workspaceDir);
    }
  };

  return (
    <Panel
      title="Workspace folder"
      description={
        <p>
          Your ledger and your public key are kept here, next to the ledgers of everyone else who uses this
          folder. A team can point Steward at a shared or synced folder — a network drive, OneDrive, Dropbox —
          so reviewers and managers see each other's records without any server. Your private key never goes
          into it.
        </p>
      }
    >
      <div className="stack stack--tight">
        <div className="path-display">
          <span className="path-display__label">Current folder</span>
          <code className="path-display__value">{settings.workspaceDir}</code>
          {isDefault ? <span className="tag">Default</span> : null}
        </div>
        {changedTo ? (
          <Banner level="success" onDismiss={() => setChangedTo(null)}>
            <p>
              Steward now keeps records in <code>{changedTo}</code>.
            </p>
          </Banner>
        ) : null}
        <form className="form form--inline" noValidate onSubmit={(event) => void submit(event)}>
          <TextField
            ref={inputRef}
            label="Use a different folder"
            required
            monospace
            spellCheck={false}
            autoComplete="off"
            placeholder={settings.defaultWorkspaceDir}
            hint="The full path of a folder you can write to. Steward creates its subfolders there."
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
              busyLabel="Checking folder…"
            >
              Use this folder
            </Button>
            {settings.canPickFolder ? (
              <Button icon="folder" onClick={() => void browse()} busy={pickRequest.status === 'pending'}>
                Browse…
              </Button>
            ) : null}
            {!isDefault ? (
              <Button variant="ghost" onClick={() => void apply(settings.defaultWorkspaceDir)}>
                Go back to the default folder
              </Button>
            ) : null}
          </div>
        </form>
        {pickRequest.error ? (
          <Banner level="error">
            <p>{pickRequest.error.message}</p>
          </Banner>
        ) : null}
      </div>
    </Panel>
  );
}

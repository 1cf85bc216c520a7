// Settings → Passphrase: where several people share one computer account, a passphrase keeps the
// profile's key theirs — switching to the profile, and starting Steward with it, ask for it.
// Setting one needs it twice; changing or removing it needs the current one.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { Panel } from '../../components/Panel';
import { TextField } from '../../components/TextField';
import { ErrorMessage } from '../../i18n/reasons';
import { requestOf } from '../../state/requests';
import { useStewardStore } from '../../state/store';
import { PASSPHRASE_MIN } from '../profile/PassphrasePrompt';

export function PassphraseSettings() {
  const { t } = useTranslation(['settings', 'common']);
  const { profile, setProfilePassphrase, request, clearRequest } = useStewardStore(
    useShallow((s) => ({
      profile: s.profile,
      setProfilePassphrase: s.setProfilePassphrase,
      request: requestOf(s.requests, 'setProfilePassphrase'),
      clearRequest: s.clearRequest,
    })),
  );
  const [mode, setMode] = useState<'idle' | 'set' | 'remove'>('idle');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!profile) return null;
  const has = profile.hasPassphrase === true;

  const reset = () => {
    setMode('idle');
    setCurrent('');
    setNext('');
    setAgain('');
    setError(null);
    clearRequest('setProfilePassphrase');
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (request.status === 'pending') return;
    if (has && current === '') {
      setError(t('passphrase.currentMissing'));
      return;
    }
    if (mode === 'set') {
      if (next.length < PASSPHRASE_MIN || next.trim() === '') {
        setError(t('passphrase.tooShort', { min: PASSPHRASE_MIN }));
        return;
      }
      if (next !== again) {
        setError(t('passphrase.different'));
        return;
      }
    }
    setError(null);
    const result = await setProfilePassphrase({
      ...(has ? { current } : {}),
      next: mode === 'set' ? next : null,
    });
    if (result !== null) {
      setDone(
        mode === 'set' ? (has ? t('passphrase.changed') : t('passphrase.setDone')) : t('passphrase.removed'),
      );
      reset();
    }
  };

  return (
    <Panel title={t('passphrase.title')} description={<p>{t('passphrase.description')}</p>}>
      <div className="stack stack--tight">
        <p>{has ? t('passphrase.isSet') : t('passphrase.notSet')}</p>
        {done ? (
          <Banner level="success" onDismiss={() => setDone(null)}>
            <p>{done}</p>
          </Banner>
        ) : null}
        {mode === 'idle' ? (
          <div className="button-row">
            <Button
              onClick={() => {
                setDone(null);
                setMode('set');
              }}
            >
              {has ? t('passphrase.change') : t('passphrase.set')}
            </Button>
            {has ? (
              <Button
                variant="ghost"
                onClick={() => {
                  setDone(null);
                  setMode('remove');
                }}
              >
                {t('passphrase.remove')}
              </Button>
            ) : null}
          </div>
        ) : (
          <form
            className="form"
            noValidate
            aria-label={
              mode === 'remove' ? t('passphrase.remove') : has ? t('passphrase.change') : t('passphrase.set')
            }
            onSubmit={(event) => void submit(event)}
          >
            {has ? (
              <TextField
                label={t('passphrase.current')}
                type="password"
                required
                autoComplete="current-password"
                value={current}
                onChange={setCurrent}
              />
            ) : null}
            {mode === 'set' ? (
              <>
                <TextField
                  label={t('passphrase.new')}
                  hint={t('passphrase.newHint', { min: PASSPHRASE_MIN })}
                  type="password"
                  required
                  autoComplete="new-password"
                  value={next}
                  onChange={setNext}
                />
                <TextField
                  label={t('passphrase.again')}
                  type="password"
                  required
                  autoComplete="new-password"
                  value={again}
                  onChange={setAgain}
                />
              </>
            ) : null}
            {error ? (
              <p className="field__error" role="alert">
                {error}
              </p>
            ) : null}
            {request.error ? (
              <Banner level="error">
                <ErrorMessage error={request.error} />
              </Banner>
            ) : null}
            <div className="button-row">
              <Button
                type="submit"
                variant={mode === 'remove' ? 'danger' : 'primary'}
                busy={request.status === 'pending'}
              >
                {mode === 'remove' ? t('passphrase.removeSubmit') : t('passphrase.save')}
              </Button>
              <Button variant="ghost" onClick={reset}>
                {t('common:actions.cancel')}
              </Button>
            </div>
          </form>
        )}
      </div>
    </Panel>
  );
}

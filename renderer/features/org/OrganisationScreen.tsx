// Organisation: who is in it and who holds which role, as the organisation's signed entries in
// the workspace make it. What shows depends on this app's place in it (OrganisationView.state):
// none → what an organisation is for and "Set up your organisation"; confirm → compare the code
// an admin gave you; refused → why this workspace is not used; member → the roster, with the
// admin's actions for admins.
import { useTranslation } from 'react-i18next';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { ErrorMessage, useWordReason } from '../../i18n/reasons';
import { useStewardStore } from '../../state/store';
import { ConfirmOrganisation } from './ConfirmOrganisation';
import { OrgMember } from './OrgMember';
import { SetUpOrganisation } from './SetUpOrganisation';
import { useOrganisation } from './useOrganisation';

export function OrganisationScreen() {
  const { t } = useTranslation(['org', 'common']);
  const word = useWordReason();
  const { organisation, request, reload } = useOrganisation();
  const created = useStewardStore((s) => s.orgCreated);

  return (
    <>
      <ScreenHeader title={t('screen.title')}>
        <p>{t('screen.lead')}</p>
      </ScreenHeader>
      {organisation === null ? (
        request.status === 'failed' && request.error ? (
          <Banner level="error" title={t('screen.loadFailed')}>
            <ErrorMessage error={request.error} />
            <div className="button-row">
              <Button onClick={() => void reload()}>{t('common:actions.tryAgain')}</Button>
            </div>
          </Banner>
        ) : (
          <Spinner label={t('screen.loading')} />
        )
      ) : organisation.state === 'none' ? (
        <SetUpOrganisation />
      ) : organisation.state === 'confirm' ? (
        <ConfirmOrganisation organisation={organisation} />
      ) : organisation.state === 'refused' ? (
        <Banner level="error" title={t('refused.title')}>
          {organisation.refusal ? <p>{word(organisation.refusal)}</p> : null}
          <p>{t('refused.what')}</p>
        </Banner>
      ) : (
        <OrgMember organisation={organisation} created={created} />
      )}
    </>
  );
}

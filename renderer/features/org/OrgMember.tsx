// State member: the organisation this app is in. Everyone sees who is in it, their teams and who
// holds which role (so a person knows who reviews and who manages); an admin also sees what
// administering it needs — emails, keys and their fingerprints, join and change requests, the
// admin entries that were not applied — and acts on them. Non-admins see no emails, keys or
// requests: they need to know who holds a role, not how to reach or identify everyone's devices.
import { useTranslation } from 'react-i18next';
import { Banner } from '../../components/Banner';
import { CopyButton } from '../../components/CopyButton';
import { Panel } from '../../components/Panel';
import type { OrganisationView, OrgCreated } from '../../../electron/core/contract/views/org';
import { formatDate } from '../../format';
import { useWordReason } from '../../i18n/reasons';
import { useStewardStore } from '../../state/store';
import { ConfirmOrganisation } from './ConfirmOrganisation';
import { ChangeRequests, IgnoredEntries, JoinRequests, TeamsPanel } from './OrgAdminPanels';
import { PeoplePanel } from './PeoplePanel';
import { RosterImport } from './RosterImport';

function SetUpDone({ created }: { created: OrgCreated }) {
  const { t } = useTranslation('org');
  const word = useWordReason();
  const org = created.organisation.org;
  if (!org) return null;
  return (
    <Banner level="success" title={t('created.title', { name: org.name })}>
      <p>{t('created.giveCode')}</p>
      <div className="org-code-block">
        <p className="org-code org-code--big">{org.code}</p>
        <CopyButton text={org.code} label={t('created.copyCode')} />
      </div>
      {created.migrated ? (
        <>
          <p>
            {created.migrated.granted.length === 0 && created.migrated.skipped.length === 0
              ? t('created.migratedNone')
              : t('created.migrated', { count: created.migrated.granted.length })}
          </p>
          {created.migrated.granted.length > 0 ? (
            <ul className="bullet-list">
              {created.migrated.granted.map((g, i) => (
                <li key={i}>
                  {t('created.grantedItem', { name: g.name, role: t(`role.${g.role}`, g.role) })}
                </li>
              ))}
            </ul>
          ) : null}
          {created.migrated.skipped.length > 0 ? (
            <>
              <p>{t('created.skipped', { count: created.migrated.skipped.length })}</p>
              <ul className="bullet-list">
                {created.migrated.skipped.map((s, i) => (
                  <li key={i}>{`${s.email} (${t(`role.${s.role}`, s.role)}): ${word(s.why)}`}</li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
      {created.seedProblem ? <p>{t('created.seedProblem', { why: word(created.seedProblem) })}</p> : null}
    </Banner>
  );
}

export function OrgMember({
  organisation,
  created,
}: {
  organisation: OrganisationView;
  created: OrgCreated | null;
}) {
  const { t } = useTranslation('org');
  const profile = useStewardStore((s) => s.profile);
  const org = organisation.org;
  const me = organisation.me;
  if (!org) return null;
  const isAdmin = me?.isAdmin ?? false;
  const justCreated = created !== null && created.organisation.org?.orgId === org.orgId;

  return (
    <div className="stack">
      {justCreated ? <SetUpDone created={created} /> : null}
      <Panel title={org.name} description={<p>{isAdmin ? t('member.leadAdmin') : t('member.lead')}</p>}>
        <dl className="details">
          <div className="details__row">
            <dt>{t('member.code')}</dt>
            <dd>
              <code className="org-code">{org.code}</code>{' '}
              {isAdmin ? <CopyButton text={org.code} label={t('created.copyCode')} /> : null}
            </dd>
          </div>
          <div className="details__row">
            <dt>{t('member.created')}</dt>
            <dd>
              <time dateTime={org.createdAt}>{formatDate(org.createdAt)}</time>
            </dd>
          </div>
          <div className="details__row">
            <dt>{t('member.pinned')}</dt>
            <dd>
              {organisation.pinnedBy === 'deployment'
                ? t('member.pinnedDeployment')
                : t('member.pinnedPerson')}
            </dd>
          </div>
          <div className="details__row">
            <dt>{t('member.you')}</dt>
            <dd>
              {me?.personId
                ? me.roles.length > 0
                  ? t('member.youRoles', { roles: me.roles.map((r) => t(`role.${r}`)).join(', ') })
                  : t('member.youEnrolled')
                : me?.joinRequested
                  ? t('member.youRequested')
                  : t('member.youNotEnrolled')}
            </dd>
          </div>
        </dl>
      </Panel>
      {me && me.personId === null ? (
        me.joinRequested ? (
          <Banner level="info" title={t('member.waitingTitle')}>
            <p>{t('member.waiting')}</p>
            {profile ? <code className="fingerprint">{profile.fingerprint}</code> : null}
          </Banner>
        ) : (
          <ConfirmOrganisation organisation={organisation} asJoin />
        )
      ) : null}
      {isAdmin ? <JoinRequests org={org} /> : null}
      <PeoplePanel org={org} isAdmin={isAdmin} />
      {isAdmin && org.changeRequests.length > 0 ? <ChangeRequests org={org} /> : null}
      <TeamsPanel org={org} isAdmin={isAdmin} />
      {isAdmin ? <RosterImport /> : null}
      {isAdmin && org.ignored.length > 0 ? <IgnoredEntries org={org} /> : null}
    </div>
  );
}

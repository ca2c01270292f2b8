import { useTranslation } from 'react-i18next';
import { LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { Link, PageHeading } from '../router.js';
import { familyApi, familyPaths, type PortalChildPage, type PortalHelper } from './api.js';
import { FamilyConsents } from './FamilyConsents.js';
import { FamilyPlan } from './FamilyPlan.js';

/** One child's page for the family: who helps (the named contact first, how to reach them), the next meeting. */
export function FamilyChildPage({ childId }: { childId: string }) {
  const { t } = useTranslation();
  // The document title stays generic: titles are kept in browser history, names must not be.
  useDocumentTitle(t('family.startTitle'));
  const page = useLoad(`family-child:${childId}`, () => familyApi.child(childId));
  return (
    <>
      <p>
        <Link to={familyPaths.start}>{t('family.back')}</Link>
      </p>
      <LoadStatus load={page} />
      {page.status === 'ok' ? <ChildContent page={page.data} /> : null}
    </>
  );
}

function ChildContent({ page }: { page: PortalChildPage }) {
  const { t } = useTranslation();
  const name = page.givenName;
  return (
    <>
      <PageHeading>{page.self ? t('family.childTitleSelf') : t('family.childTitle', { name })}</PageHeading>
      <section aria-labelledby="helpers-heading" className="family-section">
        <h2 id="helpers-heading">
          {page.self ? t('family.helpersHeadingSelf') : t('family.helpersHeading', { name })}
        </h2>
        {page.helpers.length === 0 ? <p>{t('family.noHelpers')}</p> : null}
        <ul className="card-list family-helpers">
          {page.helpers.map((h) => (
            <Helper key={`${h.name}-${h.teamRole}`} helper={h} self={page.self} />
          ))}
        </ul>
      </section>
      <NextMeeting meeting={page.nextMeeting} childId={page.id} />
      <FamilyPlan plan={page.plan} self={page.self} childName={name} />
      <FamilyConsents childId={page.id} />
      <section aria-labelledby="log-heading" className="family-section">
        <h2 id="log-heading">{t('family.logHeading')}</h2>
        <p>{t('family.logIntro')}</p>
        <p>
          <Link to={familyPaths.log(page.id)}>{t('family.logLink')}</Link>
        </p>
      </section>
    </>
  );
}

function Helper({ helper, self }: { helper: PortalHelper; self: boolean }) {
  const { t } = useTranslation();
  return (
    <li className={helper.namedContact ? 'card family-helper family-named-contact' : 'card family-helper'}>
      {helper.namedContact ? (
        <p className="family-badge">{t(self ? 'family.namedContactSelf' : 'family.namedContact')}</p>
      ) : null}
      <p className="card-title">{helper.name}</p>
      <p className="card-meta">
        {[helper.title ?? t(`family.teamRole.${helper.teamRole}`), helper.unitName].filter(Boolean).join(', ')}
      </p>
      {helper.email ? (
        <p>
          <a href={`mailto:${helper.email}`}>{t('family.writeTo', { name: helper.name })}</a>
        </p>
      ) : null}
    </li>
  );
}

function NextMeeting({ meeting, childId }: { meeting: PortalChildPage['nextMeeting']; childId: string }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  return (
    <section aria-labelledby="meeting-heading" className="family-section">
      <h2 id="meeting-heading">{t('family.meetingHeading')}</h2>
      {meeting ? (
        <div className="card">
          <p className="card-title">{t('family.meetingWhen', { date: date(meeting.date), time: meeting.startTime })}</p>
          {meeting.place ? (
            <p>
              {t('family.meetingWhere')}: {meeting.place}
            </p>
          ) : null}
          {meeting.digital ? <p>{t('family.meetingDigital')}</p> : null}
          <p>
            <span className="visually-hidden">{t('family.meetingAbout')}: </span>
            {meeting.purpose}
          </p>
          <p>
            <a href={familyPaths.calendar(childId, meeting.id)} download="mote.ics">
              {t('family.addToCalendar')}
            </a>
          </p>
        </div>
      ) : (
        <p>{t('family.noMeeting')}</p>
      )}
    </section>
  );
}

/**
 * People at the units I administer: a search by name (sent in the body, never the address) and a
 * form to create a person with their first assignment at one of my units.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblems, SubmitRow, TextField, useFormState } from '../components/form/index.js';
import { LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { Link, navigate, PageHeading } from '../router.js';
import { type AdminOptions, type AdminPeopleList, type AdminUnit, adminApi } from './api.js';
import { AssignmentFields, type AssignmentValues, assignmentProblems, emptyAssignment } from './Assignments.js';
import { AdminNav, serverFieldErrors, SourceNote } from './common.js';
import { adminPaths } from './paths.js';
import { emptyPerson, PersonFields, type PersonValues, personProblems } from './PersonForm.js';

export function PeoplePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.people.title'));
  const [query, setQuery] = useState('');
  const [sent, setSent] = useState('');
  const [round, setRound] = useState(0);
  const found = useLoad(`admin:people:${sent}:${round}`, () => adminApi.searchPeople(sent));
  const options = useLoad('admin:options', () => adminApi.options());
  const units = useLoad('admin:units', () => adminApi.units());

  return (
    <>
      <PageHeading>{t('admin.people.title')}</PageHeading>
      <AdminNav current="people" />
      <p className="lead">{t('admin.people.intro')}</p>
      <form
        role="search"
        className="form-stack concern-form admin-form"
        aria-label={t('admin.people.searchLabel')}
        onSubmit={(e) => {
          e.preventDefault();
          setSent(query.trim());
          setRound((r) => r + 1);
        }}
      >
        <TextField
          id="people-query"
          type="search"
          label={t('admin.people.query')}
          help={t('admin.people.queryHelp')}
          value={query}
          onChange={setQuery}
        />
        <SubmitRow label={t('admin.people.search')} />
      </form>
      <LoadStatus load={found} />
      {found.status === 'ok' ? <PeopleTable list={found.data} /> : null}
      {options.status === 'ok' && units.status === 'ok' ? (
        <NewPersonForm options={options.data} units={units.data.units.filter((u) => u.validTo === null)} />
      ) : null}
    </>
  );
}

function PeopleTable({ list }: { list: AdminPeopleList }) {
  const { t } = useTranslation();
  if (list.people.length === 0) return <p role="status">{t('admin.people.noMatch')}</p>;
  return (
    <>
      {list.truncated ? <p className="notice notice-warning">{t('admin.people.truncated')}</p> : null}
      <div className="table-scroll">
        <table className="data-table">
          <caption>{t('admin.people.caption', { count: list.people.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.people.name')}</th>
              <th scope="col">{t('admin.people.status')}</th>
              <th scope="col">{t('admin.people.openAssignments')}</th>
              <th scope="col">{t('admin.source.label')}</th>
            </tr>
          </thead>
          <tbody>
            {list.people.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link to={adminPaths.person(p.id)}>
                    {p.givenName} {p.familyName}
                  </Link>
                </th>
                <td>{p.enabled ? t('admin.people.enabled') : t('admin.people.disabled')}</td>
                <td>{p.openAssignments}</td>
                <td>
                  <SourceNote source={p.source} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function NewPersonForm({ options, units }: { options: AdminOptions; units: AdminUnit[] }) {
  const { t } = useTranslation();
  const form = useFormState();
  const [person, setPerson] = useState<PersonValues>(emptyPerson());
  const { givenName, familyName, email, phone, oidcSubject: subject } = person;
  const [assignment, setAssignment] = useState<AssignmentValues>(emptyAssignment());
  const fieldId = (f: string) =>
    ['unitId', 'role', 'title', 'validFrom', 'validTo'].includes(f) ? `new-person-a-${f}` : `new-person-${f}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems = { ...assignmentProblems(assignment, t), ...personProblems(person, t) };
    if (!form.begin(problems)) return;
    try {
      const created = await adminApi.createPerson({
        givenName,
        familyName,
        email: email.trim() || null,
        phone: phone.trim() || null,
        oidcSubject: subject.trim() || null,
        assignment: {
          unitId: assignment.unitId,
          role: assignment.role as never,
          title: assignment.title || null,
          validFrom: assignment.validFrom,
          validTo: assignment.validTo || null,
        },
      });
      navigate(adminPaths.person(created.person.id));
    } catch (err) {
      const fields = serverFieldErrors(err);
      if (Object.keys(fields).length > 0) form.showErrors(fields);
      else form.fail(err);
    } finally {
      form.setBusy(false);
    }
  }

  return (
    <section className="admin-section" aria-labelledby="new-person-heading">
      <h2 id="new-person-heading">{t('admin.people.new')}</h2>
      <p>{t('admin.people.newIntro')}</p>
      <FormProblems form={form} fieldId={fieldId} />
      <form noValidate onSubmit={(e) => void submit(e)} className="form-stack concern-form admin-form">
        <PersonFields values={person} set={setPerson} fieldId={fieldId} errors={form.errors} />
        <fieldset className="fieldset">
          <legend>{t('admin.people.firstAssignment')}</legend>
          <AssignmentFields
            prefix="new-person-a"
            values={assignment}
            set={setAssignment}
            units={units}
            options={options}
            errors={form.errors}
          />
        </fieldset>
        <SubmitRow label={t('admin.people.create')} busyLabel={t('admin.saving')} busy={form.busy} />
      </form>
    </section>
  );
}

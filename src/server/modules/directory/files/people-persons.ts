import { sql } from '../../../db/sql.js';
import type { PersonRecord } from './people-format.js';
import { planUpsert, type Planned, type RunContext, runBatched, settle } from './plan.js';

/**
 * Staff from the people file. A person is found by their link, else by personnummer (the same
 * kurator may come from SS 12000 too), else by the login id the identity provider sends as subject.
 * The login id becomes `oidc_subject` (with the configured issuer) only when the file gives one; an
 * empty personnummer, e-mail or phone leaves what is there. A personnummer or login id that belongs
 * to someone else is a `duplicate`: the record is rejected, nothing of it written.
 */

interface PersonRow {
  givenName: string;
  familyName: string;
  email: string | null;
  phone: string | null;
  personnummer: string | null;
  issuer: string | null;
  subject: string | null;
}

type Existing = { id: string; personnummer: string | null; oidc_issuer: string | null; oidc_subject: string | null };

/** Keeps the first record of each personnummer and login id in the file; the later ones are duplicates. */
function uniqueInFile(ctx: RunContext, records: [string, PersonRecord][]): [string, PersonRecord][] {
  const pnrs = new Set<string>();
  const logins = new Set<string>();
  return records.filter(([key, p]) => {
    if ((p.personnummer && pnrs.has(p.personnummer)) || (p.loginId && logins.has(p.loginId))) {
      ctx.tally.reject('persons', key, 'duplicate');
      return false;
    }
    if (p.personnummer) pnrs.add(p.personnummer);
    if (p.loginId) logins.add(p.loginId);
    return true;
  });
}

async function existingPersons(
  ctx: RunContext,
  rows: [string, PersonRow][],
  issuer: string | null,
): Promise<Existing[]> {
  const st = sql(
    `SELECT id, personnummer, oidc_issuer, oidc_subject FROM person
      WHERE personnummer = ANY(:pnrs::text[]) OR (oidc_issuer = :issuer AND oidc_subject = ANY(:subjects::text[]))`,
    {
      pnrs: rows.map(([, r]) => r.personnummer).filter(Boolean),
      issuer: issuer ?? '',
      subjects: rows.map(([, r]) => r.subject).filter(Boolean),
    },
  );
  return (await ctx.tx.query<Existing>(st.text, st.values)).rows;
}

/** Writes the file's persons; their local ids by the file's person id (rejected ones left out). */
export async function writePersons(
  ctx: RunContext,
  records: [string, PersonRecord][],
  oidcIssuer: string | undefined,
): Promise<Map<string, string>> {
  const issuer = oidcIssuer ?? null;
  const rows: [string, PersonRow][] = uniqueInFile(ctx, records).map(([key, p]) => [
    key,
    {
      givenName: p.givenName,
      familyName: p.familyName,
      email: p.email,
      phone: p.phone,
      personnummer: p.personnummer,
      issuer: issuer && p.loginId ? issuer : null,
      subject: issuer && p.loginId ? p.loginId : null,
    },
  ]);
  const existing = await existingPersons(ctx, rows, issuer);
  const byPnr = new Map(existing.filter((e) => e.personnummer).map((e) => [e.personnummer!, e.id]));
  const bySubject = new Map(existing.filter((e) => e.oidc_issuer === issuer).map((e) => [e.oidc_subject!, e.id]));
  const plan = planUpsert(
    ctx,
    'persons',
    rows,
    (r) => r,
    (_k, r) =>
      (r.personnummer ? byPnr.get(r.personnummer) : undefined) ?? (r.subject ? bySubject.get(r.subject) : undefined),
  );
  // Someone else already holds the personnummer or the login id.
  const clash = (p: Planned<PersonRow>) => {
    const other = (id: string | undefined) => id !== undefined && id !== p.localId;
    return (
      other(p.rec.personnummer ? byPnr.get(p.rec.personnummer) : undefined) ||
      other(p.rec.subject ? bySubject.get(p.rec.subject) : undefined)
    );
  };
  for (const list of [plan.creates, plan.updates])
    for (let i = list.length - 1; i >= 0; i--)
      if (clash(list[i]!)) {
        ctx.tally.reject('persons', list[i]!.key, 'duplicate');
        plan.ids.delete(list[i]!.key);
        list.splice(i, 1);
      }
  await write(ctx, plan.creates, plan.updates);
  settle(ctx, 'persons', plan);
  return plan.ids;
}

async function write(ctx: RunContext, creates: Planned<PersonRow>[], updates: Planned<PersonRow>[]): Promise<void> {
  const cols = {
    id: (p: Planned<PersonRow>) => p.localId,
    given: (p: Planned<PersonRow>) => p.rec.givenName,
    family: (p: Planned<PersonRow>) => p.rec.familyName,
    email: (p: Planned<PersonRow>) => p.rec.email,
    phone: (p: Planned<PersonRow>) => p.rec.phone,
    pnr: (p: Planned<PersonRow>) => p.rec.personnummer,
    issuer: (p: Planned<PersonRow>) => p.rec.issuer,
    subject: (p: Planned<PersonRow>) => p.rec.subject,
    reopened: (p: Planned<PersonRow>) => p.reopened,
  };
  const source = `unnest(:id::uuid[], :given::text[], :family::text[], :email::text[], :phone::text[], :pnr::text[],
                         :issuer::text[], :subject::text[], :reopened::boolean[])`;
  await runBatched(
    ctx.tx,
    `INSERT INTO person (id, given_name, family_name, email, phone, personnummer, oidc_issuer, oidc_subject)
     SELECT id, given, family, email, phone, pnr, issuer, subject
       FROM ${source} AS v(id, given, family, email, phone, pnr, issuer, subject, reopened)`,
    creates,
    cols,
  );
  await runBatched(
    ctx.tx,
    `UPDATE person p SET given_name = v.given, family_name = v.family,
            email = COALESCE(v.email, p.email), phone = COALESCE(v.phone, p.phone),
            personnummer = COALESCE(v.pnr, p.personnummer),
            oidc_issuer = CASE WHEN v.subject IS NULL THEN p.oidc_issuer ELSE v.issuer END,
            oidc_subject = COALESCE(v.subject, p.oidc_subject),
            enabled = p.enabled OR v.reopened
       FROM ${source} AS v(id, given, family, email, phone, pnr, issuer, subject, reopened) WHERE p.id = v.id`,
    updates,
    cols,
  );
}

/** The plan's network meetings and reviews on paper. */
import { type Fmt, Paragraphs, Section } from './kit.js';
import type { PrintMeeting, PrintReview } from './model.js';

export function Meetings({ f, meetings }: { f: Fmt; meetings: PrintMeeting[] }) {
  const { t } = f;
  return (
    <Section id="meetings" title={t('print.meetings.heading')}>
      {meetings.length === 0 ? (
        <p className="muted">{t('print.meetings.none')}</p>
      ) : (
        meetings.map((m) => (
          <article key={m.id} className="meeting">
            <h3>
              {t('print.meetings.when', {
                date: f.date(m.date),
                time: m.endTime ? `${m.startTime}–${m.endTime}` : m.startTime,
              })}{' '}
              – {t(`print.meetings.status.${m.status}`)}
            </h3>
            <dl className="facts">
              <dt>{t('print.meetings.purpose')}</dt>
              <dd>{m.purpose}</dd>
              <dt>{t('print.meetings.place')}</dt>
              <dd>{[m.digital ? t('print.meetings.digital') : null, m.place].filter(Boolean).join(', ') || '–'}</dd>
              {m.cancelledReason ? (
                <>
                  <dt>{t('print.meetings.status.cancelled')}</dt>
                  <dd>{m.cancelledReason}</dd>
                </>
              ) : null}
            </dl>
            {m.agenda.length > 0 ? (
              <>
                <h4>{t('print.meetings.agenda')}</h4>
                <ol>
                  {m.agenda.map((a, i) => (
                    <li key={i}>{a}</li>
                  ))}
                </ol>
              </>
            ) : null}
            {m.invitees.length > 0 ? (
              <>
                <h4>{t('print.meetings.attendance')}</h4>
                <ul>
                  {m.invitees.map((p, i) => (
                    <li key={i}>
                      {p.kind === 'child'
                        ? t('print.meetings.theChild')
                        : p.kind === 'guardian'
                          ? t('print.responsible.guardian', { name: p.name })
                          : [p.name, p.title, p.unitName].filter(Boolean).join(', ')}{' '}
                      – {t(`print.meetings.attendanceStatus.${p.attendance}`)}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {m.notes ? (
              <>
                <h4>{t('print.meetings.notes')}</h4>
                <Paragraphs text={m.notes} />
              </>
            ) : null}
            <h4>{t('print.meetings.decisions')}</h4>
            {m.decisions.length === 0 ? (
              <p className="muted">{t('print.meetings.noDecisions')}</p>
            ) : (
              <ul>
                {m.decisions.map((d) => (
                  <li key={d.id}>
                    {d.text}
                    {d.actionWhat ? ` (${t('print.meetings.decisionAction', { what: d.actionWhat })})` : ''}
                  </li>
                ))}
              </ul>
            )}
          </article>
        ))
      )}
    </Section>
  );
}

export function Reviews({ f, reviews }: { f: Fmt; reviews: PrintReview[] }) {
  const { t } = f;
  return (
    <Section id="reviews" title={t('print.reviews.heading')}>
      {reviews.length === 0 ? (
        <p className="muted">{t('print.reviews.none')}</p>
      ) : (
        reviews.map((r) => (
          <article key={r.id} className="review">
            <h3>{t('print.reviews.entry', { date: f.date(r.reviewedOn) })}</h3>
            {r.summary ? <Paragraphs text={r.summary} /> : null}
            {r.outcomes.length > 0 ? (
              <table>
                <caption>{t('print.reviews.caption', { date: f.date(r.reviewedOn) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('print.reviews.action')}</th>
                    <th scope="col">{t('print.reviews.outcome')}</th>
                    <th scope="col">{t('print.reviews.comment')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.outcomes.map((o) => (
                    <tr key={o.actionId}>
                      <th scope="row">{o.actionWhat}</th>
                      <td>{t(`print.reviews.outcomes.${o.outcome}`)}</td>
                      <td>{o.comment ?? '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {r.nextReviewDate ? <p>{t('print.reviews.nextReview', { date: f.date(r.nextReviewDate) })}</p> : null}
          </article>
        ))
      )}
    </Section>
  );
}

/** On paper: the child's voice, the guardians' views and the disagreements, each in its own section. */
import { type Fmt, Paragraphs, Section } from './kit.js';
import type { PlanPrintData } from './model.js';

export function Voices({ f, data }: { f: Fmt; data: PlanPrintData }) {
  const { t } = f;
  const { plan, guardians } = data.view;
  const views = new Map(plan.guardianViews.map((v) => [v.guardianId, v]));
  const custodial = guardians.filter((g) => g.hasCustody || views.has(g.guardianId));
  // A view whose guardian no longer appears among today's guardians is still part of the plan.
  const orphanViews = plan.guardianViews.filter((v) => !custodial.some((g) => g.guardianId === v.guardianId));
  const viewBlock = (name: string, v: (typeof plan.guardianViews)[number] | undefined, key: string) => (
    <div key={key} className="voice">
      <h4>{name}</h4>
      {v ? (
        <>
          <Paragraphs text={v.text} />
          <p className="item-meta">
            {v.writtenByGuardian
              ? t('plan.guardianViews.byGuardian', { date: f.date(v.recordedOn) })
              : t('plan.guardianViews.recordedBy', { name: v.recordedBy.name, date: f.date(v.recordedOn) })}
          </p>
        </>
      ) : (
        <p className="muted">{t('plan.guardianViews.none')}</p>
      )}
    </div>
  );
  return (
    <>
      <Section id="voice" title={t('plan.voice.heading')}>
        {plan.voice.length === 0 ? (
          <p className="muted">{t('plan.voice.none')}</p>
        ) : (
          plan.voice.map((v) => (
            <blockquote key={v.id} className="voice">
              <Paragraphs text={v.text} />
              <p className="item-meta">
                {v.writtenByChild
                  ? t('plan.voice.byChild', { date: f.date(v.recordedOn) })
                  : t('plan.voice.recordedBy', { name: v.recordedBy.name, date: f.date(v.recordedOn) })}
              </p>
            </blockquote>
          ))
        )}
      </Section>
      <Section id="guardian-views" title={t('plan.guardianViews.heading')}>
        {custodial.length === 0 && orphanViews.length === 0 ? (
          <p className="muted">{t('plan.guardianViews.noGuardians')}</p>
        ) : null}
        {custodial.map((g) => viewBlock(g.name, views.get(g.guardianId), g.guardianId))}
        {orphanViews.map((v) => viewBlock(v.guardianName, v, v.id))}
      </Section>
      <Section id="disagreements" title={t('plan.disagreements.heading')}>
        {plan.disagreements.length === 0 ? (
          <p className="muted">{t('plan.disagreements.none')}</p>
        ) : (
          <ul className="items">
            {plan.disagreements.map((d) => (
              <li key={d.id}>
                <p className="item-text">
                  <strong>
                    {t('plan.disagreements.entry', {
                      who: d.party.kind === 'child' ? t('plan.disagreements.theChild') : d.party.name,
                      about: d.about,
                    })}
                  </strong>
                </p>
                <Paragraphs text={d.text} />
                <p className="item-meta">
                  {t('plan.disagreements.recorded', { name: d.recordedBy.name, date: f.date(d.recordedOn) })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

/** The decisions made in the meeting, and the form that records one (creating or changing an action). */
import { useTranslation } from 'react-i18next';
import { ItemForm } from '../../components/form/index.js';
import { swedishToday } from '../../components/time.js';
import { useFormat } from '../../i18n.js';
import { type Meeting, type MeetingDecisionResult, meetingApi } from '../meetings-api.js';
import type { Plan, PlanView } from '../plan-api.js';
import { responsibleOptions } from '../responsible.js';
import { DecisionFields } from './DecisionFields.js';
import {
  type DecisionValues,
  decisionBody,
  decisionServerErrors,
  effectText,
  NO_DECISION,
  validateDecision,
} from './decisions.js';
import type { SectionProps } from './sections.js';

interface Props extends SectionProps {
  view: PlanView;
  reload: () => Promise<void>;
}

export function DecisionsSection(p: Props) {
  const { t } = useTranslation();
  const { m, editable, open, setOpen } = p;
  return (
    <section aria-labelledby="meeting-decisions-heading" className="panel plan-section">
      <div className="section-head">
        <h2 id="meeting-decisions-heading">{t('meetings.decisions.heading')}</h2>
        {editable && !open ? (
          <button
            id="meeting-decision-open"
            type="button"
            className="button button-secondary no-print"
            onClick={() => setOpen(true)}
          >
            {t('meetings.decisions.add')}
          </button>
        ) : null}
      </div>
      <p className="muted">{t('meetings.decisions.intro')}</p>
      {open ? <DecisionForm {...p} plan={p.view.plan!} /> : null}
      {m.decisions.length === 0 ? (
        <p className="muted">{t('meetings.decisions.none')}</p>
      ) : (
        <DecisionList decisions={m.decisions} />
      )}
    </section>
  );
}

function DecisionForm({ childId, view, plan, m, setOpen, saved, reload }: Props & { plan: Plan }) {
  const { t } = useTranslation();
  const today = swedishToday();
  const level3 = plan.level === 3;
  const responsible = responsibleOptions(t, view);
  return (
    <ItemForm<DecisionValues, MeetingDecisionResult>
      prefix="meeting-decision"
      heading={t('meetings.decisions.formHeading')}
      initial={NO_DECISION}
      version={m.version}
      validate={(v) => validateDecision(t, v, today, level3)}
      fields={(v, set, e) => <DecisionFields t={t} plan={plan} responsible={responsible} v={v} set={set} e={e} />}
      submitLabel={t('meetings.decisions.submit')}
      save={(v, version) => meetingApi.decide(childId, m.id, version ?? m.version, decisionBody(v, plan))}
      serverErrors={(err) => decisionServerErrors(t, err, reload)}
      onSaved={(r) =>
        saved(
          r.action ? t('meetings.decisions.savedWithAction', { what: r.action.what }) : t('meetings.decisions.saved'),
        )
      }
      onCancel={() => setOpen(false)}
    />
  );
}

function DecisionList({ decisions }: { decisions: Meeting['decisions'] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <ol className="plain-list decision-list">
      {decisions.map((d) => {
        const effect = effectText(t, f, d);
        return (
          <li key={d.id} className="plan-card">
            <p className="prewrap">{d.text}</p>
            {effect ? <p className="decision-effect">{effect}</p> : null}
            <p className="muted small">{t('meetings.decisions.by', { name: d.decidedBy.name })}</p>
          </li>
        );
      })}
    </ol>
  );
}

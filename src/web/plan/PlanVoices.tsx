/**
 * The voices in the plan: the child's own ("Det här tycker jag"), each guardian's view, and the
 * disagreements, recorded as they are.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnouncer } from '../components/announce.js';
import {
  CheckboxField,
  DateField,
  type Errors,
  ItemForm,
  type Option,
  SelectField,
  TextAreaField,
  TextField,
} from '../components/form/index.js';
import { swedishToday } from '../components/time.js';
import { isIsoDate, memberLabel, type PlanContext } from './context.js';
import { itemText, PLAN_ITEM_KINDS } from '../../ui/plan/item-kinds.js';
import { planApi, type PlanDisagreement, type PlanGuardianView, type PlanVoice } from './plan-api.js';
import { byField, EditButton, PlanItemSection, required, useItemFormat } from './PlanItemSection.js';

/** A text, the day it was said, and whether the person wrote it themselves. */
interface SaidValues {
  text: string;
  recordedOn: string;
  byThemselves: boolean;
}

/** The same checks for the child's voice and a guardian's view: some text, said today or earlier. */
function useSaidChecks(textRequired: string) {
  const { t } = useTranslation();
  const today = swedishToday();
  return (v: SaidValues): Errors => ({
    ...(required(v.text) ? { text: textRequired } : {}),
    ...(!isIsoDate(v.recordedOn)
      ? { recordedOn: t('plan.form.invalidDate') }
      : v.recordedOn > today
        ? { recordedOn: t('plan.form.dateFuture') }
        : {}),
  });
}

function SaidFields({
  prefix,
  kind,
  rows,
  byThemselves,
  v,
  set,
  e,
}: {
  prefix: string;
  kind: 'voice' | 'guardianViews';
  rows: number;
  byThemselves: { label: string; help?: string; field: string };
  v: SaidValues;
  set: (v: SaidValues) => void;
  e: Errors;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextAreaField
        id={`${prefix}-text`}
        label={t(`plan.${kind}.text`)}
        help={t(`plan.${kind}.textHelp`)}
        error={e.text}
        value={v.text}
        rows={rows}
        required
        onChange={(text) => set({ ...v, text })}
      />
      <DateField
        id={`${prefix}-recordedOn`}
        label={t(`plan.${kind}.recordedOn`)}
        error={e.recordedOn}
        value={v.recordedOn}
        onChange={(recordedOn) => set({ ...v, recordedOn })}
      />
      <CheckboxField
        id={`${prefix}-${byThemselves.field}`}
        label={byThemselves.label}
        {...(byThemselves.help ? { help: byThemselves.help } : {})}
        checked={v.byThemselves}
        onChange={(on) => set({ ...v, byThemselves: on })}
      />
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// The child's voice ("Det här tycker jag")

export function VoiceSection({ ctx }: { ctx: PlanContext }) {
  const { t } = useTranslation();
  const f = useItemFormat();
  const validate = useSaidChecks(t('plan.voice.textRequired'));
  const byChild = {
    label: t('plan.voice.writtenByChild'),
    help: t('plan.voice.writtenByChildHelp'),
    field: 'writtenByChild',
  };
  return (
    <PlanItemSection<PlanVoice, SaidValues, PlanVoice>
      ctx={ctx}
      kind={{
        kind: 'voice',
        prefix: 'plan-voice',
        headingId: 'plan-voice-heading',
        className: 'plan-voice',
        items: ctx.plan.voice,
        initial: { text: '', recordedOn: swedishToday(), byThemselves: false },
        fields: (mode) => (v, set, e) => (
          <SaidFields
            prefix={`plan-voice-${mode}`}
            kind="voice"
            rows={5}
            byThemselves={byChild}
            v={v}
            set={set}
            e={e}
          />
        ),
        validate,
        messages: { text: t('plan.voice.textRequired'), recordedOn: t('plan.form.dateFuture') },
        create: (v) =>
          planApi.addVoice(ctx.childId, { text: v.text, recordedOn: v.recordedOn, writtenByChild: v.byThemselves }),
        added: () => t('plan.voice.added'),
        list: (items, edit) => (
          <ul className="plain-list voice-list">
            {items.map((v) => (
              <li key={v.id} className="voice-entry">
                <blockquote className="prewrap">{v.text}</blockquote>
                <p className="muted small">
                  {itemText.voiceByline(f, v)} {edit(v, t('plan.voice.heading'))}
                </p>
              </li>
            ))}
          </ul>
        ),
        change: {
          heading: () => t('plan.voice.editHeading'),
          valuesOf: (x) => ({ text: x.text, recordedOn: x.recordedOn, byThemselves: x.writtenByChild }),
          save: (x, v, version) =>
            planApi.updateVoice(ctx.childId, x.id, version, {
              text: v.text,
              ...(v.recordedOn !== x.recordedOn ? { recordedOn: v.recordedOn } : {}),
              ...(v.byThemselves !== x.writtenByChild ? { writtenByChild: v.byThemselves } : {}),
            }),
          theirs: (c) => <blockquote className="prewrap">{(c as PlanVoice).text}</blockquote>,
        },
      }}
    />
  );
}

// ---------------------------------------------------------------------------------------------
// Each guardian's view: one card per guardian with custody, each with its own form.

export function GuardianViewsSection({ ctx }: { ctx: PlanContext }) {
  const { t } = useTranslation();
  const f = useItemFormat();
  const [status, announce] = useAnnouncer();
  const [open, setOpen] = useState<string | null>(null);
  const { plan, view } = ctx;
  const labels = PLAN_ITEM_KINDS.guardianViews;
  const today = swedishToday();
  const custodial = view.guardians.filter((g) => g.hasCustody);
  const validate = useSaidChecks(t('plan.guardianViews.textRequired'));
  const byGuardian = { label: t('plan.guardianViews.writtenByGuardian'), field: 'writtenByGuardian' };
  const messages = {
    text: t('plan.guardianViews.exists'),
    recordedOn: t('plan.form.dateFuture'),
    guardianId: t('plan.form.invalid'),
  };
  const done = async (message: string) => {
    await ctx.refresh();
    setOpen(null);
    announce(message);
  };
  const cancel = async (guardianId: string) => {
    setOpen(null);
    await ctx.refresh();
    window.setTimeout(() => document.getElementById(`edit-guardian-${guardianId}`)?.focus(), 0);
  };

  return (
    <section aria-labelledby="plan-guardians-heading" className="panel plan-section">
      <h2 id="plan-guardians-heading">{t(labels.heading)}</h2>
      <p className="muted">{t(labels.intro)}</p>
      {status}
      {custodial.length === 0 ? <p>{t('plan.guardianViews.noGuardians')}</p> : null}
      <ul className="card-list guardian-views">
        {custodial.map((g) => {
          const existing = plan.guardianViews.find((v) => v.guardianId === g.guardianId);
          const prefix = `plan-guardian-${g.guardianId}`;
          return (
            <li key={g.guardianId} className="card">
              <h3 className="card-title">{g.name}</h3>
              {existing ? (
                <>
                  <p className="prewrap">{existing.text}</p>
                  <p className="muted small">{itemText.guardianViewByline(f, existing)}</p>
                </>
              ) : (
                <p className="muted">{t(labels.none)}</p>
              )}
              {ctx.editable && open !== g.guardianId ? (
                <EditButton
                  id={`edit-guardian-${g.guardianId}`}
                  label={existing ? t('plan.form.change') : t(labels.add)}
                  context={g.name}
                  onClick={() => setOpen(g.guardianId)}
                />
              ) : null}
              {open === g.guardianId ? (
                <ItemForm<SaidValues, PlanGuardianView>
                  prefix={prefix}
                  heading={t('plan.guardianViews.formHeading', { name: g.name })}
                  initial={{
                    text: existing?.text ?? '',
                    recordedOn: existing?.recordedOn ?? today,
                    byThemselves: existing?.writtenByGuardian ?? false,
                  }}
                  {...(existing ? { version: existing.version } : {})}
                  validate={validate}
                  fields={(v, set, e) => (
                    <SaidFields
                      prefix={prefix}
                      kind="guardianViews"
                      rows={4}
                      byThemselves={byGuardian}
                      v={v}
                      set={set}
                      e={e}
                    />
                  )}
                  submitLabel={existing ? t('plan.form.saveChanges') : t(labels.save)}
                  save={(v, version) =>
                    existing
                      ? planApi.updateGuardianView(ctx.childId, existing.id, version ?? existing.version, {
                          text: v.text,
                          ...(v.recordedOn !== existing.recordedOn ? { recordedOn: v.recordedOn } : {}),
                          ...(v.byThemselves !== existing.writtenByGuardian
                            ? { writtenByGuardian: v.byThemselves }
                            : {}),
                        })
                      : planApi.addGuardianView(ctx.childId, {
                          guardianId: g.guardianId,
                          text: v.text,
                          recordedOn: v.recordedOn,
                          writtenByGuardian: v.byThemselves,
                        })
                  }
                  serverErrors={(err) =>
                    err.status === 409 ? { text: t('plan.guardianViews.exists') } : byField(err, messages)
                  }
                  describeTheirs={(c) => <p className="prewrap">{(c as PlanGuardianView).text}</p>}
                  onSaved={() => void done(t('plan.guardianViews.saved', { name: g.name }))}
                  onCancel={() => void cancel(g.guardianId)}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Disagreements (recorded, never changed)

interface DisagreementValues {
  party: string; // 'child' | 'g:<id>' | 'p:<assignmentId>'
  about: string;
  text: string;
}

export function DisagreementsSection({ ctx }: { ctx: PlanContext }) {
  const { t } = useTranslation();
  const f = useItemFormat();
  const { view } = ctx;
  const partyOptions: Option[] = [
    { value: 'child', label: t('plan.disagreements.theChild') },
    ...view.guardians.map((g) => ({
      value: `g:${g.guardianId}`,
      label: t('plan.actions.guardianOption', { name: g.name }),
    })),
    ...view.team.map((m) => ({ value: `p:${m.assignmentId}`, label: memberLabel(t, m) })),
  ];
  const messages = {
    party: t('plan.disagreements.partyRequired'),
    about: t('plan.disagreements.aboutRequired'),
    text: t('plan.disagreements.textRequired'),
  };
  return (
    <PlanItemSection<PlanDisagreement, DisagreementValues, unknown>
      ctx={ctx}
      kind={{
        kind: 'disagreements',
        prefix: 'plan-disagreement',
        headingId: 'plan-disagreements-heading',
        items: ctx.plan.disagreements,
        initial: { party: '', about: '', text: '' },
        validate: (v) => ({
          ...(v.party ? {} : { party: messages.party }),
          ...(required(v.about) ? { about: messages.about } : {}),
          ...(required(v.text) ? { text: messages.text } : {}),
        }),
        fields: () => (v, set, e) => (
          <>
            <SelectField
              id="plan-disagreement-new-party"
              label={t('plan.disagreements.party')}
              error={e.party}
              value={v.party}
              placeholder={t('plan.form.choose')}
              options={partyOptions}
              onChange={(party) => set({ ...v, party })}
            />
            <TextField
              id="plan-disagreement-new-about"
              label={t('plan.disagreements.about')}
              error={e.about}
              value={v.about}
              required
              onChange={(about) => set({ ...v, about })}
            />
            <TextAreaField
              id="plan-disagreement-new-text"
              label={t('plan.disagreements.text')}
              help={t('plan.disagreements.textHelp')}
              error={e.text}
              value={v.text}
              rows={4}
              required
              onChange={(text) => set({ ...v, text })}
            />
          </>
        ),
        messages,
        create: (v) =>
          planApi.addDisagreement(ctx.childId, {
            party:
              v.party === 'child'
                ? { kind: 'child' }
                : v.party.startsWith('g:')
                  ? { kind: 'guardian', guardianId: v.party.slice(2) }
                  : { kind: 'professional', assignmentId: v.party.slice(2) },
            about: v.about,
            text: v.text,
          }),
        added: () => t('plan.disagreements.added'),
        list: (items) => (
          <ul className="plain-list disagreement-list">
            {items.map((d) => (
              <li key={d.id} className="plan-card">
                <p className="notice-heading">{itemText.disagreementEntry(f, d)}</p>
                <p className="prewrap">{d.text}</p>
                <p className="muted small">{itemText.disagreementRecorded(f, d)}</p>
              </li>
            ))}
          </ul>
        ),
      }}
    />
  );
}

/** The optional tools: My World Triangle and the Resilience Matrix, open when they hold text. */
import { useTranslation } from 'react-i18next';
import { MY_WORLD_SIDES, MY_WORLD_TRIANGLE, type MyWorldSide } from '../../../core/wheel.js';
import { type FormValues, RESILIENCE_FIELDS } from '../form-model.js';
import { TextArea } from './TextArea.js';

type SetValues = (update: (v: FormValues) => FormValues) => void;

export function MyWorldTool({ values, setValues }: { values: FormValues; setValues: SetValues }) {
  const { t } = useTranslation();
  const filled = MY_WORLD_SIDES.some((s) =>
    MY_WORLD_TRIANGLE[s].some((h) => values.myWorld[`${s}.${h}`]!.strengths || values.myWorld[`${s}.${h}`]!.challenges),
  );
  return (
    <details className="tool" open={filled || undefined}>
      <summary>{t('wheel.myWorld.heading')}</summary>
      <p className="help">{t('wheel.myWorld.intro')}</p>
      {MY_WORLD_SIDES.map((side) => (
        <MyWorldSideFieldset key={side} side={side} values={values} setValues={setValues} />
      ))}
    </details>
  );
}

function MyWorldSideFieldset({
  side,
  values,
  setValues,
}: {
  side: MyWorldSide;
  values: FormValues;
  setValues: SetValues;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="tool-side">
      <legend>{t(`wheel.myWorld.sides.${side}`)}</legend>
      {MY_WORLD_TRIANGLE[side].map((heading) => {
        const key = `${side}.${heading}`;
        const cell = values.myWorld[key]!;
        const set = (field: 'strengths' | 'challenges', text: string) =>
          setValues((v) => ({ ...v, myWorld: { ...v.myWorld, [key]: { ...v.myWorld[key]!, [field]: text } } }));
        return (
          <fieldset key={heading} className="tool-heading">
            <legend>{t(`wheel.myWorld.headings.${heading}`)}</legend>
            <div className="two-col">
              <TextArea
                id={`f-mw-${side}-${heading}-s`}
                label={t('wheel.myWorld.strengths')}
                value={cell.strengths}
                onChange={(x) => set('strengths', x)}
                rows={2}
              />
              <TextArea
                id={`f-mw-${side}-${heading}-c`}
                label={t('wheel.myWorld.challenges')}
                value={cell.challenges}
                onChange={(x) => set('challenges', x)}
                rows={2}
              />
            </div>
          </fieldset>
        );
      })}
    </fieldset>
  );
}

export function ResilienceTool({ values, setValues }: { values: FormValues; setValues: SetValues }) {
  const { t } = useTranslation();
  return (
    <details className="tool" open={RESILIENCE_FIELDS.some((k) => values.resilience[k]) || undefined}>
      <summary>{t('wheel.resilience.heading')}</summary>
      <p className="help">{t('wheel.resilience.intro')}</p>
      <div className="quadrants">
        {RESILIENCE_FIELDS.map((k) => (
          <TextArea
            key={k}
            id={`f-rm-${k}`}
            label={t(`wheel.resilience.${k}`)}
            value={values.resilience[k]}
            onChange={(x) => setValues((v) => ({ ...v, resilience: { ...v.resilience, [k]: x } }))}
            rows={3}
          />
        ))}
      </div>
    </details>
  );
}

/**
 * The child's plan as one printable HTML document (fed to Chromium for the tagged PDF; never served
 * to a browser, so its stylesheet may be a <style> element). Rendered with react-dom/server, which
 * escapes every text and attribute. Texts come from the shared catalogs (`print.*` plus the plan's
 * and the wheel's own words); the wheel chart is the accessible SVG radar the web UI shows too
 * (src/ui), with the same numbers in a table.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { ageOn } from '../../../../core/calendar.js';
import type { Language } from '../../../../i18n/index.js';
import { PRINT_CSS } from '../../../pdf/print-css.js';
import { type Fmt, formatter, printI18n } from './kit.js';
import { Meetings, Reviews } from './meetings.js';
import type { PlanPrintData } from './model.js';
import { Actions, Goals, History, Needs, Overview, Services } from './plan-sections.js';
import { Voices } from './voices.js';
import { Wheel } from './wheel.js';

function PlanDocument({ f, lang, data }: { f: Fmt; lang: Language; data: PlanPrintData }) {
  const { t } = f;
  const name = `${data.child.givenName} ${data.child.familyName}`;
  const plan = data.view.plan;
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <title>{t('print.documentTitle')}</title>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant stylesheet, not data: nothing to escape */}
        <style dangerouslySetInnerHTML={{ __html: PRINT_CSS }} />
      </head>
      <body>
        <header className="doc-head">
          <h1>{t('print.heading', { name })}</h1>
          <p className="lead">
            {t('print.childLine', { name, age: t('age', { count: ageOn(data.child.birthDate, data.today) }) })}
          </p>
          <p className="item-meta">
            {t('print.printedOn', { date: f.date(data.today) })} · {t('print.confidential')}
          </p>
        </header>
        <main>
          <Overview f={f} data={data} />
          <Services f={f} plan={plan} />
          <Needs f={f} plan={plan} />
          <Goals f={f} plan={plan} />
          <Actions f={f} plan={plan} />
          <Voices f={f} data={data} />
          <Wheel f={f} list={data.wheel} />
          {data.meetings ? <Meetings f={f} meetings={data.meetings} /> : null}
          {data.reviews ? <Reviews f={f} reviews={data.reviews} /> : null}
          <History f={f} plan={plan} />
        </main>
        <footer className="doc-foot">
          <p>{t('print.paperNote')}</p>
        </footer>
      </body>
    </html>
  );
}

/** The complete document (doctype included) and the title the PDF carries. */
export function renderPlanDocument(data: PlanPrintData, lang: Language): { html: string; title: string } {
  const i18n = printI18n(lang);
  const t = i18n.getFixedT(lang);
  const f = formatter(lang, t);
  const markup = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <PlanDocument f={f} lang={lang} data={data} />
    </I18nextProvider>,
  );
  return { html: `<!doctype html>${markup}`, title: t('print.documentTitle') };
}

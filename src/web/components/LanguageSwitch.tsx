import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../i18n/index.js';
import { currentLanguage, setLanguage } from '../i18n.js';

/**
 * Two toggle buttons. Each label is written in its own language and marked with lang, so a screen
 * reader pronounces "English" in English even on a Swedish page.
 */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const active = currentLanguage();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          aria-pressed={lng === active}
          className="language-option"
          onClick={() => setLanguage(lng)}
        >
          {t(`language.${lng}`)}
        </button>
      ))}
    </div>
  );
}

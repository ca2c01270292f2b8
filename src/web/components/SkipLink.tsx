import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

export function SkipLink() {
  const { t } = useTranslation();
  // Moves focus without changing the address (a #hash would confuse the router and history).
  function skip(e: MouseEvent<HTMLAnchorElement>) {
    e.preventDefault();
    const main = document.getElementById('main');
    main?.focus();
    main?.scrollIntoView();
  }
  return (
    // biome-ignore lint/a11y/useValidAnchor: a real in-page link that also moves focus to the main content
    <a href="#main" className="skip-link" onClick={skip}>
      {t('app.skipToContent')}
    </a>
  );
}

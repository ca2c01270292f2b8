import { useTranslation } from 'react-i18next';

/** The level always as words ("Nivå 3 – samordnat stöd"); the colour only repeats what the text says. */
export function SupportLevel({ level }: { level: number }) {
  const { t } = useTranslation();
  const l = level === 1 || level === 2 || level === 3 ? level : null;
  if (l === null) return <>{level}</>;
  return <span className={`level level-${l}`}>{t(`supportLevel.${l}`)}</span>;
}

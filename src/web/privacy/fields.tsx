/** Fields the consent and the disclosure forms share. */
import { useTranslation } from 'react-i18next';
import { CheckboxGroup } from '../components/form/index.js';
import { DATA_CATEGORIES, type DataCategory } from './api.js';

/** Which kinds of the child's data it covers (in the order the user ticks them). */
export function CategoriesField(p: {
  prefix: string;
  values: DataCategory[];
  onChange: (v: DataCategory[]) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <CheckboxGroup
      id={`${p.prefix}-categories`}
      legend={t('consent.categoriesLegend')}
      error={p.error}
      options={DATA_CATEGORIES.map((c) => ({ value: c, label: t(`privacy.category.${c}`) }))}
      values={p.values}
      onChange={p.onChange}
      optionId={(c) => `${p.prefix}-category-${c}`}
      inTickedOrder
    />
  );
}

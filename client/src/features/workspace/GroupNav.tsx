import { useTranslation } from 'react-i18next';
import type { TemplateGroup } from '../../../../shared/template/index.ts';
import { useLabel } from './labels.ts';

/** The view that shows the overview matrix instead of a group. */
export const OVERVIEW = 'overview';

export function GroupNav({ groups, current, onSelect }: { groups: TemplateGroup[]; current: string; onSelect: (view: string) => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const items = [{ id: OVERVIEW, text: t('case.overview') }, ...groups.map((g) => ({ id: g.id, text: label(g.label) }))];
  return (
    <nav className="group-nav" aria-label={t('case.groups')}>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              className="group-nav__item"
              aria-current={item.id === current ? 'page' : undefined}
              data-testid={`nav-${item.id}`}
              onClick={() => onSelect(item.id)}
            >
              {item.text}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

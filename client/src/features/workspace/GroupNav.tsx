import { useTranslation } from 'react-i18next';
import type { TemplateGroup } from '../../../../shared/template/index.ts';
import { useLabel } from './labels.ts';

/** The view that shows the overview matrix instead of a group. */
export const OVERVIEW = 'overview';

/** The view that shows the case's disputes. */
export const DISPUTES = 'disputes';

interface Props {
  groups: TemplateGroup[];
  current: string;
  onSelect: (view: string) => void;
  /** Disputes not yet closed, counted next to the disputes view. */
  openDisputes: number;
}

export function GroupNav({ groups, current, onSelect, openDisputes }: Props) {
  const { t } = useTranslation();
  const label = useLabel();
  const items = [
    { id: OVERVIEW, text: t('case.overview'), count: 0 },
    { id: DISPUTES, text: t('disputes.nav'), count: openDisputes },
    ...groups.map((g) => ({ id: g.id, text: label(g.label), count: 0 })),
  ];
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
              {item.count > 0 && <span className="nav-count"> {t('disputes.openCount', { count: item.count })}</span>}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

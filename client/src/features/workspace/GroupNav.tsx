import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateGroup } from '../../../../shared/template/index.ts';
import { useLabel } from './labels.ts';

/** The view that shows the overview matrix instead of a group. */
export const OVERVIEW = 'overview';

/** The view that shows the case's disputes. */
export const DISPUTES = 'disputes';

/** The view that shows the case's consultation sessions. */
export const SESSIONS = 'sessions';

/** The view that shows the case's margin comments, unread first. */
export const COMMENTS = 'comments';

/** The view that shows the case's versions, their comparison and the event log. */
export const HISTORY = 'history';

/** The view where the BA writes the summary for the employer. */
export const EMPLOYER = 'employer';

/** The view where the physicians invite the arbeidsdeskundige and close the case. */
export const LABOUR_EXPERT = 'labour-expert';

interface Props {
  groups: TemplateGroup[];
  current: string;
  onSelect: (view: string) => void;
  /** Disputes not yet closed, counted next to the disputes view. */
  openDisputes: number;
  /** A session of the case is live: said next to the sessions view. */
  sessionLive?: boolean;
  /** This user's unread comments in the case, said next to the comments view. */
  unreadComments?: number;
  /** The employer summary is offered (to the case's physicians). */
  showEmployer?: boolean;
  /** The arbeidsdeskundige and the case's closing are offered (to the case's physicians). */
  showLabourExpert?: boolean;
}

export function GroupNav({
  groups,
  current,
  onSelect,
  openDisputes,
  sessionLive = false,
  unreadComments = 0,
  showEmployer = false,
  showLabourExpert = false,
}: Props) {
  const { t } = useTranslation();
  const label = useLabel();
  const items = [
    { id: OVERVIEW, text: t('case.overview'), count: 0 },
    { id: DISPUTES, text: t('disputes.nav'), count: openDisputes },
    { id: SESSIONS, text: sessionLive ? `${t('sessions.nav')} ${t('sessions.navLive')}` : t('sessions.nav'), count: 0 },
    { id: COMMENTS, text: unreadComments > 0 ? `${t('comments.nav')} (${t('comments.unread', { count: unreadComments })})` : t('comments.nav'), count: 0 },
    { id: HISTORY, text: t('history.nav'), count: 0 },
    ...(showEmployer ? [{ id: EMPLOYER, text: t('employer.nav'), count: 0 }] : []),
    ...(showLabourExpert ? [{ id: LABOUR_EXPERT, text: t('labourExpert.nav'), count: 0 }] : []),
    ...groups.map((g) => ({ id: g.id, text: label(g.label), count: 0 })),
  ];
  const [collapsed, setCollapsed] = useNavCollapsed();
  return (
    <nav className={collapsed ? 'group-nav group-nav--collapsed' : 'group-nav'} aria-label={t('case.groups')}>
      <button
        type="button"
        className="group-nav__toggle"
        aria-expanded={!collapsed}
        aria-controls="group-nav-list"
        data-testid="nav-toggle"
        onClick={() => setCollapsed(!collapsed)}
      >
        <span aria-hidden="true">{collapsed ? '»' : '«'}</span>
        <span className={collapsed ? 'visually-hidden' : 'group-nav__toggle-text'}>{t(collapsed ? 'workspaceUi.navShow' : 'workspaceUi.navHide')}</span>
      </button>
      <ul id="group-nav-list" hidden={collapsed}>
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

/** Where the choice to collapse the navigation is kept: a layout preference, no case data, so it outlives a logout. */
export const NAV_COLLAPSED_KEY = 'ui:groupNavCollapsed';

/** Whether the navigation is collapsed, remembered in this browser. */
function useNavCollapsed(): [boolean, (collapsed: boolean) => void] {
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(NAV_COLLAPSED_KEY) === 'true');
  const choose = (next: boolean) => {
    setCollapsed(next);
    if (next) localStorage.setItem(NAV_COLLAPSED_KEY, 'true');
    else localStorage.removeItem(NAV_COLLAPSED_KEY);
  };
  return [collapsed, choose];
}

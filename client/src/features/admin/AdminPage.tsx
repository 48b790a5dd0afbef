import { useTranslation } from 'react-i18next';
import { Link } from '../../router.tsx';
import { AuditTab } from './AuditTab.tsx';
import { CasesTab } from './CasesTab.tsx';
import { OrganisationsTab } from './OrganisationsTab.tsx';
import { UsersTab } from './UsersTab.tsx';
import './admin.css';

const TABS = [
  { path: '/admin', key: 'users' },
  { path: '/admin/organisations', key: 'organisations' },
  { path: '/admin/cases', key: 'cases' },
  { path: '/admin/audit', key: 'audit' },
] as const;

/** The administrator's home: accounts, organisations, cases and the audit log, never case content. */
export function AdminPage({ path, userId }: { path: string; userId: string }) {
  const { t } = useTranslation();
  const current = TABS.find((tab) => tab.path === path) ?? TABS[0];
  return (
    <section className="admin" aria-labelledby="admin-heading">
      <h1 id="admin-heading">{t('admin.heading')}</h1>
      <p className="muted">{t('admin.intro')}</p>
      <nav aria-label={t('admin.tabs.label')} className="admin-tabs">
        {TABS.map((tab) => (
          <Link key={tab.key} to={tab.path} aria-current={tab === current ? 'page' : undefined}>
            {t(`admin.tabs.${tab.key}`)}
          </Link>
        ))}
      </nav>
      {current.key === 'users' ? (
        <UsersTab ownId={userId} />
      ) : current.key === 'organisations' ? (
        <OrganisationsTab ownId={userId} />
      ) : current.key === 'cases' ? (
        <CasesTab />
      ) : (
        <AuditTab />
      )}
    </section>
  );
}

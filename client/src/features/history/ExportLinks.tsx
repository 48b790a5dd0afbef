import { useTranslation } from 'react-i18next';
import { exportFiles } from './historyApi.ts';

/** The case's exports for its physicians: the dossier in both languages, FHIR, and (once released) the employer summary. */
export function ExportLinks({ caseId, employer = false, compact = false }: { caseId: string; employer?: boolean; compact?: boolean }) {
  const { t } = useTranslation();
  const links = [
    { id: 'dossier-nl', href: exportFiles.dossierPdf(caseId, 'nl'), text: t('history.exports.dossierNl') },
    { id: 'dossier-en', href: exportFiles.dossierPdf(caseId, 'en'), text: t('history.exports.dossierEn') },
    { id: 'fhir', href: exportFiles.fhir(caseId), text: t('history.exports.fhir') },
    ...(employer ? [{ id: 'employer', href: exportFiles.employerPdf(caseId), text: t('history.exports.employer') }] : []),
  ];
  return (
    <div className={compact ? 'export-links export-links--compact' : 'export-links'} data-testid={compact ? 'header-exports' : 'exports'}>
      {!compact && <h3>{t('history.exports.heading')}</h3>}
      <ul aria-label={t('history.exports.heading')}>
        {links.map((link) => (
          <li key={link.id}>
            <a href={link.href} download data-testid={`export-${link.id}`}>
              {link.text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

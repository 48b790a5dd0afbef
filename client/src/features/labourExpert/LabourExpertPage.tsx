import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandedOverAgreement, LabourExpertView, ResidualDisagreement } from '../../../../shared/labourExpertApi.ts';
import { qualifierOption } from '../../../../shared/qualifiers.ts';
import { templateSections, type TemplateSection } from '../../../../shared/template/index.ts';
import { Link } from '../../router.tsx';
import { exportFiles } from '../history/historyApi.ts';
import { useTemplate } from '../templates/templateCache.ts';
import { useDateFormat, useDateTimeFormat, useLabel, useSectionLabel } from '../workspace/labels.ts';
import { useLabourExpertView } from './useLabourExpertView.ts';
import './labourExpert.css';

/**
 * The arbeidsdeskundige's page of a case they are invited to: read-only, what
 * the physicians hand over and nothing else (docs/domain.md#the-arbeidsdeskundige).
 * It never opens an editor, a document connection or a case room: the server
 * refuses the labour expert all of them.
 */
export function LabourExpertPage({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const loaded = useLabourExpertView(caseId);
  if (loaded.state === 'loading') return <p aria-busy="true">{t('app.loading')}</p>;
  if (loaded.state !== 'loaded')
    return (
      <div className="card access-ended" data-testid="labour-expert-refused">
        <p role="alert" className="error">
          {t(`labourExpert.page.${loaded.state}`)}
        </p>
        <p>
          <Link to="/">{t('case.back')}</Link>
        </p>
      </div>
    );
  return <HandOver view={loaded.view} />;
}

function HandOver({ view }: { view: LabourExpertView }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const template = useTemplate(view.case.templateVersion);
  const sections = useMemo(() => (template.state === 'loaded' ? templateSections(template.template) : []), [template]);
  const { case: header } = view;

  return (
    <div className="labour-expert-page" data-testid="labour-expert-page">
      <Link to="/" className="back-link">
        {t('case.back')}
      </Link>
      <header className="case-header card">
        <h1 id="case-heading">{header.title}</h1>
        <dl className="case-header__facts">
          <div>
            <dt>{t('case.employee')}</dt>
            <dd>{header.employeePseudonym}</dd>
          </div>
          <div>
            <dt>{t('case.employer')}</dt>
            <dd>{header.employer}</dd>
          </div>
          <div>
            <dt>{t('case.firstSickDay')}</dt>
            <dd>{formatDate(header.firstSickDay)}</dd>
          </div>
        </dl>
        <p className="labour-expert-page__notice">{t('labourExpert.page.notice')}</p>
      </header>
      <Documents view={view} />
      <Agreed agreed={ordered(view.agreed, sections)} sections={sections} />
      <Residual residual={ordered(view.residual, sections)} sections={sections} />
    </div>
  );
}

/** In the template's order; a section the template does not know (yet) comes last. */
function ordered<T extends { section: string }>(items: T[], sections: TemplateSection[]): T[] {
  const index = (id: string) => {
    const at = sections.findIndex((s) => s.id === id);
    return at === -1 ? sections.length : at;
  };
  return [...items].sort((a, b) => index(a.section) - index(b.section));
}

/** "d240 Omgaan met stress…" once the template is there, the section's id until then. */
function useSectionName(sections: TemplateSection[]): (id: string) => string {
  const sectionLabel = useSectionLabel();
  return (id) => {
    const section = sections.find((s) => s.id === id);
    return section ? sectionLabel(section) : id;
  };
}

function Documents({ view }: { view: LabourExpertView }) {
  const { t, i18n } = useTranslation();
  const formatTime = useDateTimeFormat();
  const lang = i18n.language === 'en' ? 'en' : 'nl';
  const { employerSummary } = view;
  return (
    <section className="card" aria-labelledby="labour-expert-documents">
      <h2 id="labour-expert-documents">{t('labourExpert.page.documentsHeading')}</h2>
      <ul className="labour-expert-page__documents">
        <li>
          <a href={exportFiles.dossierPdf(view.case.id, lang)} download data-testid="labour-expert-dossier">
            {t('labourExpert.page.dossier')}
          </a>
        </li>
        <li>
          {employerSummary ? (
            <>
              <a href={exportFiles.employerPdf(view.case.id)} download data-testid="labour-expert-employer">
                {t('labourExpert.page.employer')}
              </a>{' '}
              <span className="muted small">
                {t('labourExpert.page.employerReleased', { version: employerSummary.version, at: formatTime(employerSummary.releasedAt) })}
              </span>
            </>
          ) : (
            <span className="muted">{t('labourExpert.page.noEmployer')}</span>
          )}
        </li>
      </ul>
    </section>
  );
}

/** A qualifier by its level's label in the interface language ("2 matig probleem (25–49%)"), else its code. */
function useQualifierText(sections: TemplateSection[]): (sectionId: string, code: string | null | undefined) => string {
  const { t } = useTranslation();
  const label = useLabel();
  return (sectionId, code) => {
    if (!code) return t('labourExpert.page.noQualifier');
    const scale = sections.find((s) => s.id === sectionId)?.qualifierScale;
    const option = scale && scale !== 'none' ? qualifierOption(scale, code) : undefined;
    return option ? label(option.label) : code;
  };
}

function Agreed({ agreed, sections }: { agreed: HandedOverAgreement[]; sections: TemplateSection[] }) {
  const { t } = useTranslation();
  const name = useSectionName(sections);
  const qualifierText = useQualifierText(sections);
  const formatTime = useDateTimeFormat();
  return (
    <section className="card" aria-labelledby="labour-expert-agreed" data-testid="labour-expert-agreed">
      <h2 id="labour-expert-agreed">{t('labourExpert.page.agreedHeading')}</h2>
      {agreed.length === 0 && <p className="muted">{t('labourExpert.page.agreedNone')}</p>}
      {agreed.map((item) => (
        <article key={item.section} className="labour-expert-page__item" data-testid={`agreed-${item.section}`}>
          <h3>{name(item.section)}</h3>
          <p className="labour-expert-page__text">{item.text}</p>
          <p className="small">
            <strong>{t('labourExpert.page.qualifier')}:</strong>{' '}
            <span data-testid={`agreed-qualifier-${item.section}`}>{qualifierText(item.section, item.qualifier)}</span>
          </p>
          <p className="muted small">
            {t('labourExpert.page.signedAt', { at: formatTime(item.signedAt) })}
            {item.outcome === 'agreed' && ` · ${t('labourExpert.page.viaDispute')}`}
          </p>
        </article>
      ))}
    </section>
  );
}

function Residual({ residual, sections }: { residual: ResidualDisagreement[]; sections: TemplateSection[] }) {
  const { t } = useTranslation();
  const name = useSectionName(sections);
  const qualifierText = useQualifierText(sections);
  const formatTime = useDateTimeFormat();
  return (
    <section className="card" aria-labelledby="labour-expert-residual" data-testid="labour-expert-residual">
      <h2 id="labour-expert-residual">{t('labourExpert.page.residualHeading')}</h2>
      {residual.length === 0 && <p className="muted">{t('labourExpert.page.residualNone')}</p>}
      {residual.map((item) => (
        <article key={item.section} className="labour-expert-page__item" data-testid={`residual-${item.section}`}>
          <h3>{name(item.section)}</h3>
          <div className="labour-expert-page__positions">
            {(['ba', 'va'] as const).map((role) => (
              <div key={role} data-testid={`residual-${item.section}-${role}`}>
                <h4>{t(`roles.${role}`)}</h4>
                <p className="labour-expert-page__text">{item.positions[role] || t('labourExpert.page.emptyPosition')}</p>
                <p className="small">
                  <strong>{t('labourExpert.page.qualifier')}:</strong> {qualifierText(item.section, item.positions[`${role}Qualifier`])}
                </p>
              </div>
            ))}
          </div>
          <p className="muted small">{t('labourExpert.page.residualClosedAt', { at: formatTime(item.closedAt) })}</p>
        </article>
      ))}
    </section>
  );
}

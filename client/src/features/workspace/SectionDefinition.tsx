import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { QUALIFIER_OPTIONS } from '../../../../shared/qualifiers.ts';
import type { TemplateSection } from '../../../../shared/template/index.ts';
import { useLabel } from './labels.ts';
import './definition.css';

const SCALE_NAME = { 'icf-d': 'definition.scaleIcfD', 'icf-e': 'definition.scaleIcfE', none: 'definition.scaleNone' } as const;

/**
 * A section's definition on demand, beside its heading: what the item covers,
 * its ICF code, the qualifier scale with what each level means for work, and
 * the FML items it relates to. The same words for everyone who reads the case.
 */
export function SectionDefinition({ section, sectionLabel }: { section: TemplateSection; sectionLabel: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const panel = useId();
  const close = (event: KeyboardEvent) => {
    if (event.key === 'Escape') setOpen(false);
  };
  return (
    <div className="definition" onKeyDown={close}>
      <button
        type="button"
        className="link-button definition__toggle"
        aria-expanded={open}
        aria-controls={panel}
        data-testid={`definition-toggle-${section.id}`}
        onClick={() => setOpen((was) => !was)}
      >
        {t('definition.open')}
        <span className="visually-hidden"> {t('definition.of', { section: sectionLabel })}</span>
      </button>
      {open && <DefinitionBody id={panel} section={section} />}
    </div>
  );
}

/** The definition itself; the overview shows it too. */
export function DefinitionBody({ id, section, compact = false }: { id?: string; section: TemplateSection; compact?: boolean }) {
  const { t } = useTranslation();
  const label = useLabel();
  const scale = section.qualifierScale;
  return (
    <div id={id} className="definition__panel" role="region" aria-label={t('definition.title')} data-testid={`definition-${section.id}`}>
      <p className="definition__text">{label(section.definition)}</p>
      <p className="definition__meta small">
        {section.icf ? t('definition.icf', { code: section.icf }) : t('definition.noIcf')} ·{' '}
        {section.fml.length > 0 ? `${t('definition.fml')}: ${section.fml.join(', ')}` : t('definition.noFml')}
      </p>
      {!compact && (
        <>
          <p className="definition__meta small">
            {t('definition.scale')}: {t(SCALE_NAME[scale])}
          </p>
          {scale !== 'none' && (
            <dl className="definition__levels small" data-testid={`definition-levels-${section.id}`}>
              {QUALIFIER_OPTIONS[scale].map((option) => (
                <div key={option.code}>
                  <dt>{label(option.label)}</dt>
                  <dd>{label(option.work)}</dd>
                </div>
              ))}
            </dl>
          )}
        </>
      )}
    </div>
  );
}

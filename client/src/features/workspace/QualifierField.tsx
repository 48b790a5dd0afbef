import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { QUALIFIER_OPTIONS, qualifierOption, type QualifierDifference } from '../../../../shared/qualifiers.ts';
import type { GradedScale } from '../../../../shared/template/index.ts';
import { useLabel } from './labels.ts';

interface Props {
  scale: GradedScale;
  value: string | null;
  editable: boolean;
  difference: QualifierDifference;
  label: string;
  testId: string;
  onChange: (code: string | null) => void;
}

/** The physician's ICF qualifier: a choice in their own column, a read-only value in the other's. */
export function QualifierField({ scale, value, editable, difference, label, testId, onChange }: Props) {
  const { t } = useTranslation();
  const text = useLabel();
  const id = useId();
  const className = `qualifier qualifier--${difference}`;
  if (!editable) {
    const option = value ? qualifierOption(scale, value) : undefined;
    return (
      <div className={className}>
        <span id={id} className="qualifier__label">
          {label}
        </span>{' '}
        <output aria-labelledby={id} data-testid={testId} data-value={value ?? ''} className="qualifier__value">
          {option ? text(option.label) : t('section.noQualifier')}
        </output>
      </div>
    );
  }
  return (
    <div className={className}>
      <label htmlFor={id} className="qualifier__label">
        {label}
      </label>{' '}
      <select id={id} data-testid={testId} value={value ?? ''} onChange={(event) => onChange(event.target.value || null)}>
        <option value="">{t('section.noQualifier')}</option>
        {QUALIFIER_OPTIONS[scale].map((option) => (
          <option key={option.code} value={option.code}>
            {text(option.label)}
          </option>
        ))}
      </select>
    </div>
  );
}

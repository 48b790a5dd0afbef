import { useId } from 'react';

/** A labelled text area in a form (`.field`): the label names it for assistive technology. */
export function TextAreaField({
  label,
  value,
  onChange,
  rows,
  maxLength,
  required = false,
}: {
  label: string;
  value: string;
  onChange: (next: string) => void;
  rows: number;
  maxLength: number;
  required?: boolean;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} required={required} rows={rows} maxLength={maxLength} value={value} onChange={(event) => onChange(event.target.value)} />
    </div>
  );
}

/** A labelled choice from a fixed list (`.field`), each option shown by `optionLabel`. */
export function SelectField<T extends string>({
  label,
  value,
  options,
  optionLabel,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly T[];
  optionLabel: (option: T) => string;
  onChange: (next: T) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as T)}>
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A labelled date input (`.field`). */
export function DateField({
  label,
  value,
  onChange,
  required = false,
}: {
  label: string;
  value: string;
  onChange: (next: string) => void;
  required?: boolean;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="date" required={required} value={value} onChange={(event) => onChange(event.target.value)} />
    </div>
  );
}

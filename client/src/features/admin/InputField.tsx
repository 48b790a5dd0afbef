import { useId } from 'react';

/** A labelled input in a form (`.field`): text, password or date. */
export function InputField({
  label,
  value,
  onChange,
  type = 'text',
  maxLength,
  required = false,
  hint,
  autoComplete,
}: {
  label: string;
  value: string;
  onChange: (next: string) => void;
  type?: 'text' | 'password' | 'date';
  maxLength?: number;
  required?: boolean;
  hint?: string;
  autoComplete?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        required={required}
        maxLength={maxLength}
        value={value}
        autoComplete={autoComplete}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint ? (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      ) : null}
    </div>
  );
}

import type { ReactNode } from 'react';
import { type FormField, type FormValues, TEXT_FIELDS } from './contact-form';
import { STATUS_LABELS, STATUSES } from './labels';

interface Props {
  idPrefix: string;
  values: FormValues;
  onChange: (name: keyof FormValues, value: string) => void;
  /** Messages the API gave per field, shown beside the field. */
  errors: Partial<Record<FormField, string>>;
  /** Hints under a field (e.g. how phone numbers are kept). */
  hints?: Partial<Record<FormField, ReactNode>>;
}

export const fieldId = (idPrefix: string, name: FormField) => `${idPrefix}-${name}`;

/** Every field of a contact, labelled, each with its error beside it: one form for add and edit. */
export function ContactFields({ idPrefix, values, onChange, errors, hints = {} }: Props) {
  const fieldProps = (name: FormField) => {
    const describedBy = [
      errors[name] && `${idPrefix}-${name}-error`,
      hints[name] && `${idPrefix}-${name}-hint`,
    ]
      .filter(Boolean)
      .join(' ');
    return {
      id: fieldId(idPrefix, name),
      name,
      'aria-invalid': errors[name] ? true : undefined,
      'aria-describedby': describedBy || undefined,
    };
  };
  const below = (name: FormField) => (
    <>
      {hints[name] && (
        <span id={`${idPrefix}-${name}-hint`} className="hint">
          {hints[name]}
        </span>
      )}
      {errors[name] && (
        <span id={`${idPrefix}-${name}-error`} className="field-error">
          {errors[name]}
        </span>
      )}
    </>
  );
  return (
    <>
      {TEXT_FIELDS.map((field) => (
        <div key={field.name} className="field">
          <label htmlFor={fieldId(idPrefix, field.name)}>{field.label}</label>
          <input
            {...fieldProps(field.name)}
            type={field.type}
            value={values[field.name]}
            onChange={(e) => onChange(field.name, e.target.value)}
          />
          {below(field.name)}
        </div>
      ))}
      <div className="field">
        <label htmlFor={fieldId(idPrefix, 'status')}>Status</label>
        <select
          {...fieldProps('status')}
          value={values.status}
          onChange={(e) => onChange('status', e.target.value)}
        >
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
        {below('status')}
      </div>
      <div className="field">
        <label htmlFor={fieldId(idPrefix, 'tags')}>Tags (comma-separated)</label>
        <input
          {...fieldProps('tags')}
          value={values.tags}
          onChange={(e) => onChange('tags', e.target.value)}
        />
        {below('tags')}
      </div>
      <div className="field wide">
        <label htmlFor={fieldId(idPrefix, 'notes')}>Notes</label>
        <textarea
          {...fieldProps('notes')}
          rows={3}
          value={values.notes}
          onChange={(e) => onChange('notes', e.target.value)}
        />
        {below('notes')}
      </div>
    </>
  );
}

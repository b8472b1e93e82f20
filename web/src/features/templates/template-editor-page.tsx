import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useLayoutEffect, useRef, useState } from 'react';
import type { ContactDto } from '../../../../functions/contacts/schema';
import type { PreviewRequest, TemplateDto, TemplateInput } from '../../../../functions/templates/schema';
import { ApiError, api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatDateTime } from '../../lib/format';
import { Modal } from '../../lib/modal';
import { useToast } from '../../lib/toast';
import { useDebounced } from '../../lib/use-debounced';
import { type CompileErrors, ContactPicker, compileErrors, PreviewPanel } from './preview-panel';
import { previewQuery, templateKeys, templateQuery, variablesQuery } from './queries';

export const PREVIEW_DEBOUNCE_MS = 400;

type Field = 'subject' | 'html' | 'text';
interface Values {
  name: string;
  subject: string;
  html: string;
  text: string;
}

const EMPTY: Values = {
  name: '',
  subject: '',
  html: '<p>Hi {{firstName "there"}},</p>\n\n<p></p>\n\n<p>{{senderName}}</p>',
  text: '',
};

const toValues = (t: TemplateDto): Values => ({
  name: t.name,
  subject: t.subject,
  html: t.html,
  text: t.text ?? '',
});
const toInput = (v: Values): TemplateInput => ({
  name: v.name.trim(),
  subject: v.subject.trim(),
  html: v.html,
  text: v.text.trim() ? v.text : null,
});

/** /templates/new and /templates/{id}. */
export function TemplateEditorPage({ templateId }: { templateId?: string }) {
  const query = useQuery({ ...templateQuery(templateId ?? ''), enabled: templateId !== undefined });
  const back = (
    <p className="back-link">
      <Link to="/templates">← Templates</Link>
    </p>
  );
  if (templateId === undefined)
    return (
      <>
        {back}
        <TemplateEditor key="new" />
      </>
    );
  if (query.isPending) return <p aria-live="polite">Loading template…</p>;
  if (!query.data) {
    const gone = query.error instanceof ApiError && query.error.status === 404;
    return (
      <>
        {back}
        <h1>{gone ? 'Template not found' : 'Could not load this template'}</h1>
        {gone ? <p>It may have been deleted.</p> : <ErrorAlert error={query.error} />}
      </>
    );
  }
  return (
    <>
      {back}
      <TemplateEditor key={query.data.id} template={query.data} />
    </>
  );
}

function TemplateEditor({ template }: { template?: TemplateDto }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const [values, setValues] = useState<Values>(() => (template ? toValues(template) : EMPTY));
  const [saved, setSaved] = useState<Values | null>(() => (template ? toValues(template) : null));
  const [contact, setContact] = useState<ContactDto | null>(null);
  const [audienceTag, setAudienceTag] = useState('');
  const [deleting, setDeleting] = useState(false);
  const dirty = saved === null || JSON.stringify(saved) !== JSON.stringify(values);

  const refs = {
    subject: useRef<HTMLInputElement>(null),
    html: useRef<HTMLTextAreaElement>(null),
    text: useRef<HTMLTextAreaElement>(null),
  };
  const lastField = useRef<Field>('html');
  const cursor = useRef<{ field: Field; at: number } | null>(null);
  useLayoutEffect(() => {
    const pending = cursor.current;
    if (!pending) return;
    cursor.current = null;
    const el = refs[pending.field].current;
    el?.focus();
    el?.setSelectionRange(pending.at, pending.at);
  });

  const variables = useQuery(variablesQuery());
  const insert = (name: string) => {
    const field = lastField.current;
    const el = refs[field].current;
    const current = values[field];
    const start = el?.selectionStart ?? current.length;
    const end = el?.selectionEnd ?? start;
    const token = `{{${name}}}`;
    cursor.current = { field, at: start + token.length };
    setValues((v) => ({ ...v, [field]: current.slice(0, start) + token + current.slice(end) }));
  };

  // The preview follows the draft once typing pauses; it also reports compile errors per field.
  const settled = useDebounced(values, PREVIEW_DEBOUNCE_MS);
  const tag = useDebounced(audienceTag.trim(), PREVIEW_DEBOUNCE_MS);
  const request: PreviewRequest | null =
    settled.subject.trim() && settled.html.trim()
      ? {
          draft: { ...toInput(settled), name: settled.name.trim() || 'Untitled' },
          ...(contact ? { contactId: contact.id } : {}),
          audience: { filter: tag ? { tag } : {} },
        }
      : null;
  const preview = useQuery({ ...previewQuery(request ?? {}), enabled: request !== null });

  const save = useMutation({
    mutationFn: (input: TemplateInput) =>
      template ? api.templates.update(template.id, input) : api.templates.create(input),
    onSuccess: async (result) => {
      queryClient.setQueryData(templateKeys.detail(result.id), result);
      setSaved(toValues(result));
      await queryClient.invalidateQueries({ queryKey: templateKeys.list() });
      if (!template) {
        toast({ message: `Template “${result.name}” created.` });
        void navigate({ to: '/templates/$templateId', params: { templateId: result.id }, replace: true });
      }
    },
  });
  const test = useMutation({
    mutationFn: async () => {
      let id = template?.id;
      if (!id) return null;
      if (dirty) id = (await save.mutateAsync(toInput(values))).id;
      return api.templates.sendTest(id);
    },
  });
  const remove = useMutation({
    mutationFn: () => api.templates.remove(template?.id ?? ''),
    onSuccess: async () => {
      toast({ message: `Template “${template?.name}” deleted.` });
      await queryClient.invalidateQueries({ queryKey: templateKeys.list() });
      void navigate({ to: '/templates' });
    },
  });

  // A save's refusal wins; otherwise the live preview's, so errors show while typing.
  const saveErrors = compileErrors(save.error);
  const liveErrors: CompileErrors =
    preview.error && !preview.isFetching && preview.error instanceof ApiError
      ? compileErrors(preview.error)
      : {};
  const errors: CompileErrors = Object.keys(saveErrors).length > 0 ? saveErrors : liveErrors;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(toInput(values));
  };
  const set = (field: keyof Values) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: e.target.value }));
  const fieldProps = (field: Field) => ({
    id: `template-${field}`,
    value: values[field],
    onChange: set(field),
    onFocus: () => {
      lastField.current = field;
    },
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': errors[field] ? `template-${field}-error` : undefined,
  });
  const fieldError = (field: keyof CompileErrors) =>
    errors[field] && (
      <span className="field-error" id={`template-${field}-error`}>
        {errors[field]}
      </span>
    );

  return (
    <>
      <div className="page-title">
        <div>
          <h1>{template ? template.name : 'New template'}</h1>
          {template && (
            <p className="muted small-print">
              Updated {formatDateTime(template.updatedAt)}
              {dirty && ' · unsaved changes'}
            </p>
          )}
        </div>
        {template && (
          <div className="title-actions">
            <button type="button" className="button danger" onClick={() => setDeleting(true)}>
              Delete
            </button>
          </div>
        )}
      </div>
      <div className="editor-layout">
        <form className="panel editor-form" onSubmit={onSubmit} noValidate aria-label="Template">
          <div className="field">
            <label htmlFor="template-name">Name</label>
            <input
              id="template-name"
              value={values.name}
              onChange={set('name')}
              placeholder="e.g. First touch — founders"
              aria-invalid={errors.name ? true : undefined}
            />
            {fieldError('name')}
          </div>
          <div className="field">
            <label htmlFor="template-subject">Subject</label>
            <input ref={refs.subject} {...fieldProps('subject')} />
            {fieldError('subject')}
          </div>
          <div className="field">
            <label htmlFor="template-html">HTML body</label>
            <textarea ref={refs.html} className="code" rows={14} spellCheck={false} {...fieldProps('html')} />
            {fieldError('html')}
          </div>
          <div className="field">
            <label htmlFor="template-text">Plain text (optional)</label>
            <textarea
              ref={refs.text}
              className="code"
              rows={5}
              placeholder="Left empty, the plain-text part is made from the HTML."
              {...fieldProps('text')}
            />
            {fieldError('text')}
          </div>
          <section className="variables" aria-labelledby="variables-title">
            <h2 id="variables-title">Variables</h2>
            <p className="hint">
              Click one to insert it at the cursor. Give a fallback for contacts without a value:{' '}
              <code>{'{{firstName "there"}}'}</code>.
            </p>
            {variables.error && <ErrorAlert error={variables.error} />}
            <div className="variable-list">
              {variables.data?.items.map((v) => (
                <button
                  key={v.name}
                  type="button"
                  className="button small"
                  title={`${v.description} e.g. ${v.example}`}
                  aria-label={`Insert ${v.label}`}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => insert(v.name)}
                >
                  {`{{${v.name}}}`}
                </button>
              ))}
            </div>
          </section>
          {save.error && Object.keys(saveErrors).length === 0 && <ErrorAlert error={save.error} />}
          {save.error && Object.keys(saveErrors).length > 0 && (
            <div role="alert" className="alert">
              <p>Not saved: fix the fields marked in red, then save again.</p>
            </div>
          )}
          <div className="form-actions">
            <button
              type="button"
              className="button"
              disabled={!template || test.isPending}
              onClick={() => test.mutate()}
              aria-describedby={template ? undefined : 'test-hint'}
            >
              {test.isPending ? 'Sending test…' : 'Send me a test'}
            </button>
            <button type="submit" className="button primary" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : template ? 'Save' : 'Create template'}
            </button>
          </div>
          {!template && (
            <p className="hint" id="test-hint">
              Create the template to send yourself a test.
            </p>
          )}
          <div role="status" aria-live="polite">
            {test.data && (
              <p className="notice">
                Test sent to <strong>{test.data.sentTo}</strong> ({test.data.status}).{' '}
                <Link to="/outbox">Open the outbox</Link> to see it as received.
              </p>
            )}
            {save.isSuccess && !dirty && template && !test.data && <p className="muted">Saved.</p>}
          </div>
          {test.error && !save.error && <ErrorAlert error={test.error} />}
        </form>
        <section className="panel preview-column" aria-labelledby="preview-title">
          <h2 id="preview-title">Preview</h2>
          <ContactPicker contact={contact} onChange={setContact} />
          <div className="field">
            <label htmlFor="preview-audience">Check variables against contacts tagged</label>
            <input
              id="preview-audience"
              value={audienceTag}
              placeholder="Leave empty for all contacts"
              onChange={(e) => setAudienceTag(e.target.value)}
            />
          </div>
          <PreviewPanel
            request={request}
            emptyHint="Write a subject and a body to see the preview."
            onCompileErrors
          />
        </section>
      </div>
      {deleting && template && (
        <Modal
          title={`Delete “${template.name}”?`}
          onClose={() => setDeleting(false)}
          footer={
            <>
              <button type="button" className="button" onClick={() => setDeleting(false)} data-autofocus>
                Cancel
              </button>
              <button
                type="button"
                className="button danger"
                disabled={remove.isPending}
                onClick={() => remove.mutate()}
              >
                {remove.isPending ? 'Deleting…' : 'Delete template'}
              </button>
            </>
          }
        >
          <p>The template is deleted for good. Campaigns that already sent it keep their emails.</p>
          {remove.error && <ErrorAlert error={remove.error} />}
        </Modal>
      )}
    </>
  );
}

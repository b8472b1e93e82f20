import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type DragEvent, useState } from 'react';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatBytes } from '../../lib/format';
import { importKeys, importQuery, importsQuery } from './queries';
import { ImportTitle, WizardSteps } from './wizard-steps';

export const ACCEPTED_FILES = '.csv,.xlsx,.xls';

/** "CSV or Excel (.csv, .xlsx, .xls) up to 20 MB", from what the API accepts. */
function useUploadLimits() {
  // A failed look-up is not worth an alert here: the upload itself says what is wrong.
  const { data } = useQuery(importsQuery());
  const limits = data?.limits;
  const formats = Array.isArray(limits?.formats) && limits.formats.length > 0 ? limits.formats : null;
  const maxBytes = typeof limits?.maxBytes === 'number' && limits.maxBytes > 0 ? limits.maxBytes : null;
  return {
    accept: formats ? formats.join(',') : ACCEPTED_FILES,
    formats: (formats ?? ACCEPTED_FILES.split(',')).join(', '),
    maxBytes,
    maxSize: maxBytes === null ? null : formatBytes(maxBytes),
  };
}

/** Step 1: upload a file; the API answers with headers, a guessed mapping and preview rows. */
export function NewImportPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [dragging, setDragging] = useState(false);
  const limits = useUploadLimits();
  const upload = useMutation({
    mutationFn: api.imports.upload,
    onSuccess: (job) => {
      queryClient.setQueryData(importQuery(job.id).queryKey, job);
      void queryClient.invalidateQueries({ queryKey: importKeys.list() });
      void navigate({ to: '/imports/$importId', params: { importId: job.id } });
    },
  });

  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const send = (file: File | undefined) => {
    if (!file || upload.isPending) return;
    // Said at once rather than after uploading megabytes the API will refuse.
    if (limits.maxBytes !== null && file.size > limits.maxBytes) {
      setTooLarge(
        `${file.name} is ${formatBytes(file.size)}; files up to ${formatBytes(limits.maxBytes)} can be imported. Save it as CSV (smaller than Excel) or split it into parts.`,
      );
      return;
    }
    setTooLarge(null);
    upload.mutate(file);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    send(event.dataTransfer.files[0]);
  };

  return (
    <>
      <ImportTitle />
      <WizardSteps current={0} />
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a pointer shortcut; the file input inside is the keyboard path */}
      <section
        className={dragging ? 'drop-zone dragging' : 'drop-zone'}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        aria-busy={upload.isPending}
      >
        <label htmlFor="contacts-file">Contacts file</label>
        <p className="muted" id="contacts-file-limits">
          A CSV or Excel file ({limits.formats}), or a LinkedIn Connections export
          {limits.maxSize && <>, up to {limits.maxSize}</>}. Drop it here or choose it.
        </p>
        <input
          id="contacts-file"
          type="file"
          accept={limits.accept}
          aria-describedby="contacts-file-limits"
          disabled={upload.isPending}
          onChange={(e) => {
            send(e.target.files?.[0]);
            e.target.value = ''; // choosing the same file again after a fix still uploads
          }}
        />
        {upload.isPending && <p aria-live="polite">Uploading {upload.variables?.name}…</p>}
      </section>
      {tooLarge && (
        <div role="alert" className="alert">
          <p>{tooLarge}</p>
        </div>
      )}
      {upload.error && <ErrorAlert error={upload.error} />}
    </>
  );
}

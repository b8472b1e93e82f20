import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type DragEvent, useState } from 'react';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { importKeys, importQuery } from './queries';
import { ImportTitle, WizardSteps } from './wizard-steps';

export const ACCEPTED_FILES = '.csv,.xlsx,.xls';

/** Step 1: upload a file; the API answers with headers, a guessed mapping and preview rows. */
export function NewImportPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [dragging, setDragging] = useState(false);
  const upload = useMutation({
    mutationFn: api.imports.upload,
    onSuccess: (job) => {
      queryClient.setQueryData(importQuery(job.id).queryKey, job);
      void queryClient.invalidateQueries({ queryKey: importKeys.list() });
      void navigate({ to: '/imports/$importId', params: { importId: job.id } });
    },
  });

  const send = (file: File | undefined) => {
    if (file && !upload.isPending) upload.mutate(file);
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
        <p className="muted">
          A CSV or Excel file (.csv, .xlsx, .xls), or a LinkedIn Connections export. Drop it here or choose
          it.
        </p>
        <input
          id="contacts-file"
          type="file"
          accept={ACCEPTED_FILES}
          disabled={upload.isPending}
          onChange={(e) => {
            send(e.target.files?.[0]);
            e.target.value = ''; // choosing the same file again after a fix still uploads
          }}
        />
        {upload.isPending && <p aria-live="polite">Uploading {upload.variables?.name}…</p>}
      </section>
      {upload.error && <ErrorAlert error={upload.error} />}
    </>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useState } from 'react';
import { FollowupsPanel } from './followups-panel';
import { LeadsList } from './leads-list';
import { localToday } from './next-action-line';
import { PipelineBoard } from './pipeline-board';
import { followupsQuery, stageNamesOf, stagesQuery } from './queries';
import type { PipelineSearch } from './search';
import { StageNamesDialog } from './stage-names-dialog';
import './leads.css';

/** /leads: the pipeline as a board (one column per stage) or a filtered list, follow-ups on top. */
export function PipelinePage() {
  const search = useSearch({ from: '/app/leads' });
  const navigate = useNavigate({ from: '/leads' });
  const [renaming, setRenaming] = useState(false);
  const stages = useQuery(stagesQuery());
  const names = stageNamesOf(stages.data);
  // "Overdue" follows the owner's calendar day (their availability zone) once the API has said it.
  const today = useQuery(followupsQuery()).data?.today ?? localToday();
  const view = search.view ?? 'board';
  const setSearch = useCallback(
    (next: PipelineSearch) => navigate({ search: next, replace: true }),
    [navigate],
  );
  return (
    <>
      <div className="page-title">
        <div>
          <h1>Pipeline</h1>
          <p className="muted">
            Every contact is a lead. Move them along by hand or let emails, replies and bookings do it.
          </p>
        </div>
        <div className="title-actions">
          <button type="button" className="button" onClick={() => setRenaming(true)}>
            Rename stages
          </button>
        </div>
      </div>
      <FollowupsPanel onShowAll={(due) => setSearch({ view: 'list', due })} />
      <fieldset className="segmented view-toggle">
        <legend className="visually-hidden">View</legend>
        <button
          type="button"
          aria-pressed={view === 'board'}
          onClick={() => setSearch({ ...search, view: undefined })}
        >
          Board
        </button>
        <button
          type="button"
          aria-pressed={view === 'list'}
          onClick={() => setSearch({ ...search, view: 'list' })}
        >
          List
        </button>
      </fieldset>
      {view === 'board' ? (
        <PipelineBoard names={names} today={today} />
      ) : (
        <LeadsList
          filter={search}
          onFilter={(f) => setSearch({ ...f, view: 'list' })}
          names={names}
          today={today}
        />
      )}
      {renaming && <StageNamesDialog names={names} onClose={() => setRenaming(false)} />}
    </>
  );
}

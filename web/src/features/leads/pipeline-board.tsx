import { useInfiniteQuery } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import type { LeadDto } from '../../../../functions/leads/schema';
import type { LeadStage } from '../../../../functions/leads/stages';
import { ErrorAlert } from '../../lib/error-alert';
import { formatCount } from '../../lib/format';
import { useHorizontalOverflow } from '../../lib/use-horizontal-overflow';
import { LeadCard } from './lead-card';
import { columnQuery, STAGES } from './queries';
import { useMoveLead } from './use-move-lead';

/**
 * One column per stage, each loading its own pages. Cards move by drag and drop or by their
 * "Move to" menu. On a phone the columns scroll sideways inside the board, never the page.
 */
export function PipelineBoard({ names, today }: { names: Record<LeadStage, string>; today: string }) {
  const move = useMoveLead();
  const [dragged, setDragged] = useState<LeadDto | null>(null);
  const [movedId, setMovedId] = useState<string | null>(null);
  const moveTo = (lead: LeadDto, to: LeadStage, byMenu: boolean) => {
    if (lead.stage === to) return;
    setMovedId(byMenu ? lead.id : null);
    move.mutate({ lead, to, names });
  };
  const board = useRef<HTMLElement>(null);
  const hidden = useHorizontalOverflow(board);
  const show = (stage: LeadStage) =>
    board.current
      ?.querySelector(`[data-stage="${stage}"]`)
      ?.scrollIntoView({ behavior: 'smooth', inline: 'start', block: 'nearest' });
  return (
    <>
      <nav className="stage-jump" aria-label="Stages">
        {STAGES.map((stage) => (
          <StageChip key={stage} stage={stage} name={names[stage]} onClick={() => show(stage)} />
        ))}
        {(hidden.after || hidden.before) && (
          <span className="scroll-hint small-print">
            Pick a stage or scroll the board sideways to see every column.
          </span>
        )}
      </nav>
      <section ref={board} className="board" aria-label="Pipeline board">
        {STAGES.map((stage) => (
          <BoardColumn
            key={stage}
            stage={stage}
            names={names}
            today={today}
            dragged={dragged}
            onDrag={setDragged}
            onMove={moveTo}
            movedId={movedId}
          />
        ))}
      </section>
    </>
  );
}

/** A stage's name and count above the board: pressing it brings that column into view. */
function StageChip({ stage, name, onClick }: { stage: LeadStage; name: string; onClick: () => void }) {
  const total = useInfiniteQuery(columnQuery(stage)).data?.pages[0]?.total;
  return (
    <button type="button" className="stage-chip" onClick={onClick}>
      {name}{' '}
      <span className="stage-chip-count">
        {total === undefined || total === null ? '…' : formatCount(total)}
      </span>
    </button>
  );
}

function BoardColumn({
  stage,
  names,
  today,
  dragged,
  onDrag,
  onMove,
  movedId,
}: {
  stage: LeadStage;
  names: Record<LeadStage, string>;
  today: string;
  dragged: LeadDto | null;
  onDrag: (lead: LeadDto | null) => void;
  onMove: (lead: LeadDto, to: LeadStage, byMenu: boolean) => void;
  movedId: string | null;
}) {
  const headingId = useId();
  const [over, setOver] = useState(false);
  const query = useInfiniteQuery(columnQuery(stage));
  const leads = query.data?.pages.flatMap((p) => p.items) ?? [];
  const total = query.data?.pages[0]?.total ?? null;
  const droppable = dragged !== null && dragged.stage !== stage;
  return (
    <section
      className={`board-column${over && droppable ? ' drop-target' : ''}`}
      aria-labelledby={headingId}
      data-stage={stage}
      onDragOver={(event) => {
        if (!droppable) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        if (dragged) onMove(dragged, stage, false);
        onDrag(null);
      }}
    >
      <h2 id={headingId} className="board-column-title">
        <span>{names[stage]}</span>
        <span className="column-count">
          <span className="visually-hidden">, </span>
          {total === null ? '…' : formatCount(total)}
          <span className="visually-hidden">{total === 1 ? ' lead' : ' leads'}</span>
        </span>
      </h2>
      {query.error && <ErrorAlert error={query.error} />}
      {query.isPending && <p className="muted small-print">Loading…</p>}
      {query.data && leads.length === 0 && <p className="board-empty muted small-print">No leads here.</p>}
      <ul className="board-cards">
        {leads.map((lead) => (
          <LeadCard
            key={lead.id}
            lead={lead}
            names={names}
            today={today}
            onMove={(to) => onMove(lead, to, true)}
            focusMenu={lead.id === movedId}
            onDragStart={() => onDrag(lead)}
            onDragEnd={() => onDrag(null)}
          />
        ))}
      </ul>
      {query.hasNextPage && (
        <button
          type="button"
          className="button small"
          onClick={() => query.fetchNextPage()}
          disabled={query.isFetchingNextPage}
        >
          {query.isFetchingNextPage ? 'Loading…' : `Show more ${names[stage]}`}
        </button>
      )}
    </section>
  );
}

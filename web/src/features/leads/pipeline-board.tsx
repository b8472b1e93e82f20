import { useInfiniteQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { LeadDto } from '../../../../functions/leads/schema';
import type { LeadStage } from '../../../../functions/leads/stages';
import { ErrorAlert } from '../../lib/error-alert';
import { formatCount } from '../../lib/format';
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
  const moveTo = (lead: LeadDto, to: LeadStage) => {
    if (lead.stage !== to) move.mutate({ lead, to, names });
  };
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the board scrolls sideways; a keyboard user reaches it to scroll.
    <section className="board" aria-label="Pipeline board" tabIndex={0}>
      {STAGES.map((stage) => (
        <BoardColumn
          key={stage}
          stage={stage}
          names={names}
          today={today}
          dragged={dragged}
          onDrag={setDragged}
          onMove={moveTo}
        />
      ))}
    </section>
  );
}

function BoardColumn({
  stage,
  names,
  today,
  dragged,
  onDrag,
  onMove,
}: {
  stage: LeadStage;
  names: Record<LeadStage, string>;
  today: string;
  dragged: LeadDto | null;
  onDrag: (lead: LeadDto | null) => void;
  onMove: (lead: LeadDto, to: LeadStage) => void;
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
        if (dragged) onMove(dragged, stage);
        onDrag(null);
      }}
    >
      <h2 id={headingId} className="board-column-title">
        <span>{names[stage]}</span>
        <span className="count">
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
            onMove={(to) => onMove(lead, to)}
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

import { Link } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import type { LeadDto } from '../../../../functions/leads/schema';
import type { LeadStage } from '../../../../functions/leads/stages';
import { SOURCE_LABELS } from '../contacts/labels';
import { NextActionLine } from './next-action-line';
import { STAGES } from './queries';

/**
 * One lead on the board. It can be dragged to another column, and "Move to" does the same from
 * the keyboard or a phone (a native select: every screen reader and phone knows it).
 */
export function LeadCard({
  lead,
  names,
  today,
  onMove,
  onDragStart,
  onDragEnd,
  focusMenu = false,
}: {
  lead: LeadDto;
  /** Just moved from its menu: the menu takes focus again in its new column, so the keyboard carries on. */
  focusMenu?: boolean;
  names: Record<LeadStage, string>;
  today: string;
  onMove: (to: LeadStage) => void;
  onDragStart: () => void;
  onDragEnd: () => void;
}) {
  const menu = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (focusMenu) menu.current?.focus();
  }, [focusMenu]);
  return (
    <li
      className="lead-card"
      draggable
      data-lead={lead.id}
      onDragStart={(event) => {
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', lead.id);
        onDragStart();
      }}
      onDragEnd={onDragEnd}
    >
      <Link to="/leads/$contactId" params={{ contactId: lead.id }} className="lead-name">
        {lead.name}
      </Link>
      {lead.company && <span className="lead-company">{lead.company}</span>}
      <NextActionLine nextAction={lead.nextAction} today={today} />
      <span className="lead-source muted small-print">{SOURCE_LABELS[lead.source]}</span>
      <label className="lead-move">
        <span className="visually-hidden">Move {lead.name} to</span>
        <select
          ref={menu}
          value=""
          onChange={(event) => {
            if (event.target.value) onMove(event.target.value as LeadStage);
          }}
        >
          <option value="">Move to…</option>
          {STAGES.filter((s) => s !== lead.stage).map((s) => (
            <option key={s} value={s}>
              {names[s]}
            </option>
          ))}
        </select>
      </label>
    </li>
  );
}

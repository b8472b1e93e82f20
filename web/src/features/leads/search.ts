import type { ContactSource } from '../../../../functions/contacts/schema';
import type { DueFilter } from '../../../../functions/leads/schema';
import type { LeadStage } from '../../../../functions/leads/stages';
import { SOURCES } from '../contacts/labels';
import { STAGES } from './queries';

/** /leads's address: board or list, and the list's filters (so Back and a reload keep them). */
export interface PipelineSearch {
  view?: 'list';
  stage?: LeadStage;
  source?: ContactSource;
  tag?: string;
  due?: DueFilter;
}

const DUES: readonly DueFilter[] = ['today', 'overdue', 'due'];

export function validatePipelineSearch(raw: Record<string, unknown>): PipelineSearch {
  const pick = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined =>
    allowed.includes(value as T) ? (value as T) : undefined;
  const search: PipelineSearch = {};
  if (raw.view === 'list') search.view = 'list';
  const stage = pick(raw.stage, STAGES);
  if (stage) search.stage = stage;
  const source = pick(raw.source, SOURCES);
  if (source) search.source = source;
  if (typeof raw.tag === 'string' && raw.tag.trim()) search.tag = raw.tag.trim();
  const due = pick(raw.due, DUES);
  if (due) search.due = due;
  return search;
}

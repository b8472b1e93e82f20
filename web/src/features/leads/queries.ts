import { type InfiniteData, infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { LeadDto, LeadPage, StageNamesDto } from '../../../../functions/leads/schema';
import type { LeadStage } from '../../../../functions/leads/stages';
import { api, type LeadListParams } from '../../lib/api';
import { STATUS_LABELS, STATUSES } from '../contacts/labels';

/** The pipeline's stages in their fixed order (a lead's stage is its contact's status). */
export const STAGES = STATUSES as LeadStage[];

/** Every leads query starts with `leads`: invalidating that prefix refreshes them all. */
export const leadKeys = {
  all: ['leads'] as const,
  columns: () => [...leadKeys.all, 'column'] as const,
  column: (stage: LeadStage) => [...leadKeys.columns(), stage] as const,
  list: (filter: LeadListParams) => [...leadKeys.all, 'list', filter] as const,
  detail: (id: string) => [...leadKeys.all, 'detail', id] as const,
  timeline: (id: string) => [...leadKeys.all, 'timeline', id] as const,
  followups: () => [...leadKeys.all, 'followups'] as const,
  stages: () => [...leadKeys.all, 'stages'] as const,
};

/** Cards a column loads at a time; "Show more" loads the next page. */
export const COLUMN_PAGE_SIZE = 20;
export const LIST_PAGE_SIZE = 50;

export type LeadPages = InfiniteData<LeadPage, string | undefined>;

export const columnQuery = (stage: LeadStage) =>
  infiniteQueryOptions({
    queryKey: leadKeys.column(stage),
    queryFn: ({ pageParam }) =>
      api.leads.list({ stage, limit: COLUMN_PAGE_SIZE, continuationToken: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: LeadPage) => last.continuationToken ?? undefined,
  });

export const leadListQuery = (filter: LeadListParams) =>
  infiniteQueryOptions({
    queryKey: leadKeys.list(filter),
    queryFn: ({ pageParam }) =>
      api.leads.list({ ...filter, limit: LIST_PAGE_SIZE, continuationToken: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: LeadPage) => last.continuationToken ?? undefined,
  });

export const leadQuery = (id: string) =>
  queryOptions({ queryKey: leadKeys.detail(id), queryFn: () => api.leads.get(id) });

export const timelineQuery = (id: string) =>
  queryOptions({ queryKey: leadKeys.timeline(id), queryFn: () => api.leads.timeline(id) });

export const followupsQuery = () =>
  queryOptions({ queryKey: leadKeys.followups(), queryFn: api.leads.followups });

export const stagesQuery = () =>
  queryOptions({ queryKey: leadKeys.stages(), queryFn: api.leads.stages, staleTime: 60_000 });

/** The owner's name for each stage; the default names until theirs have loaded. */
export function stageNamesOf(data: StageNamesDto | undefined): Record<LeadStage, string> {
  const names = { ...STATUS_LABELS } as Record<LeadStage, string>;
  for (const { stage, name } of data?.stages ?? []) names[stage] = name;
  return names;
}

/** The cached pages of a column without one lead, its count one less. */
export const withoutLead = (data: LeadPages | undefined, id: string): LeadPages | undefined => {
  if (!data) return data;
  let found = false;
  const pages = data.pages.map((page) => {
    const items = page.items.filter((l) => l.id !== id);
    if (items.length !== page.items.length) found = true;
    return { ...page, items };
  });
  return {
    ...data,
    pages: pages.map((p, i) => (i === 0 && found && p.total !== null ? { ...p, total: p.total - 1 } : p)),
  };
};

/** The cached pages of a column with a lead on top, its count one more. */
export const withLead = (data: LeadPages | undefined, lead: LeadDto): LeadPages | undefined => {
  if (!data || data.pages.length === 0) return data;
  const [first, ...rest] = data.pages as [LeadPage, ...LeadPage[]];
  return {
    ...data,
    pages: [
      { ...first, items: [lead, ...first.items], total: first.total === null ? null : first.total + 1 },
      ...rest,
    ],
  };
};

import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Audience, CampaignDto, CampaignStatus } from '../../../../functions/campaigns/schema';
import { api, type MessageListParams } from '../../lib/api';

/** Every campaigns query starts with `campaigns`: invalidating that prefix refreshes them all. */
export const campaignKeys = {
  all: ['campaigns'] as const,
  list: () => [...campaignKeys.all, 'list'] as const,
  detail: (id: string) => [...campaignKeys.all, 'detail', id] as const,
  messages: (id: string, params: MessageListParams) =>
    [...campaignKeys.detail(id), 'messages', params] as const,
  audience: (audience: Audience) => [...campaignKeys.all, 'audience', audience] as const,
};

export const senderKeys = { all: ['senders'] as const };
export const suppressionKeys = {
  all: ['suppressions'] as const,
  page: (token: string | undefined) => [...suppressionKeys.all, token ?? 'first'] as const,
};

export const POLL_INTERVAL_MS = 2000;

/** A campaign whose numbers still move by themselves (the page polls it). */
export const isCampaignLive = (status: CampaignStatus | undefined): boolean =>
  status === 'scheduled' || status === 'sending' || status === 'waiting';

const livePoll = (data: CampaignDto | undefined) => (isCampaignLive(data?.status) ? POLL_INTERVAL_MS : false);

export const campaignsQuery = () =>
  queryOptions({
    queryKey: campaignKeys.list(),
    queryFn: api.campaigns.list,
    refetchInterval: (query) =>
      query.state.data?.items.some((c) => isCampaignLive(c.status)) ? POLL_INTERVAL_MS : false,
  });

export const campaignQuery = (id: string) =>
  queryOptions({
    queryKey: campaignKeys.detail(id),
    queryFn: () => api.campaigns.get(id),
    refetchInterval: (query) => livePoll(query.state.data),
  });

export const messagesQuery = (id: string, params: MessageListParams, live: boolean) =>
  queryOptions({
    queryKey: campaignKeys.messages(id, params),
    queryFn: () => api.campaigns.messages(id, params),
    placeholderData: keepPreviousData,
    refetchInterval: live ? POLL_INTERVAL_MS : false,
  });

/** The live count of who an audience reaches, as the wizard's audience step shows it. */
export const audienceCountQuery = (audience: Audience) =>
  queryOptions({
    queryKey: campaignKeys.audience(audience),
    queryFn: () => api.campaigns.audience(audience),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });

export const sendersQuery = () => queryOptions({ queryKey: senderKeys.all, queryFn: api.senders.list });

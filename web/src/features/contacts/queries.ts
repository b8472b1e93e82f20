import { queryOptions } from '@tanstack/react-query';
import { api, type ContactListParams } from '../../lib/api';

export const contactKeys = {
  all: ['contacts'] as const,
  lists: () => [...contactKeys.all, 'list'] as const,
  detail: (id: string) => [...contactKeys.all, 'detail', id] as const,
};

export const contactsQuery = (params: ContactListParams) =>
  queryOptions({
    queryKey: [...contactKeys.lists(), params],
    queryFn: () => api.contacts.list(params),
  });

export const contactQuery = (id: string) =>
  queryOptions({ queryKey: contactKeys.detail(id), queryFn: () => api.contacts.get(id) });

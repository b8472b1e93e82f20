import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { PreviewRequest } from '../../../../functions/templates/schema';
import { api } from '../../lib/api';

/** Every templates query starts with `templates`: invalidating that prefix refreshes them all. */
export const templateKeys = {
  all: ['templates'] as const,
  list: () => [...templateKeys.all, 'list'] as const,
  detail: (id: string) => [...templateKeys.all, 'detail', id] as const,
  variables: () => [...templateKeys.all, 'variables'] as const,
  preview: (request: PreviewRequest) => [...templateKeys.all, 'preview', request] as const,
};

export const templatesQuery = () =>
  queryOptions({ queryKey: templateKeys.list(), queryFn: api.templates.list });

export const templateQuery = (id: string) =>
  queryOptions({ queryKey: templateKeys.detail(id), queryFn: () => api.templates.get(id) });

/** The variables never change while the app runs. */
export const variablesQuery = () =>
  queryOptions({
    queryKey: templateKeys.variables(),
    queryFn: api.templates.variables,
    staleTime: Number.POSITIVE_INFINITY,
  });

/** A template rendered for one contact; the last good preview stays while the next one loads. */
export const previewQuery = (request: PreviewRequest) =>
  queryOptions({
    queryKey: templateKeys.preview(request),
    queryFn: () => api.templates.preview(request),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
